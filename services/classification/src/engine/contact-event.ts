import { z } from 'zod';
import { participantKindSchema } from '@chatvault/contracts';

/*
 * Relationship changes the event rules judge, distilled from WeCom's contact and group callbacks
 * and the archive's consent records. The contracts have no topic for them yet; the service maps
 * callbacks to these.
 */

const member = z.object({ id: z.string().min(1), kind: participantKindSchema });
const common = {
  corpId: z.string().min(1),
  /** ms since epoch. */
  occurredAt: z.number().int().nonnegative(),
};

export const contactEventSchema = z.discriminatedUnion('type', [
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
  /** The archive's agree/disagree records, or the consent check API. */
  z.object({ ...common, type: z.literal('consent-changed'), externalUserId: z.string().min(1), employeeId: z.string().optional(), agreed: z.boolean() }),
]);
export type ContactEvent = z.infer<typeof contactEventSchema>;
