import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { participantKindSchema } from '../../participant';

/*
 * Who is connected to whom, and changes of it: WeCom's contact, customer and group callbacks and the
 * archive's consent records, each mapped to one of these. Classification judges them (deleted customers,
 * private groups); the directory and the customer handover follow them.
 */

const member = z.object({ id: z.string().min(1), kind: participantKindSchema });
const common = {
  corpId: z.string().min(1),
  /** ms since epoch. */
  occurredAt: z.number().int().nonnegative(),
};

export const relationshipChangeSchema = z.discriminatedUnion('type', [
  /** add_external_contact / add_half_external_contact. */
  z.object({ ...common, type: z.literal('external-contact-added'), employeeId: z.string().min(1), externalUserId: z.string().min(1) }),
  /** del_external_contact: the employee removed customers; `byTransfer` when a handover caused it. */
  z.object({
    ...common,
    type: z.literal('external-contact-deleted'),
    employeeId: z.string().min(1),
    externalUserIds: z.array(z.string().min(1)).min(1),
    byTransfer: z.boolean().default(false),
  }),
  /** del_follow_user: the customer removed the employee. */
  z.object({ ...common, type: z.literal('employee-deleted-by-customer'), employeeId: z.string().min(1), externalUserId: z.string().min(1) }),
  /** transfer_fail: a handover of this customer failed (customer_refused, customer_limit_exceed). */
  z.object({
    ...common,
    type: z.literal('customer-transfer-failed'),
    employeeId: z.string().min(1),
    externalUserId: z.string().min(1),
    reason: z.string(),
  }),
  z.object({ ...common, type: z.literal('group-created'), chatId: z.string().min(1), ownerId: z.string().min(1), members: z.array(member) }),
  /** `byOwner` when the owner removed them (QuitScene 1) rather than they left. */
  z.object({
    ...common,
    type: z.literal('group-members-removed'),
    chatId: z.string().min(1),
    ownerId: z.string().min(1),
    removed: z.array(member).min(1),
    byOwner: z.boolean(),
  }),
  z.object({ ...common, type: z.literal('group-members-added'), chatId: z.string().min(1), ownerId: z.string().min(1), added: z.array(member).min(1) }),
  z.object({ ...common, type: z.literal('group-dismissed'), chatId: z.string().min(1), ownerId: z.string() }),
  /** The archive's agree/disagree records, msg_audit_approved, or the consent check API. */
  z.object({ ...common, type: z.literal('consent-changed'), externalUserId: z.string().min(1), employeeId: z.string().optional(), agreed: z.boolean() }),
  /** change_contact create_user / update_user. */
  z.object({
    ...common,
    type: z.literal('employee-updated'),
    employeeId: z.string().min(1),
    name: z.string().optional(),
    departmentIds: z.array(z.string()).optional(),
    /** Set when WeCom renamed the userid (update_user with NewUserID): `employeeId` is the new one. */
    previousEmployeeId: z.string().min(1).optional(),
    /** WeCom's status: 1 active, 2 disabled, 4 not yet activated, 5 departed. */
    status: z.number().int().optional(),
  }),
  /** change_contact delete_user: a departure, which starts a customer handover. */
  z.object({ ...common, type: z.literal('employee-departed'), employeeId: z.string().min(1) }),
  /** edit_external_contact: the employee changed their remarks or tags of the customer. */
  z.object({ ...common, type: z.literal('external-contact-edited'), employeeId: z.string().min(1), externalUserId: z.string().min(1) }),
  /**
   * A change_external_chat callback. WeCom names the group and the members that changed but not the
   * owner or full membership, which the variants above need: a consumer wanting them reads groupchat/get.
   */
  z.object({
    ...common,
    type: z.literal('group-changed'),
    chatId: z.string().min(1),
    change: z.enum(['created', 'members-added', 'members-removed', 'owner-changed', 'name-changed', 'notice-changed']),
    members: z.array(member).default([]),
    /** members-removed only: true when the owner removed them (QuitScene 1) rather than they left. */
    byOwner: z.boolean().optional(),
  }),
  /** change_contact create_party / update_party. */
  z.object({ ...common, type: z.literal('department-updated'), departmentId: z.string().min(1), name: z.string().optional(), parentId: z.string().optional() }),
  /** change_contact delete_party. */
  z.object({ ...common, type: z.literal('department-deleted'), departmentId: z.string().min(1) }),
]);
export type RelationshipChange = z.infer<typeof relationshipChangeSchema>;

export const relationshipChangedSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  change: relationshipChangeSchema,
});
export type RelationshipChanged = z.infer<typeof relationshipChangedSchema>;

/** The employee (or group owner) concerned: their changes stay in order on one partition. */
export function relationshipOwnerOf(change: RelationshipChange): string {
  switch (change.type) {
    case 'group-created':
    case 'group-members-removed':
    case 'group-members-added':
    case 'group-dismissed':
      return change.ownerId || change.chatId;
    case 'group-changed':
      return change.chatId;
    case 'consent-changed':
      return change.employeeId ?? change.externalUserId;
    case 'department-updated':
    case 'department-deleted':
      return `department:${change.departmentId}`;
    default:
      return change.employeeId;
  }
}

export const relationshipChangedV1 = defineTopic<RelationshipChanged>({
  name: 'wecom.relationship.changed.v1',
  schemaVersion: 1,
  schema: relationshipChangedSchema,
  keyOf: (e) => `${e.change.corpId}:${relationshipOwnerOf(e.change)}`,
});
