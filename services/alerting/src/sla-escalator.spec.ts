import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertChangedV1, type AlertChanged, type Severity } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { openingHit, waitFor } from '@chatvault/testing';
import { SLA_ACTOR, SlaEscalator } from './sla-escalator';

const RAISED = 1_767_225_600_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('SLA escalator', () => {
  let dataDir: string;
  let store: ArchiveStore;
  let now = RAISED;
  let escalator: SlaEscalator;
  let bus: InProcessBus;
  const changes: AlertChanged[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatvault-sla-'));
    store = await createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    await store.migrate();
    bus = new InProcessBus({ log: new MemoryBusLog(), logger: createLogger('silent') });
    await bus.subscribe(alertChangedV1, { group: 'watch' }, async ({ value }) => void changes.push(value));
    await bus.start();
    escalator = new SlaEscalator(store, bus, () => now, createLogger('silent'));
  });

  afterAll(async () => {
    await bus.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function raise(severity: Severity, raisedAt = RAISED): Promise<AlertRecord> {
    const alertId = randomUUID();
    const alert: AlertRecord = {
      alertId,
      dedupKey: alertId,
      groupKey: alertId,
      corpId: 'wwsla',
      employeeId: 'zhangsan',
      conversationId: 'single:lisi:zhangsan',
      ruleId: 'kickback',
      category: 'bribery',
      severity,
      msgids: ['m-1'],
      excerpt: '回扣',
      policyId: 'default',
      policyVersion: 1,
      status: 'new',
      createdAt: raisedAt,
    };
    await store.alerts.fileHit(openingHit(alert));
    return alert;
  }

  it('escalates each severity once its SLA has passed, and not a minute before', async () => {
    const critical = await raise('critical');
    const high = await raise('high');
    const medium = await raise('medium');
    const low = await raise('low');
    const info = await raise('info');
    const expectations: [number, string[]][] = [
      [HOUR - MINUTE, []],
      [HOUR + MINUTE, [critical.alertId]],
      [4 * HOUR + MINUTE, [high.alertId]],
      [24 * HOUR + MINUTE, [medium.alertId]],
      [72 * HOUR + MINUTE, [low.alertId]],
      [1_000 * HOUR, []],
    ];
    for (const [elapsed, ids] of expectations) {
      now = RAISED + elapsed;
      expect(await escalator.escalateOverdue()).toEqual(ids);
    }
    expect(await store.alerts.find(info.alertId)).toMatchObject({ status: 'new', version: 1 });
    expect(await store.alerts.transitions(critical.alertId)).toEqual([
      expect.objectContaining({ from: 'new', to: 'escalated', actor: SLA_ACTOR, reason: 'still new 1h after it was raised; the critical SLA is 1h', at: RAISED + HOUR + MINUTE }),
    ]);
    await waitFor(() => changes.length === 4, { description: 'an alert.changed.v1 event per escalation' });
    expect(changes.find((c) => c.alertId === critical.alertId)).toMatchObject({ change: 'transitioned', actor: SLA_ACTOR, status: 'escalated', version: 2, severity: 'critical' });
  });

  it('escalates acknowledged and in-review alerts too, but leaves escalated and resolved ones alone', async () => {
    now = RAISED + 2 * HOUR;
    const inReview = await raise('critical');
    await store.alerts.transition(inReview.alertId, 1, { to: 'acknowledged', actor: 'alice', reason: 'mine', at: RAISED + 1 });
    await store.alerts.transition(inReview.alertId, 2, { to: 'in_review', actor: 'alice', reason: 'reading', at: RAISED + 2 });
    const resolved = await raise('critical');
    await store.alerts.transition(resolved.alertId, 1, { to: 'escalated', actor: 'bob', reason: 'boss', at: RAISED + 1 });
    await store.alerts.transition(resolved.alertId, 2, { to: 'resolved', actor: 'bob', reason: 'fine', at: RAISED + 2, resolution: 'false_positive' });

    expect(await escalator.escalateOverdue()).toEqual([inReview.alertId]);
    expect(await store.alerts.find(inReview.alertId)).toMatchObject({ status: 'escalated', version: 4, assignee: null });
    expect((await store.alerts.transitions(inReview.alertId)).at(-1)).toMatchObject({ from: 'in_review', reason: 'still in review 2h after it was raised; the critical SLA is 1h' });
    expect(await store.alerts.find(resolved.alertId)).toMatchObject({ status: 'resolved', version: 3 });
    expect(await escalator.escalateOverdue()).toEqual([]);
  });
});
