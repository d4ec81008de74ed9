import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FRESH_IMPORT, ImportStateFile } from './import-state';
import { RejectsFile } from './rejects-file';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-import-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ImportStateFile', () => {
  it('starts fresh without a file, and loads what it saved', async () => {
    const file = new ImportStateFile(join(dir, 'a.state.json'));
    expect(await file.load()).toEqual(FRESH_IMPORT);
    const state = { offset: 120, line: 4, rejectsBytes: 40, sent: 2, archived: 1, duplicates: 1, rejected: 1 };
    await file.save(state);
    expect(await file.load()).toEqual(state);
  });

  it('refuses a file that is not an import state, saying how to start over', async () => {
    writeFileSync(join(dir, 'b.state.json'), '{"offset":-1}');
    await expect(new ImportStateFile(join(dir, 'b.state.json')).load()).rejects.toThrow(/is not an import state .*delete it to import from the start/);
    writeFileSync(join(dir, 'c.state.json'), 'garbage');
    await expect(new ImportStateFile(join(dir, 'c.state.json')).load()).rejects.toThrow(/is not JSON: delete it/);
  });
});

describe('RejectsFile', () => {
  it('appends rejected lines, and on reopening drops what came after the committed size', async () => {
    const path = join(dir, 'r.ndjson');
    const first = await RejectsFile.open(path, 0);
    const committed = await first.append([{ line: 2, reason: 'the line is not valid JSON' }]);
    await first.append([{ line: 9, msgid: 'm-9', reason: 'written, but the state was never saved' }]);
    await first.close();

    const second = await RejectsFile.open(path, committed);
    await second.append([{ line: 9, msgid: 'm-9', reason: 'action: action must be one of send, recall, switch' }]);
    await second.close();
    expect(readFileSync(path, 'utf8')).toBe('{"line":2,"reason":"the line is not valid JSON"}\n{"line":9,"msgid":"m-9","reason":"action: action must be one of send, recall, switch"}\n');
    await expect(RejectsFile.open(path, 10_000)).rejects.toThrow(/shorter than the import state says/);
  });
});
