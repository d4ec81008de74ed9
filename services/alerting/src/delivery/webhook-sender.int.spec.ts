import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertChannel, alertNotification, freePort, rejectionOf } from '@chatvault/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookSender } from './webhook-sender';
import { WEBHOOK_HEADERS, verifyWebhook } from './webhook-signature';

const SECRET = 'receiver-shared-secret-0001';
const NOW = Date.parse('2026-11-29T02:00:00.000Z');

let receiver: Server;
let answer: (response: ServerResponse) => void;
const received: { method: string; path: string; headers: IncomingHttpHeaders; body: string }[] = [];
/** Answers held back by the slow receiver, ended after each test. */
const held: ServerResponse[] = [];
let url: string;

function webhookChannel(address: string) {
  return alertChannel('webhook', 'SOC 接收器', { url: address, secret: SECRET });
}

beforeEach(async () => {
  received.length = 0;
  answer = (response) => response.writeHead(204).end();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/chatvault?token=abc`;
});

afterEach(async () => {
  for (const response of held.splice(0)) response.end();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('WebhookSender against a local receiver', () => {
  it('posts the notification as JSON, signed over timestamp and body', async () => {
    const notification = alertNotification({ data: { hitCount: 3, category: 'private-deal' } });
    await new WebhookSender(() => NOW).send(webhookChannel(url), notification);
    expect(received).toHaveLength(1);
    const [post] = received;
    expect(post.method).toBe('POST');
    expect(post.path).toBe('/hooks/chatvault?token=abc');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers[WEBHOOK_HEADERS.timestamp]).toBe(String(NOW / 1000));
    expect(post.headers[WEBHOOK_HEADERS.delivery]).toBe('delivery-1');
    expect(post.headers[WEBHOOK_HEADERS.signature]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(post.body)).toEqual({
      deliveryId: 'delivery-1',
      kind: 'alert',
      corpId: 'wwfakecorp0000001',
      alertId: 'alert-1',
      severity: 'high',
      title: '疑似飞单：张三 与 客户A',
      lines: notification.lines,
      url: 'https://chatvault.example.com/alerts/alert-1',
      data: { hitCount: 3, category: 'private-deal' },
    });
    const headers = { timestamp: String(post.headers[WEBHOOK_HEADERS.timestamp]), signature: String(post.headers[WEBHOOK_HEADERS.signature]) };
    expect(verifyWebhook(SECRET, headers, post.body, NOW + 1000)).toBe(true);
    expect(verifyWebhook(SECRET, headers, post.body, NOW + 10 * 60_000)).toBe(false);
    expect(verifyWebhook('another-secret-of-16+', headers, post.body, NOW)).toBe(false);
  });

  it('takes any 2xx as delivered', async () => {
    answer = (response) => response.writeHead(202, { 'content-type': 'text/plain' }).end('queued');
    await new WebhookSender().send(webhookChannel(url), alertNotification());
    expect(received).toHaveLength(1);
  });

  it('fails with the status and what the receiver said on a 500', async () => {
    answer = (response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('database unavailable');
    expect((await rejectionOf(new WebhookSender().send(webhookChannel(url), alertNotification()))).message).toBe('webhook SOC 接收器 answered 500: database unavailable');
  });

  it('fails on a 4xx, as the receiver did not take the post', async () => {
    answer = (response) => response.writeHead(401).end();
    expect((await rejectionOf(new WebhookSender().send(webhookChannel(url), alertNotification()))).message).toBe('webhook SOC 接收器 answered 401');
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    answer = (response) => held.push(response);
    expect((await rejectionOf(new WebhookSender(Date.now, 200).send(webhookChannel(url), alertNotification()))).message).toBe('webhook SOC 接收器: no answer within 0.2 s');
    expect(received).toHaveLength(1);
  });

  it('fails naming the connection problem when nothing listens, without the address', async () => {
    const port = await freePort();
    const message = (await rejectionOf(new WebhookSender().send(webhookChannel(`http://127.0.0.1:${port}/hooks?token=secret-token`), alertNotification()))).message;
    expect(message).toBe(`webhook SOC 接收器: unreachable (connect ECONNREFUSED 127.0.0.1:${port})`);
  });
});
