import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@chatvault/testing';
import { IngestClient, IngestRefusedError } from './ingest-client';

/** Answers each request with the next of `answers`, and keeps what was posted. */
let answers: [number, string][] = [];
const bodies: string[] = [];
const server: Server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    bodies.push(body);
    const [status, text] = answers.shift() ?? [500, 'no answer left'];
    response.writeHead(status, { 'content-type': 'application/json' }).end(text);
  });
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (target: string, retries: string[] = []) =>
  new IngestClient({ url: target, apiKey: 'k', attempts: 3, baseDelayMs: 1, maxDelayMs: 5, onRetry: (attempt, reason) => retries.push(`${attempt}: ${reason}`) });

describe('IngestClient', () => {
  it('posts the records as written, marked as an import, and retries a 5xx until the batch is taken', async () => {
    answers = [
      [503, '{"error":{"code":"unavailable","message":"could not queue the batch"}}'],
      [502, 'bad gateway'],
      [202, '{"accepted":1,"duplicates":0,"rejected":[]}'],
    ];
    bodies.length = 0;
    const retries: string[] = [];
    expect(await client(url, retries).send('ww"a', ['{ "msgid" : "m-1" }'])).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toBe('{"corpId":"ww\\"a","source":"import","messages":[{ "msgid" : "m-1" }]}');
    expect(retries).toEqual(['1: 503 could not queue the batch', '2: 502 bad gateway']);
  });

  it('gives up on a batch the server refuses as a whole, without retrying', async () => {
    answers = [[401, '{"error":{"code":"unauthenticated","message":"the API key is not valid"}}']];
    const sent = bodies.length;
    await expect(client(url).send('wwa', ['{}'])).rejects.toThrow(new IngestRefusedError('the server refused the batch: 401 the API key is not valid'));
    expect(bodies).toHaveLength(sent + 1);
  });

  it('names the network error once it has tried as often as it may', async () => {
    const retries: string[] = [];
    await expect(client(`http://127.0.0.1:${await freePort()}`, retries).send('wwa', ['{}'])).rejects.toThrow(/^gave up after 3 attempts: fetch failed: ECONNREFUSED$/);
    expect(retries).toHaveLength(2);
  });
});
