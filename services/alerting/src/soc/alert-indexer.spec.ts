import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertChangedV1, chatMessageClassifiedV1, type ChatMessageClassified } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { alertChangedEvent, TypeormArchiveStore } from '@chatvault/store';
import { SqliteSearchIndex } from '@chatvault/search';
import { createLogger, loadConfig } from '@chatvault/platform';
import { chatMessage, waitFor } from '@chatvault/testing';
import { AlertRaiser } from '../alert-raiser';
import { AlertIndexer } from './alert-indexer';

const logger = createLogger('silent');

describe('AlertIndexer', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let search: SqliteSearchIndex;
  let now: number;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alert-indexer-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    search = new SqliteSearchIndex({ path: join(dataDir, 'search.db') });
    await search.ensureReady();
    now = 1_767_225_600_000;
    await new AlertRaiser(bus, store, () => now, loadConfig({})).onModuleInit();
    await new AlertIndexer(bus, store, search).onModuleInit();
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await search.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const classified = (msgid: string): ChatMessageClassified => ({
    eventId: `classified:${msgid}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    message: chatMessage({ corpId: 'corp', msgid, conversationId: 'single:wmA:zhangsan' }),
    employeeId: 'zhangsan',
    hits: [
      { hitId: `${msgid}:private-deal`, ruleId: 'private-deal', category: 'off-book', severity: 'medium', source: 'text', spans: [], excerpt: '这单走飞单', policyId: 'default-conduct', policyVersion: 2 },
    ],
  });

  const indexed = async () => (await search.searchAlerts({ corpId: 'corp' })).items;

  it('indexes a raised alert, then its state after each hit and transition', async () => {
    await bus.publish(chatMessageClassifiedV1, [classified('m1')]);
    await waitFor(async () => (await indexed()).length === 1, { description: 'the raised alert indexed' });
    expect(await indexed()).toEqual([
      expect.objectContaining({ alertId: 'm1:private-deal', employeeId: 'zhangsan', category: 'off-book', status: 'new', hitCount: 1, excerpt: '这单走飞单', createdAt: now }),
    ]);

    now += 60_000;
    await bus.publish(chatMessageClassifiedV1, [classified('m2')]);
    await waitFor(async () => (await indexed())[0]?.hitCount === 2, { description: 'the second hit indexed' });

    const moved = await store.alerts.transition('m1:private-deal', 1, { to: 'acknowledged', actor: 'lisi', reason: '我来看', at: now, assignee: 'lisi' });
    await bus.publish(alertChangedV1, [alertChangedEvent(moved, 'transitioned', 'lisi', 'transition:1')]);
    await waitFor(async () => (await search.searchAlerts({ corpId: 'corp', status: 'acknowledged', text: '飞单' })).total === 1, {
      description: 'the acknowledged state indexed',
    });
    expect(await indexed()).toEqual([expect.objectContaining({ status: 'acknowledged', assignee: 'lisi', version: 2, hitCount: 2, msgids: ['m1', 'm2'] })]);
  });

  it('indexes the current state whatever event arrives last', async () => {
    await bus.publish(chatMessageClassifiedV1, [classified('m1')]);
    await waitFor(async () => (await indexed()).length === 1, { description: 'the raised alert indexed' });
    const raised = (await store.alerts.find('m1:private-deal'))!;
    await store.alerts.transition('m1:private-deal', 1, { to: 'escalated', actor: 'lisi', reason: '上报', at: now });
    // An event about the earlier state, delivered late, still indexes what the store holds now.
    await bus.publish(alertChangedV1, [alertChangedEvent(raised, 'commented', 'lisi', 'comment:late')]);
    await waitFor(async () => (await indexed())[0]?.status === 'escalated', { description: 'the escalated state indexed' });
  });
});
