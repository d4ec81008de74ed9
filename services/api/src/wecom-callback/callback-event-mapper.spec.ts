import { describe, expect, it } from 'vitest';
import { relationshipChangeSchema } from '@chatvault/contracts';
import { callbackEventXml, parseCallbackEvent } from '@chatvault/wecom';
import { mapCallbackEvent } from './callback-event-mapper';

const CORP = 'wwcorp';
const CREATED = 1_700_000_000;
const map = (event: string, fields: Record<string, string | string[]>) => mapCallbackEvent(CORP, parseCallbackEvent(callbackEventXml(CORP, event, fields, CREATED)));
const common = { corpId: CORP, occurredAt: CREATED * 1000 };

/** Every change must also pass the topic's schema, or publishing it would fail. */
function change(event: string, fields: Record<string, string | string[]>) {
  const outcome = map(event, fields);
  if (outcome.kind !== 'relationship') throw new Error(`expected a relationship change, got ${outcome.kind}`);
  return relationshipChangeSchema.parse(outcome.change);
}

describe('mapCallbackEvent: change_external_contact', () => {
  const pair = { UserID: 'zhangsan', ExternalUserID: 'wmCustomer1' };

  it.each(['add_external_contact', 'add_half_external_contact'])('maps %s to external-contact-added', (ChangeType) => {
    expect(change('change_external_contact', { ChangeType, ...pair, State: 'expo' })).toEqual({
      ...common,
      type: 'external-contact-added',
      employeeId: 'zhangsan',
      externalUserId: 'wmCustomer1',
    });
  });

  it('maps edit_external_contact to external-contact-edited', () => {
    expect(change('change_external_contact', { ChangeType: 'edit_external_contact', ...pair })).toMatchObject({ type: 'external-contact-edited', employeeId: 'zhangsan' });
  });

  it('maps del_external_contact, telling a handover from a deletion', () => {
    expect(change('change_external_contact', { ChangeType: 'del_external_contact', ...pair })).toEqual({
      ...common,
      type: 'external-contact-deleted',
      employeeId: 'zhangsan',
      externalUserIds: ['wmCustomer1'],
      byTransfer: false,
    });
    expect(change('change_external_contact', { ChangeType: 'del_external_contact', ...pair, Source: 'DELETE_BY_TRANSFER' })).toMatchObject({ byTransfer: true });
  });

  it('maps del_follow_user, transfer_fail and msg_audit_approved', () => {
    expect(change('change_external_contact', { ChangeType: 'del_follow_user', ...pair })).toMatchObject({ type: 'employee-deleted-by-customer', externalUserId: 'wmCustomer1' });
    expect(change('change_external_contact', { ChangeType: 'transfer_fail', ...pair, FailReason: 'customer_refused' })).toMatchObject({
      type: 'customer-transfer-failed',
      reason: 'customer_refused',
    });
    expect(change('change_external_contact', { ChangeType: 'msg_audit_approved', ...pair })).toEqual({
      ...common,
      type: 'consent-changed',
      employeeId: 'zhangsan',
      externalUserId: 'wmCustomer1',
      agreed: true,
    });
  });
});

describe('mapCallbackEvent: change_external_chat', () => {
  it('maps members added and removed with their kinds, and who removed them', () => {
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'update', UpdateDetail: 'add_member', MemChangeList: ['lisi', 'wmCustomer1'] })).toEqual({
      ...common,
      type: 'group-changed',
      chatId: 'wrGroup1',
      change: 'members-added',
      members: [
        { id: 'lisi', kind: 'employee' },
        { id: 'wmCustomer1', kind: 'external' },
      ],
    });
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'update', UpdateDetail: 'del_member', QuitScene: '1', MemChangeList: ['wmCustomer1'] })).toMatchObject({
      change: 'members-removed',
      byOwner: true,
    });
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'update', UpdateDetail: 'del_member', QuitScene: '0', MemChangeList: ['wmCustomer1'] })).toMatchObject({
      byOwner: false,
    });
  });

  it.each([
    ['change_owner', 'owner-changed'],
    ['change_name', 'name-changed'],
    ['change_notice', 'notice-changed'],
  ])('maps update %s to %s', (UpdateDetail, expected) => {
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'update', UpdateDetail })).toMatchObject({ type: 'group-changed', change: expected, members: [] });
  });

  it('maps create and dismiss', () => {
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'create' })).toMatchObject({ type: 'group-changed', change: 'created' });
    expect(change('change_external_chat', { ChatId: 'wrGroup1', ChangeType: 'dismiss' })).toEqual({ ...common, type: 'group-dismissed', chatId: 'wrGroup1', ownerId: '' });
  });
});

describe('mapCallbackEvent: change_contact', () => {
  it('maps create_user without the mobile or e-mail', () => {
    const mapped = change('change_contact', { ChangeType: 'create_user', UserID: 'wangwu', Name: '王五', Department: '1,2', Mobile: '13800000000', Email: 'w@example.com', Status: '1' });
    expect(mapped).toEqual({ ...common, type: 'employee-updated', employeeId: 'wangwu', name: '王五', departmentIds: ['1', '2'], status: 1 });
  });

  it('maps a renamed userid to the new id with the previous one', () => {
    expect(change('change_contact', { ChangeType: 'update_user', UserID: 'wangwu', NewUserID: 'wangwu2' })).toEqual({
      ...common,
      type: 'employee-updated',
      employeeId: 'wangwu2',
      previousEmployeeId: 'wangwu',
    });
  });

  it('maps delete_user to a departure and party changes to department changes', () => {
    expect(change('change_contact', { ChangeType: 'delete_user', UserID: 'wangwu' })).toEqual({ ...common, type: 'employee-departed', employeeId: 'wangwu' });
    expect(change('change_contact', { ChangeType: 'create_party', Id: '5', Name: '华东销售', ParentId: '1' })).toEqual({
      ...common,
      type: 'department-updated',
      departmentId: '5',
      name: '华东销售',
      parentId: '1',
    });
    expect(change('change_contact', { ChangeType: 'delete_party', Id: '5' })).toEqual({ ...common, type: 'department-deleted', departmentId: '5' });
  });
});

describe('mapCallbackEvent: the rest', () => {
  it('turns msgaudit_notify into a pull hint', () => {
    expect(map('msgaudit_notify', { AgentID: '2000003' })).toEqual({ kind: 'archive-notify' });
  });

  it('ignores an event it does not know, or one missing a promised field, with the reason', () => {
    expect(map('change_school_contact', { ChangeType: 'create_student' })).toEqual({ kind: 'ignored', reason: "event 'change_school_contact' is not handled" });
    expect(map('change_external_contact', { ChangeType: 'add_external_contact', UserID: 'zhangsan' })).toMatchObject({ kind: 'ignored' });
  });
});
