import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type AlertRecord } from '@chatvault/store';
import { SqliteSearchIndex } from '@chatvault/search';
import { openingHit } from '@chatvault/testing';
import { runReindexAlertsCommand } from './reindex-alerts-command';

const logger = createLogger('silent');
const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-reindex-'));
const config = loadConfig({ DATA_DIR: dataDir });

function alert(alertId: string, createdAt: number): AlertRecord {
  return {
    alertId,
    dedupKey: alertId,
    groupKey: alertId,
    corpId: 'wwreindex',
    employeeId: 'zhangsan',
    conversationId: 'single:wmA:zhangsan',
    ruleId: 'off-book-deal',
    category: 'off-book-deal',
    severity: 'high',
    msgids: ['m-1'],
    excerpt: '走飞单',
    policyId: 'default',
    policyVersion: 1,
    status: 'new',
    createdAt,
  };
}

beforeAll(async () => {
  const store = await createArchiveStore(config, logger);
  await store.migrate();
  for (const [i, id] of ['a-1', 'a-2', 'a-3'].entries()) await store.alerts.fileHit(openingHit(alert(id, 1_767_225_600_000 + i)));
  await store.alerts.transition('a-2', 1, { to: 'acknowledged', actor: 'lisi', reason: '跟进', at: 1_767_225_700_000, assignee: 'lisi' });
  await store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('indexes every stored alert in its current state, and can run again', async () => {
  for (let run = 0; run < 2; run++) {
    const lines: string[] = [];
    expect(await runReindexAlertsCommand(config, logger, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['indexed 3 alert(s)']);
  }
  const search = new SqliteSearchIndex({ path: join(dataDir, 'search.db') });
  try {
    await search.ensureReady();
    const { total, items } = await search.searchAlerts({ corpId: 'wwreindex', text: '飞单' });
    expect(total).toBe(3);
    expect(items.map((a) => [a.alertId, a.status, a.assignee])).toEqual([
      ['a-3', 'new', null],
      ['a-2', 'acknowledged', 'lisi'],
      ['a-1', 'new', null],
    ]);
  } finally {
    await search.close();
  }
});
