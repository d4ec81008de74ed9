import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '@chatvault/contracts';
import { businessDayOf } from '@chatvault/store';
import { NPM_START_ARGS, REPO_ROOT, startEmbeddedStack, startRealStack, waitFor, type ChatVaultStack } from '@chatvault/testing';

const API_KEY = `cv_test_${randomUUID()}`;
const BATCH = 50;
/** The request the proxy forwards but never answers: the importer is killed while waiting for it. */
const HELD_REQUEST = 4;

/** Response bodies are asserted field by field, so they are read untyped. */
const json = (response: Response): Promise<any> => response.json();

/**
 * Forwards requests to ChatVault; the HELD_REQUEST-th is forwarded and archived, but its answer is
 * never passed on, so the importer dies not knowing the server took that batch.
 */
class HoldingProxy {
  private readonly server: Server;
  private requests = 0;
  readonly held: Promise<void>;
  private release!: () => void;

  constructor(target: string) {
    this.held = new Promise((resolve) => (this.release = resolve));
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const number = ++this.requests;
        const upstream = await fetch(`${target}${request.url}`, {
          method: request.method,
          headers: { 'content-type': request.headers['content-type']!, authorization: request.headers.authorization! },
          body: Buffer.concat(chunks),
        });
        const body = await upstream.text();
        if (number === HELD_REQUEST) return this.release();
        response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** `npm start -- import …` as its own process, as an operator runs it. */
function importer(args: string[]) {
  const child = spawn(process.execPath, [...NPM_START_ARGS, 'import', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const record = (msgid: string, i: number) => ({
  msgid,
  action: 'send',
  from: 'zhangsan',
  tolist: ['wmCustomer1'],
  roomid: '',
  msgtime: Date.parse('2023-11-15T10:00:00+08:00') + i,
  msgtype: 'text',
  text: { content: `您好，第 ${i} 条` },
});

describe.each([
  ['embedded default, one process', () => startEmbeddedStack(API_KEY)],
  ['real stack, one process per service', () => startRealStack(API_KEY, ['ingest', 'api'])],
])('NDJSON import: %s', (_mode, start) => {
  const corpId = `corp-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'chatvault-import-file-'));
  const input = join(dir, 'records.ndjson');
  const statePath = `${input}.import-state.json`;
  /** Line number (1-based) → what the rejects file must say about it. */
  const bad = new Map<number, RegExp>();
  const good: string[] = [];
  let wrappedLine = '';
  let stack: ChatVaultStack;

  beforeAll(async () => {
    const lines: string[] = [];
    const badLines: Record<number, [string, RegExp]> = {
      5: ['{"msgid": "broken', /^the line is not valid JSON/],
      60: [JSON.stringify({ ...record('m-zap', 60), action: 'zap' }), /action must be one of send, recall, switch/],
      130: [JSON.stringify({ ...record('', 130), msgid: undefined }), /^msgid: /],
      200: ['[1,2]', /must be a JSON object/],
      250: [JSON.stringify({ corpId: 7, ...record('m-corp', 250) }), /corpId must be a non-empty string/],
      300: [JSON.stringify(record('m-huge', 300)).replace('您好', 'x'.repeat(MAX_RECORD_BYTES)), /over the limit of 1048576/],
    };
    for (let line = 1; lines.length < 406; line++) {
      if (badLines[line]) {
        lines.push(badLines[line]![0]);
        bad.set(line, badLines[line]![1]);
      } else if (line === 310) {
        lines.push('');
      } else {
        const msgid = `m-${line}`;
        good.push(msgid);
        // Every other record carries its corp, as an export of several corps would.
        lines.push(line % 2 ? JSON.stringify(record(msgid, line)) : JSON.stringify({ corpId, ...record(msgid, line) }));
        if (line === 12) wrappedLine = lines.at(-1)!;
      }
    }
    writeFileSync(input, `${lines.join('\n')}\n`);
    stack = await start();
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives every good record exactly once across a kill and a resume, and lists each bad line once with its reason', async () => {
    const day = businessDayOf(Date.now());
    const proxy = new HoldingProxy(stack.api);
    const first = importer([input, '--url', await proxy.start(), '--corp', corpId, '--batch', String(BATCH)]);
    await proxy.held;
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(saved.sent).toBeGreaterThan(0);
    expect(saved.line).toBeGreaterThan(1);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await proxy.stop();

    const second = importer([input, '--url', stack.api, '--corp', corpId, '--batch', String(BATCH)]);
    expect(await second.exited, second.output()).toBe(1);
    expect(second.output()).toMatch(new RegExp(`resumed at\\s+line ${saved.line} `));
    expect(second.output()).toMatch(/result\s+DONE, WITH REJECTED LINES/);
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    // The held batch was archived before the kill: sent again, it only counts as duplicates.
    expect(state.duplicates).toBeGreaterThan(0);
    expect(state).toMatchObject({ archived: good.length - state.duplicates, rejected: bad.size, line: 407 });

    const rejects = readFileSync(`${input}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => r.line)).toEqual([...bad.keys()]);
    for (const r of rejects) expect(r.reason).toMatch(bad.get(r.line)!);

    const reconciliation = await waitFor(
      async () => {
        const body = await json(await fetch(`${stack.api}/api/v1/archive/capture/reconciliation?corpId=${corpId}&day=${day}`, { headers: { authorization: `Bearer ${API_KEY}` } }));
        return body.archived >= good.length ? body : undefined;
      },
      { timeoutMs: 60_000, description: 'every good record to be archived' },
    );
    expect(reconciliation.received).toEqual([{ source: 'import', archived: good.length, duplicate: state.duplicates }]);

    const wrapped = JSON.parse(wrappedLine);
    const message = await json(await fetch(`${stack.api}/api/v1/messages/${wrapped.msgid}?corpId=${corpId}`, { headers: { authorization: `Bearer ${API_KEY}` } }));
    expect(message.raw).toBe(wrappedLine.replace(`"corpId":"${corpId}",`, ''));
  });
});
