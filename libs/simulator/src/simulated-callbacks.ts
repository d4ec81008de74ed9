import type { RelationshipChange } from '@chatvault/contracts';
import { callbackEventXml } from '@chatvault/wecom';
import type { SimulatedEvent } from './simulation';

/** One decrypted callback WeCom would send for a simulated event. */
export interface SimulatedCallback {
  eventId: string;
  /** `change_external_contact`, `change_external_chat` or `change_contact`. */
  event: string;
  xml: string;
}

const GROUP_UPDATES = {
  'group-members-added': 'add_member',
  'group-members-removed': 'del_member',
} as const;

/** QuitScene 1: the owner removed the member; 0: they left. */
const quitScene = (byOwner: boolean) => (byOwner ? '1' : '0');

/**
 * The callbacks WeCom sends for the simulated events, in their order, CreateTime in whole seconds as
 * WeCom gives it. A group callback names the group and the members that changed, never the owner:
 * ChatVault reads those from groupchat/get. Withdrawn consent has no callback: WeCom reports it only
 * as a `disagree` record in the chat archive, which is how the simulator seeds it.
 */
export function simulatedCallbacks(events: readonly SimulatedEvent[]): SimulatedCallback[] {
  return events.flatMap(({ eventId, change }) => callbacksOf(change).map(([event, fields]) => ({ eventId, event, xml: callbackEventXml(change.corpId, event, fields, Math.floor(change.occurredAt / 1000)) })));
}

type Fields = Record<string, string | string[]>;

function callbacksOf(change: RelationshipChange): [string, Fields][] {
  const customer = (changeType: string, employeeId: string, externalUserId: string, extra: Fields = {}): [string, Fields] => [
    'change_external_contact',
    { ChangeType: changeType, UserID: employeeId, ExternalUserID: externalUserId, ...extra },
  ];
  switch (change.type) {
    case 'external-contact-added':
      return [customer('add_external_contact', change.employeeId, change.externalUserId)];
    case 'external-contact-edited':
      return [customer('edit_external_contact', change.employeeId, change.externalUserId)];
    case 'external-contact-deleted':
      // WeCom sends one callback per customer removed.
      return change.externalUserIds.map((id) => customer('del_external_contact', change.employeeId, id, change.byTransfer ? { Source: 'DELETE_BY_TRANSFER' } : {}));
    case 'employee-deleted-by-customer':
      return [customer('del_follow_user', change.employeeId, change.externalUserId)];
    case 'customer-transfer-failed':
      return [customer('transfer_fail', change.employeeId, change.externalUserId, { FailReason: change.reason })];
    case 'consent-changed':
      return change.agreed && change.employeeId ? [customer('msg_audit_approved', change.employeeId, change.externalUserId)] : [];
    case 'group-created':
      return [['change_external_chat', { ChangeType: 'create', ChatId: change.chatId }]];
    case 'group-dismissed':
      return [['change_external_chat', { ChangeType: 'dismiss', ChatId: change.chatId }]];
    case 'group-members-added':
    case 'group-members-removed': {
      const members = change.type === 'group-members-added' ? change.added : change.removed;
      const fields: Fields = { ChangeType: 'update', ChatId: change.chatId, UpdateDetail: GROUP_UPDATES[change.type], MemChangeCnt: String(members.length), MemChangeList: members.map((m) => m.id) };
      if (change.type === 'group-members-removed') fields.QuitScene = quitScene(change.byOwner);
      return [['change_external_chat', fields]];
    }
    case 'group-changed':
      // The bare form ChatVault makes of the group callbacks above; simulations describe groups whole.
      return [];
    case 'employee-updated': {
      const fields: Fields = { ChangeType: 'update_user', UserID: change.previousEmployeeId ?? change.employeeId };
      if (change.previousEmployeeId) fields.NewUserID = change.employeeId;
      if (change.name !== undefined) fields.Name = change.name;
      if (change.departmentIds) fields.Department = change.departmentIds.join(',');
      if (change.status !== undefined) fields.Status = String(change.status);
      return [['change_contact', fields]];
    }
    case 'employee-departed':
      return [['change_contact', { ChangeType: 'delete_user', UserID: change.employeeId }]];
    case 'department-updated': {
      const fields: Fields = { ChangeType: 'update_party', Id: change.departmentId };
      if (change.name !== undefined) fields.Name = change.name;
      if (change.parentId !== undefined) fields.ParentId = change.parentId;
      return [['change_contact', fields]];
    }
    case 'department-deleted':
      return [['change_contact', { ChangeType: 'delete_party', Id: change.departmentId }]];
  }
}
