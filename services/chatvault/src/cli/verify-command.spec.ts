import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { businessDayRange, createArchiveStore, DaySealer, TypeormArchiveStore, type ArchivedMessageRecord } from '@chatvault/store';
import { chatMessage } from '@chatvault/testing';
import { runVerifyCommand } from './verify-command';

const logger = createLogger('silent');
const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-verify-'));
const config = loadConfig({ DATA_DIR: dataDir });
const DAY = '2026-01-05';

function record(msgid: string, msgtime: number): ArchivedMessageRecord {
  return {
    message: chatMessage({ corpId: 'wwverify', msgid, msgtime, text: '你好' }),
    rawJson: `{"msgid":"${msgid}"}`,
    contentHash: 'unused',
    source: 'finance-sdk',
    archivedAt: msgtime,
  };
}

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runVerifyCommand(args, config, logger, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

beforeAll(async () => {
  const store = await createArchiveStore(config, logger);
  await store.migrate();
  const { fromMs } = businessDayRange(DAY);
  await store.messages.insertNew([record('m-1', fromMs + 1), record('m-2', fromMs + 2)]);
  await new DaySealer(store).seal('wwverify', DAY);
  await store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('chatvault verify', () => {
  it('prints INTACT and exits 0 for an untouched sealed day', async () => {
    const { code, output } = await run(['--corp', 'wwverify', '--day', DAY]);
    expect(output).toMatch(/result\s+INTACT/);
    expect(output).toMatch(/sealed records\s+2/);
    expect(code).toBe(0);
  });

  it('prints TAMPERED naming the altered record and exits 1 once a row is changed', async () => {
    const store = (await createArchiveStore(config, logger)) as TypeormArchiveStore;
    await store.dataSource.query(`UPDATE "archived_messages" SET "text" = 'changed' WHERE "msgid" = 'm-2'`);
    await store.close();
    const { code, output } = await run(['--corp', 'wwverify', '--day', DAY]);
    expect(output).toMatch(/result\s+TAMPERED/);
    expect(output).toMatch(/altered\s+m-2\n/);
    expect(output).toMatch(/merkle root matches\s+NO/);
    expect(code).toBe(1);
  });

  it('exits 1 with the reason for a day not sealed, a bad day and missing options', async () => {
    expect(await run(['--corp', 'wwverify', '--day', '2026-01-06'])).toEqual({ code: 1, output: 'verify failed: 2026-01-06 is not sealed for corp wwverify' });
    expect((await run(['--corp', 'wwverify', '--day', '2026-13-01'])).output).toContain('day must be a calendar date written YYYY-MM-DD');
    expect(await run(['--corp', 'wwverify'])).toEqual({ code: 1, output: '--corp and --day are required\nusage: chatvault verify --corp <corpId> --day <YYYY-MM-DD>' });
  });
});
