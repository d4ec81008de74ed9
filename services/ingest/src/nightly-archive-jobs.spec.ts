import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveDayReconciledV1, archiveDaySealedSchema, archiveDaySealedV1, type ArchiveDayReconciled, type ArchiveDaySealed } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { createLogger, loadConfig } from '@chatvault/platform';
import { businessDayRange, createArchiveStore, previousBusinessDay, type ArchiveStore } from '@chatvault/store';
import { chatMessage, waitFor } from '@chatvault/testing';
import { NightlyArchiveJobs } from './nightly-archive-jobs';
import { nextSealTime } from './tamper-evidence/next-seal-time';

const logger = createLogger('silent');
const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-seal-timer-'));
let store: ArchiveStore;
let bus: InProcessBus;
const received: ArchiveDaySealed[] = [];
const reconciled: ArchiveDayReconciled[] = [];

beforeAll(async () => {
  store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), logger);
  await store.migrate();
  bus = new InProcessBus({ log: new MemoryBusLog(), namespace: `t${randomUUID().slice(0, 8)}`, logger });
  await bus.subscribe(archiveDaySealedV1, { group: 'test' }, async ({ value }) => {
    received.push(value);
  });
  await bus.subscribe(archiveDayReconciledV1, { group: 'test' }, async ({ value }) => void reconciled.push(value));
  await bus.start();
});
afterAll(async () => {
  await bus.stop();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('NightlyArchiveJobs', () => {
  it('seals and reconciles the previous China business day of every corp with messages, and announces each seal and reconciliation', async () => {
    const { fromMs } = businessDayRange('2026-01-05');
    const record = (corpId: string) => ({ message: chatMessage({ corpId, msgtime: fromMs + 1 }), rawJson: '{}', contentHash: '-', source: 'test', archivedAt: fromMs + 2 });
    await store.messages.insertNew([record('wwa'), record('wwb')]);

    // 00:10 China time on the 6th: the day before is the 5th.
    await new NightlyArchiveJobs(store, bus, logger).runPreviousDay(businessDayRange('2026-01-06').fromMs + 10 * 60_000);

    await waitFor(() => received.length >= 2 || undefined, { timeoutMs: 10_000, description: 'two seals announced' });
    expect(received.map((e) => e.corpId).sort()).toEqual(['wwa', 'wwb']);
    for (const event of received) {
      expect(archiveDaySealedSchema.parse(event)).toEqual(event);
      expect(event).toMatchObject({ eventId: `sealed:${event.corpId}:2026-01-05`, day: '2026-01-05', recordCount: 1 });
      expect(event.merkleRoot).toBe((await store.chain.findSeal(event.corpId, '2026-01-05'))!.merkleRoot);
    }
      await waitFor(() => reconciled.length >= 2 || undefined, { timeoutMs: 10_000, description: 'two reconciliations announced' });
    expect(reconciled.map((e) => [e.corpId, e.day, e.archived, e.complete])).toEqual([
      ['wwa', '2026-01-05', 1, true],
      ['wwb', '2026-01-05', 1, true],
    ]);
  });

  it('catches up on start with the day the last nightly run was due for', async () => {
    const lastRun = nextSealTime(Date.now()) - 86_400_000;
    const day = previousBusinessDay(lastRun);
    await store.messages.insertNew([{ message: chatMessage({ corpId: 'wwlate', msgtime: businessDayRange(day).fromMs + 1 }), rawJson: '{}', contentHash: '-', source: 'test', archivedAt: 0 }]);
    const jobs = new NightlyArchiveJobs(store, bus, logger);
    jobs.onModuleInit();
    try {
      await waitFor(() => received.some((e) => e.corpId === 'wwlate' && e.day === day) || undefined, { timeoutMs: 10_000, description: 'the missed day sealed at start' });
    } finally {
      jobs.onModuleDestroy();
    }
  });
});
