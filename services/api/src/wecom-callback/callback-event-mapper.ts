import { participantKindOf, type RelationshipChange } from '@chatvault/contracts';
import type { CallbackEvent, ContactEvent, ExternalChatEvent, ExternalContactEvent } from '@chatvault/wecom';

/** What one decrypted callback becomes: a relationship change, a pull hint for ingest, or nothing. */
export type CallbackOutcome =
  | { kind: 'relationship'; change: RelationshipChange }
  | { kind: 'archive-notify' }
  | { kind: 'ignored'; reason: string };

export function mapCallbackEvent(corpId: string, event: CallbackEvent): CallbackOutcome {
  switch (event.type) {
    case 'change_external_contact':
      return { kind: 'relationship', change: externalContactChange(corpId, event) };
    case 'change_external_chat':
      return { kind: 'relationship', change: externalChatChange(corpId, event) };
    case 'change_contact':
      return { kind: 'relationship', change: contactChange(corpId, event) };
    case 'msgaudit_notify':
      return { kind: 'archive-notify' };
    case 'unknown':
      return { kind: 'ignored', reason: event.reason };
  }
}

/** WeCom's CreateTime is in seconds. */
function common(corpId: string, event: { createTime: number }) {
  return { corpId, occurredAt: event.createTime * 1000 };
}

function externalContactChange(corpId: string, event: ExternalContactEvent): RelationshipChange {
  const base = { ...common(corpId, event), employeeId: event.userId, externalUserId: event.externalUserId };
  switch (event.changeType) {
    case 'add_external_contact':
    case 'add_half_external_contact':
      return { ...base, type: 'external-contact-added' };
    case 'edit_external_contact':
      return { ...base, type: 'external-contact-edited' };
    case 'del_external_contact':
      return {
        ...common(corpId, event),
        type: 'external-contact-deleted',
        employeeId: event.userId,
        externalUserIds: [event.externalUserId],
        byTransfer: event.source === 'DELETE_BY_TRANSFER',
      };
    case 'del_follow_user':
      return { ...base, type: 'employee-deleted-by-customer' };
    case 'transfer_fail':
      return { ...base, type: 'customer-transfer-failed', reason: event.failReason ?? '' };
    case 'msg_audit_approved':
      return { ...base, type: 'consent-changed', agreed: true };
  }
}

const GROUP_UPDATES = {
  add_member: 'members-added',
  del_member: 'members-removed',
  change_owner: 'owner-changed',
  change_name: 'name-changed',
  change_notice: 'notice-changed',
} as const;

/** QuitScene 1: the owner removed the member. */
const QUIT_BY_OWNER = 1;

function externalChatChange(corpId: string, event: ExternalChatEvent): RelationshipChange {
  const base = { ...common(corpId, event), chatId: event.chatId };
  if (event.changeType === 'dismiss') return { ...base, type: 'group-dismissed', ownerId: '' };
  if (event.changeType === 'create') return { ...base, type: 'group-changed', change: 'created', members: [] };
  // The parser guarantees UpdateDetail on an update.
  const change = GROUP_UPDATES[event.updateDetail!];
  const members = event.memberChangeList.map((id) => ({ id, kind: participantKindOf(id) }));
  return {
    ...base,
    type: 'group-changed',
    change,
    members,
    ...(change === 'members-removed' ? { byOwner: event.quitScene === QUIT_BY_OWNER } : {}),
  };
}

function contactChange(corpId: string, event: ContactEvent): RelationshipChange {
  const base = common(corpId, event);
  switch (event.changeType) {
    case 'create_user':
    case 'update_user':
      return {
        ...base,
        type: 'employee-updated',
        employeeId: event.newUserId ?? event.userId,
        ...(event.newUserId ? { previousEmployeeId: event.userId } : {}),
        ...(event.name !== undefined ? { name: event.name } : {}),
        // An update without <Department> leaves the departments unchanged, so absent is not "none".
        ...(event.departments.length > 0 ? { departmentIds: event.departments } : {}),
        ...(event.status !== undefined ? { status: event.status } : {}),
      };
    case 'delete_user':
      return { ...base, type: 'employee-departed', employeeId: event.userId };
    case 'create_party':
    case 'update_party':
      return {
        ...base,
        type: 'department-updated',
        departmentId: event.partyId,
        ...(event.name !== undefined ? { name: event.name } : {}),
        ...(event.parentId !== undefined ? { parentId: event.parentId } : {}),
      };
    case 'delete_party':
      return { ...base, type: 'department-deleted', departmentId: event.partyId };
  }
}
