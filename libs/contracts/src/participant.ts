import { z } from 'zod';

export const participantKindSchema = z.enum(['employee', 'external', 'robot']);
export type ParticipantKind = z.infer<typeof participantKindSchema>;

/** WeCom id prefixes: wm/wo are external contacts, wb robots; everything else is an employee userid. */
export function participantKindOf(id: string): ParticipantKind {
  if (id.startsWith('wm') || id.startsWith('wo')) return 'external';
  if (id.startsWith('wb')) return 'robot';
  return 'employee';
}
