import { describe, expect, it } from 'vitest';
import type { RelationshipChange } from '@chatvault/contracts';
import { simulate, simulatedCallbacks } from '@chatvault/simulator';
import { parseCallbackEvent } from '@chatvault/wecom';
import { mapCallbackEvent } from './callback-event-mapper';

const corpId = 'wwsimulated000001';
/** Callbacks carry whole seconds. */
const at = 1_709_600_000_000;

/** What the endpoint makes of a callback: a group callback names only the group and the members that changed. */
function asReceived(change: RelationshipChange): RelationshipChange {
  const base = { corpId: change.corpId, occurredAt: Math.floor(change.occurredAt / 1000) * 1000 };
  switch (change.type) {
    case 'group-created':
      return { ...base, type: 'group-changed', chatId: change.chatId, change: 'created', members: [] };
    case 'group-members-added':
      return { ...base, type: 'group-changed', chatId: change.chatId, change: 'members-added', members: change.added };
    case 'group-members-removed':
      return { ...base, type: 'group-changed', chatId: change.chatId, change: 'members-removed', members: change.removed, byOwner: change.byOwner };
    default:
      return { ...change, ...base };
  }
}

const receive = (xml: string) => mapCallbackEvent(corpId, parseCallbackEvent(xml));

describe('simulated events as WeCom callbacks', () => {
  it('come out of the callback endpoint as the changes simulated', () => {
    const { events } = simulate({ seed: 7, days: 2, employees: 8 });
    const callbacks = simulatedCallbacks(events);
    expect(callbacks.map((c) => c.eventId)).toEqual(events.map((e) => e.eventId));
    const byId = new Map(events.map((e) => [e.eventId, e.change]));
    for (const callback of callbacks) expect(receive(callback.xml)).toEqual({ kind: 'relationship', change: asReceived(byId.get(callback.eventId)!) });
  });

  it('cover the changes a simulation does not make: employees, departments, failed handovers, dismissed groups, several customers deleted at once', () => {
    const changes: RelationshipChange[] = [
      { corpId, occurredAt: at, type: 'employee-updated', employeeId: 'lisi2', previousEmployeeId: 'lisi', name: '李四', departmentIds: ['2', '3'], status: 1 },
      { corpId, occurredAt: at, type: 'employee-departed', employeeId: 'zhangsan' },
      { corpId, occurredAt: at, type: 'department-updated', departmentId: '4', name: '华北销售', parentId: '1' },
      { corpId, occurredAt: at, type: 'department-deleted', departmentId: '4' },
      { corpId, occurredAt: at, type: 'customer-transfer-failed', employeeId: 'lisi', externalUserId: 'wmA', reason: 'customer_refused' },
      { corpId, occurredAt: at, type: 'group-dismissed', chatId: 'wrGroup', ownerId: '' },
    ];
    for (const change of changes) {
      const [callback, ...more] = simulatedCallbacks([{ eventId: change.type, change }]);
      expect(more).toEqual([]);
      expect(receive(callback!.xml)).toEqual({ kind: 'relationship', change });
    }
    const deleted: RelationshipChange = { corpId, occurredAt: at, type: 'external-contact-deleted', employeeId: 'lisi', externalUserIds: ['wmA', 'wmB'], byTransfer: false };
    expect(simulatedCallbacks([{ eventId: 'deleted', change: deleted }]).map((c) => receive(c.xml))).toEqual(
      ['wmA', 'wmB'].map((id) => ({ kind: 'relationship', change: { ...deleted, externalUserIds: [id] } })),
    );
  });
});
