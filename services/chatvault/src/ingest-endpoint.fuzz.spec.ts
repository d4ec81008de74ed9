import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INGEST_BATCH, MAX_RECORD_BYTES } from '@chatvault/contracts';
import { createLogger, loadConfig } from '@chatvault/platform';
import { businessDayOf } from '@chatvault/store';
import { waitFor } from '@chatvault/testing';
import { startChatVault, type RunningChatVault } from './chatvault';

const API_KEY = `cv_test_${randomUUID()}`;
const CORP = `wwfuzz-${randomUUID().slice(0, 8)}`;
const RUNS = 10_000;

/** A well-formed text record; the msgid is given when it is sent, so every valid one is new. */
const sendRecord = { action: 'send', from: 'zhangsan', tolist: ['wmCustomer1'], roomid: '', msgtime: Date.parse('2023-11-15T10:00:00+08:00'), msgtype: 'text', text: { content: '您好' } };
const switchRecord = { action: 'switch', time: Date.parse('2023-11-15T10:00:00+08:00'), user: 'zhangsan' };

/** Something the endpoint must refuse, and what the refusal must name. */
interface Bad {
  json: string;
  names: RegExp;
}

const notOfType = (kind: 'string' | 'integer' | 'array') =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.object({ maxDepth: 1 }),
    ...(kind === 'string' ? [fc.integer(), fc.array(fc.string(), { maxLength: 2 })] : []),
    ...(kind === 'integer' ? [fc.string(), fc.double({ noInteger: true }), fc.integer({ max: -1 })] : []),
    ...(kind === 'array' ? [fc.string(), fc.integer(), fc.array(fc.oneof(fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 3 })] : []),
  );

const SEND_FIELDS = { msgid: 'string', from: 'string', msgtype: 'string', tolist: 'array', msgtime: 'integer' } as const;
const SWITCH_FIELDS = { msgid: 'string', user: 'string', time: 'integer' } as const;

function fieldFaults(base: object, fields: Record<string, 'string' | 'integer' | 'array'>): fc.Arbitrary<Bad> {
  const field = fc.constantFrom(...Object.keys(fields));
  const record = (overrides: Record<string, unknown>) => ({ msgid: `bad-${randomUUID()}`, ...base, ...overrides });
  return fc.oneof(
    field.map((name) => ({ json: JSON.stringify({ ...record({}), [name]: undefined }), names: new RegExp(`^(.*; )?${name}(\\.\\d+)?: `) })),
    field.chain((name) => notOfType(fields[name]!).map((value) => ({ json: JSON.stringify(record({ [name]: value })), names: new RegExp(`^(.*; )?${name}(\\.\\d+)?: `) }))),
    fc.constantFrom(...Object.keys(fields).filter((name) => fields[name] === 'string')).map((name) => ({ json: JSON.stringify(record({ [name]: '' })), names: new RegExp(`${name} is required`) })),
  );
}

const HUGE = 'x'.repeat(MAX_RECORD_BYTES);

/** Records the endpoint must refuse one by one, keeping the rest of their batch. */
const badRecord: fc.Arbitrary<Bad> = fc.oneof(
  { weight: 360, arbitrary: fieldFaults(sendRecord, SEND_FIELDS) },
  { weight: 120, arbitrary: fieldFaults(switchRecord, SWITCH_FIELDS) },
  { weight: 120, arbitrary: fc.string().filter((a) => !['send', 'recall', 'switch'].includes(a)).map((action) => ({ json: JSON.stringify({ ...sendRecord, msgid: 'x', action }), names: /^action: action must be one of send, recall, switch$/ })) },
  { weight: 60, arbitrary: fc.constant({ json: JSON.stringify({ ...sendRecord, msgid: 'no-action', action: undefined }), names: /action/ }) },
  { weight: 120, arbitrary: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })).map((value) => ({ json: JSON.stringify(value), names: /expected object/ })) },
  // Over 1 MiB: rare, as each costs a megabyte on the wire.
  { weight: 1, arbitrary: fc.constant({ json: JSON.stringify({ ...sendRecord, msgid: 'huge', text: { content: HUGE } }), names: /over the limit of 1048576/ }) },
);

const batchBody = (corpId: unknown, records: string[], extra = '') => `{"corpId":${JSON.stringify(corpId)},"messages":[${records.join(',')}]${extra}}`;
const someRecords = fc.array(badRecord, { minLength: 1, maxLength: 3 }).map((bad) => bad.map((b) => b.json));

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Requests refused as a whole, with a 4xx naming what is wrong. */
interface BadRequest {
  body: string;
  contentType: string;
  names: RegExp;
}

const badRequest: fc.Arbitrary<BadRequest> = fc.oneof(
  // Bad JSON: a good batch cut short, or with a byte of garbage inside.
  fc.tuple(someRecords, fc.nat()).map(([records, at]) => {
    const body = batchBody(CORP, records);
    return { body: body.slice(0, at % body.length), contentType: 'application/json', names: /JSON|corpId|messages/ };
  }),
  fc
    .tuple(someRecords, fc.nat(), fc.constantFrom('{', '"', ':', ']', '\\', '\u0001', 'x'))
    .map(([records, at, junk]) => {
      const body = batchBody(CORP, records);
      const i = 1 + (at % (body.length - 1));
      return { body: `${body.slice(0, i)}${junk}${body.slice(i)}`, contentType: 'application/json', names: /JSON/ };
    })
    // Garbage inside a string can leave the JSON valid: that is a batch of other bad records, not bad JSON.
    .filter(({ body }) => !isJson(body)),
  fc.tuple(notOfType('string'), someRecords).map(([corpId, records]) => ({ body: batchBody(corpId, records), contentType: 'application/json', names: /^corpId: / })),
  someRecords.map((records) => ({ body: batchBody('', records), contentType: 'application/json', names: /corpId is required/ })),
  someRecords.map((records) => ({ body: `{"messages":[${records.join(',')}]}`, contentType: 'application/json', names: /^corpId: / })),
  fc.oneof(fc.constant([]), fc.constant(null), fc.string(), fc.integer(), fc.object()).map((messages) => ({ body: JSON.stringify({ corpId: CORP, messages }), contentType: 'application/json', names: /^messages: / })),
  fc.constant({ body: batchBody(CORP, Array.from({ length: MAX_INGEST_BATCH + 1 }, () => '{}')), contentType: 'application/json', names: /at most 1000 messages per batch/ }),
  fc.tuple(fc.string().filter((s) => s !== 'http' && s !== 'import'), someRecords).map(([source, records]) => ({ body: batchBody(CORP, records, `,"source":${JSON.stringify(source)}`), contentType: 'application/json', names: /^source: source must be http or import$/ })),
  fc.tuple(fc.jsonValue(), fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream')).map(([value, contentType]) => ({ body: JSON.stringify(value) ?? 'null', contentType, names: /must be a JSON object .* Content-Type: application\/json/ })),
  fc.oneof(fc.constant('null'), fc.constant('[1]'), fc.integer().map(String), fc.constant('"batch"')).map((body) => ({ body, contentType: 'application/json', names: /JSON/ })),
);

/** One request: refused whole, or a batch whose bad records are refused and valid ones (by position) taken. */
const exchange = fc.oneof(
  { weight: 2, arbitrary: badRequest.map((request) => ({ kind: 'request' as const, request })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.array(badRecord, { minLength: 1, maxLength: 4 }),
        // A valid record (a switch one now and then) in about one batch of eight: each costs a trip through the archive.
        fc.oneof({ weight: 7, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.boolean(), { minLength: 1, maxLength: 2 }) }),
        fc.nat(),
      )
      .map(([bad, valid, seed]) => ({ kind: 'batch' as const, bad, validSwitches: valid, seed })),
  },
);

describe('the ingest endpoint under malformed input', () => {
  let chatvault: RunningChatVault;
  const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-ingest-fuzz-'));

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TARGET: 'api,ingest', CHATVAULT_API_KEY: API_KEY, LOG_LEVEL: 'silent' });
    chatvault = await startChatVault(config, createLogger('silent'));
  }, 120_000);

  afterAll(async () => {
    await chatvault?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (body: string, contentType = 'application/json') => {
    const response = await fetch(`${chatvault.url}/api/v1/ingest/wecom/messages`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${API_KEY}` }, body });
    return { status: response.status, body: (await response.json()) as any };
  };

  it(`refuses ${RUNS.toLocaleString('en')} generated malformed requests and records with a 4xx or a per-record reason naming the problem, never a 5xx, and archives every valid record sent among them`, async () => {
    const validIds: string[] = [];
    let malformed = 0;

    await fc.assert(
      fc.asyncProperty(exchange, async (exchange) => {
        if (exchange.kind === 'request') {
          const { status, body } = await post(exchange.request.body, exchange.request.contentType);
          expect(status, JSON.stringify(body)).toBe(400);
          expect(body.error.message).toMatch(exchange.request.names);
          malformed++;
          return;
        }
        const valid = exchange.validSwitches.map((isSwitch) => {
          const msgid = `ok-${validIds.length}-${randomUUID()}`;
          validIds.push(msgid);
          return JSON.stringify({ msgid, ...(isSwitch ? switchRecord : sendRecord) });
        });
        // Valid records go in among the bad ones at generated places.
        const records: ({ bad: Bad } | { valid: string })[] = exchange.bad.map((bad) => ({ bad }));
        valid.forEach((json, n) => records.splice((exchange.seed + n) % (records.length + 1), 0, { valid: json }));
        const { status, body } = await post(batchBody(CORP, records.map((r) => ('bad' in r ? r.bad.json : r.valid))));
        expect(status, JSON.stringify(body)).toBe(202);
        expect(body.accepted).toBe(valid.length);
        const badIndexes = records.flatMap((r, index) => ('bad' in r ? [index] : []));
        expect(body.rejected.map((r: { index: number }) => r.index)).toEqual(badIndexes);
        for (const refusal of body.rejected) expect(refusal.error).toMatch((records[refusal.index] as { bad: Bad }).bad.names);
        malformed += badIndexes.length;
      }),
      { numRuns: RUNS },
    );

    expect(malformed).toBeGreaterThanOrEqual(RUNS);
    expect((await post('x'.repeat(21 * 1024 * 1024))).status).toBe(413);
    expect((await fetch(`${chatvault.url}/readyz`)).status).toBe(200);
    const day = businessDayOf(Date.now());
    await waitFor(
      async () => {
        const response = await fetch(`${chatvault.url}/api/v1/archive/capture/reconciliation?corpId=${CORP}&day=${day}`, { headers: { authorization: `Bearer ${API_KEY}` } });
        return ((await response.json()) as { archived: number }).archived === validIds.length || undefined;
      },
      { timeoutMs: 60_000, description: `all ${validIds.length} valid records to be archived` },
    );
  }, 300_000);
});
