import { z } from 'zod';

/**
 * A decrypted chat-archive record as WeCom produces it. Only the fields every record needs are
 * checked here; the type-specific object is kept as it came, so unknown msgtypes are archived too.
 */
const sendOrRecall = z
  .object({
    msgid: z.string().min(1, 'msgid is required'),
    action: z.enum(['send', 'recall']),
    from: z.string().min(1, 'from is required'),
    tolist: z.array(z.string()),
    roomid: z.string().optional().default(''),
    msgtime: z.number().int().nonnegative(),
    msgtype: z.string().min(1, 'msgtype is required'),
  })
  .passthrough();

/** An employee switched enterprise: WeCom sends only these fields. */
const switchRecord = z
  .object({
    msgid: z.string().min(1, 'msgid is required'),
    action: z.literal('switch'),
    time: z.number().int().nonnegative(),
    user: z.string().min(1, 'user is required'),
  })
  .passthrough();

export const wecomArchiveMessageSchema = z.discriminatedUnion('action', [sendOrRecall, switchRecord], {
  error: (issue) =>
    issue.code === 'invalid_union' ? 'action must be one of send, recall, switch' : undefined,
});

export type WecomArchiveMessage = z.infer<typeof wecomArchiveMessageSchema>;

export const MAX_INGEST_BATCH = 1000;

/** Far above any WeCom record (a long chat record is tens of kilobytes): anything bigger is not one. */
export const MAX_RECORD_BYTES = 1_048_576;

export const ingestBatchSchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  /** `import` marks batches of the NDJSON importer, so reconciliation counts what each source delivered. */
  source: z.enum(['http', 'import'], { error: 'source must be http or import' }).default('http'),
  messages: z.array(z.unknown()).min(1, 'messages must not be empty').max(MAX_INGEST_BATCH, `at most ${MAX_INGEST_BATCH} messages per batch`),
});

/**
 * Messages of one conversation share a partition so they are archived and classified in order.
 * One-to-one chats are keyed by the sorted pair so both directions land together.
 */
export function conversationIdOf(message: WecomArchiveMessage): string {
  if (message.action === 'switch') return `user:${message.user}`;
  if (message.roomid) return `room:${message.roomid}`;
  const peers = [message.from, ...message.tolist.slice(0, 1)].sort();
  return `single:${peers.join('|')}`;
}
