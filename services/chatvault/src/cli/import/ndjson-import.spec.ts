import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from './import-progress';
import type { IngestAnswer } from './ingest-client';
import { runNdjsonImport } from './ndjson-import';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-ndjson-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const silent: ImportProgress = { update: () => undefined, stop: () => undefined };

/** An ingest endpoint that archives each msgid once, refuses records without `ok`, and can fail on cue. */
class FakeIngest {
  readonly archived = new Map<string, string>();
  readonly batches: string[][] = [];
  failOnBatch = -1;

  async send(corpId: string, records: readonly string[]): Promise<IngestAnswer> {
    if (this.batches.length === this.failOnBatch) throw new Error('connection reset');
    this.batches.push([...records]);
    const answer: IngestAnswer = { accepted: 0, duplicates: 0, rejected: [] };
    records.forEach((json, index) => {
      const record = JSON.parse(json) as { msgid: string; ok?: boolean };
      if (!record.ok) answer.rejected.push({ index, msgid: record.msgid, error: 'ok: required' });
      else if (this.archived.has(`${corpId}:${record.msgid}`)) answer.duplicates++;
      else {
        this.archived.set(`${corpId}:${record.msgid}`, json);
        answer.accepted++;
      }
    });
    return answer;
  }
}

describe('runNdjsonImport', () => {
  const lines = [
    '{"msgid":"m-1","ok":true}',
    'not json',
    '{"corpId":"wwb","msgid":"m-2","ok":true}',
    '{"msgid":"m-3"}',
    '',
    '{"msgid":"m-4","ok":true}',
    '{"msgid":"m-5","ok":true}',
    '{"msgid":"m-1","ok":true}',
  ];
  const input = join(dir, 'records.ndjson');
  writeFileSync(input, `${lines.join('\n')}\n`);
  const options = (ingest: FakeIngest, name: string) => ({
    input,
    statePath: join(dir, `${name}.state.json`),
    rejectsPath: join(dir, `${name}.rejects.ndjson`),
    corpId: 'wwa',
    batchSize: 2,
    client: ingest,
    progress: silent,
  });

  it('posts batches per corp, lists every refused line once, and counts each outcome', async () => {
    const ingest = new FakeIngest();
    const outcome = await runNdjsonImport(options(ingest, 'whole'));
    expect(ingest.batches).toEqual([['{"msgid":"m-1","ok":true}'], ['{"msgid":"m-2","ok":true}'], ['{"msgid":"m-3"}', '{"msgid":"m-4","ok":true}'], ['{"msgid":"m-5","ok":true}', '{"msgid":"m-1","ok":true}']]);
    expect(outcome).toMatchObject({ interrupted: false, state: { line: 9, sent: 6, archived: 4, duplicates: 1, rejected: 2 } });
    expect(readFileSync(join(dir, 'whole.rejects.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { line: 2, reason: expect.stringMatching(/^the line is not valid JSON/) },
      { line: 4, msgid: 'm-3', reason: 'ok: required' },
    ]);
  });

  it('resumes after a failure at the batch that failed, so every record is archived and every reject listed once', async () => {
    const ingest = new FakeIngest();
    ingest.failOnBatch = 2;
    await expect(runNdjsonImport(options(ingest, 'resumed'))).rejects.toThrow('connection reset');
    ingest.failOnBatch = -1;
    const outcome = await runNdjsonImport(options(ingest, 'resumed'));
    expect(outcome).toMatchObject({ resumedFrom: { line: 4, offset: 76 }, interrupted: false, state: { sent: 6, archived: 4, duplicates: 1, rejected: 2 } });
    expect([...ingest.archived.keys()].sort()).toEqual(['wwa:m-1', 'wwa:m-4', 'wwa:m-5', 'wwb:m-2']);
    expect(readFileSync(join(dir, 'resumed.rejects.ndjson'), 'utf8').trim().split('\n')).toHaveLength(2);
    // A rerun of a finished import has nothing left to send.
    const again = await runNdjsonImport(options(ingest, 'resumed'));
    expect(again.state).toEqual(outcome.state);
    expect(ingest.batches).toHaveLength(4);
  });

  it('stops after the batch in flight when aborted, its state saved', async () => {
    const ingest = new FakeIngest();
    const interrupt = new AbortController();
    const client = { send: (corpId: string, records: readonly string[]) => (interrupt.abort(), ingest.send(corpId, records)) };
    const outcome = await runNdjsonImport({ ...options(ingest, 'aborted'), client, signal: interrupt.signal });
    expect(outcome).toMatchObject({ interrupted: true, state: { line: 4, sent: 2, rejected: 1 } });
    expect(await runNdjsonImport(options(ingest, 'aborted'))).toMatchObject({ interrupted: false, resumedFrom: { line: 4 }, state: { sent: 6, archived: 4, rejected: 2 } });
  });
});
