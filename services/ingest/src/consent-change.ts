import { participantKindOf, type ChatMessage, type RelationshipChanged } from '@chatvault/contracts';

const CONSENT_TYPES: Record<string, boolean> = { agree: true, disagree: false };

/**
 * The consent change an `agree` or `disagree` record reports, null for other records. WeCom has no
 * callback for a customer withdrawing consent: the chat archive's `disagree` record is how it tells.
 */
export function consentChangeOf(message: ChatMessage, record: Readonly<Record<string, unknown>>): RelationshipChanged | null {
  const agreed = CONSENT_TYPES[message.msgtype];
  if (agreed === undefined) return null;
  const body = record[message.msgtype] as { userid?: unknown } | undefined;
  const participants = [message.from, ...message.tolist];
  const externalUserId = typeof body?.userid === 'string' && body.userid ? body.userid : participants.find((id) => participantKindOf(id) === 'external');
  if (!externalUserId) return null;
  const employeeId = participants.find((id) => participantKindOf(id) === 'employee');
  return {
    eventId: `consent:${message.corpId}:${message.msgid}`,
    occurredAt: new Date(message.msgtime).toISOString(),
    schemaVersion: 1,
    change: { corpId: message.corpId, occurredAt: message.msgtime, type: 'consent-changed', externalUserId, ...(employeeId ? { employeeId } : {}), agreed },
  };
}
