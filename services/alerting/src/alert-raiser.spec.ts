import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRaisedV1, captureProblemV1, relationshipClassifiedV1, type AlertRaised, type CaptureProblem, type RelationshipClassified } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { TypeormArchiveStore } from '@chatvault/store';
import { createLogger } from '@chatvault/platform';
import { waitFor } from '@chatvault/testing';
import { AlertRaiser } from './alert-raiser';

const logger = createLogger('silent');

describe('AlertRaiser', () => {
  let dataDir: string;
  let bus: InProcessBus;
  let store: TypeormArchiveStore;
  let announced: AlertRaised[];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alerting-'));
    bus = new InProcessBus({ log: new MemoryBusLog(), logger, retryBackoff: { initialMs: 1, maxMs: 5 } });
    store = await TypeormArchiveStore.open({ type: 'sqlite', file: join(dataDir, 'chatvault.db') }, logger);
    await store.migrate();
    announced = [];
    await new AlertRaiser(bus, store).onModuleInit();
    await bus.subscribe(alertRaisedV1, { group: 'watch' }, async ({ value }) => void announced.push(value));
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('raises one alert per hit of a judged relationship change, once however often it arrives', async () => {
    const event: RelationshipClassified = {
      eventId: 'classified:rel-1',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      change: { corpId: 'corp', occurredAt: 1, type: 'group-created', chatId: 'wrRoom1', ownerId: 'zhangsan', members: [{ id: 'wmA', kind: 'external' }] },
      employeeId: 'zhangsan',
      hits: [
        { hitId: 'rel-1:private-group', ruleId: 'private-group', category: 'private-group', severity: 'medium', source: 'text', spans: [], excerpt: 'zhangsan created group wrRoom1 with 1 customer(s) and no colleague', policyId: 'default-conduct', policyVersion: 1 },
      ],
    };
    await bus.publish(relationshipClassifiedV1, [event, event]);

    await waitFor(() => announced.length === 2, { description: 'both announcements' });
    const { items } = await store.alerts.list({ corpId: 'corp', offset: 0, limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alertId: 'rel-1:private-group', employeeId: 'zhangsan', conversationId: 'room:wrRoom1', category: 'private-group', msgids: [], policyVersion: 1 });
  });

  it('turns a capture problem into an alert whose severity says what it risks', async () => {
    const problem = (kind: CaptureProblem['kind'], eventId: string): CaptureProblem => ({
      eventId,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      corpId: 'corp',
      kind,
      detail: `${kind}: seq 101–140 missing`,
      seqFrom: 101,
      seqTo: 140,
      count: 40,
    });
    await bus.publish(captureProblemV1, [problem('seq-gap', 'gap-1'), problem('pull-failing', 'pull-1')]);

    await waitFor(() => announced.length === 2, { description: 'two capture alerts' });
    const { items } = await store.alerts.list({ corpId: 'corp', offset: 0, limit: 10 });
    const byRule = new Map(items.map((a) => [a.ruleId, a]));
    expect(byRule.get('capture.seq-gap')).toMatchObject({ category: 'capture-problem', severity: 'high', excerpt: 'seq-gap: seq 101–140 missing', msgids: [] });
    expect(byRule.get('capture.pull-failing')).toMatchObject({ severity: 'critical' });
  });
});
