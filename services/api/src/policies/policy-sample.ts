import { z } from 'zod';
import { conversationIdOf, participantKindOf, type ChatMessage } from '@chatvault/contracts';
import { directionSchema, type ClassifierInput } from '@chatvault/policy-engine';

/** A message to try policies on, described the way an editor thinks of it. */
export const policySampleSchema = z.object({
  text: z.string().max(10_000, 'text is at most 10,000 characters').default(''),
  msgtype: z.string().min(1).default('text'),
  action: z.enum(['send', 'recall']).default('send'),
  direction: directionSchema.default('employee-to-customer'),
  /** The WeCom record's type-specific fields, for behaviour rules (amounts, file names). */
  record: z.record(z.string(), z.unknown()).optional(),
  recalledText: z.string().max(10_000).optional(),
  /** ms since epoch; defaults to now, which decides working-hours rules. */
  msgtime: z.number().int().nonnegative().optional(),
});
export type PolicySample = z.infer<typeof policySampleSchema>;

const EMPLOYEE = 'sample-employee';
const COLLEAGUE = 'sample-colleague';
const CUSTOMER = 'wmSampleCustomer';

export function sampleInput(sample: PolicySample): ClassifierInput {
  const { from, tolist, roomid } = participants(sample.direction);
  const record = { msgid: 'sample', action: sample.action, from, tolist, roomid, msgtime: sample.msgtime ?? Date.now(), msgtype: sample.msgtype };
  const message: ChatMessage = {
    corpId: 'sample',
    ...record,
    fromKind: participantKindOf(from),
    conversationId: conversationIdOf(record),
    text: sample.text,
    knownType: true,
    media: [],
  };
  return { message, record: sample.record, recalledText: sample.recalledText };
}

function participants(direction: PolicySample['direction']): { from: string; tolist: string[]; roomid: string } {
  switch (direction) {
    case 'employee-to-customer':
      return { from: EMPLOYEE, tolist: [CUSTOMER], roomid: '' };
    case 'customer-to-employee':
      return { from: CUSTOMER, tolist: [EMPLOYEE], roomid: '' };
    case 'internal':
      return { from: EMPLOYEE, tolist: [COLLEAGUE], roomid: '' };
    case 'group':
      return { from: EMPLOYEE, tolist: [COLLEAGUE, CUSTOMER], roomid: 'sample-room' };
  }
}
