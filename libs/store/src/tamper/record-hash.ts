import { createHash } from 'node:crypto';
import type { ArchivedMessageRecord } from '../archive-store';

/** Written in place of a length for a field the record does not have, so absent differs from empty. */
const ABSENT = 0xffff_ffff;

/**
 * The canonical bytes of an archived record: each field as a 4-byte big-endian byte length and its
 * UTF-8 bytes, in this fixed order, so no byte can move from one field to the next unnoticed:
 * corpId, msgid, action, msgtype, from, fromKind, tolist (JSON), roomid, conversationId,
 * msgtime (decimal), text, knownType ("1"/"0"), recalledMsgid, media (JSON), seq (decimal),
 * source, rawJson (verbatim). archivedAt and contentHash are left out: the first is bookkeeping,
 * the second is derived from rawJson, which is covered itself.
 */
export function canonicalBytes(record: ArchivedMessageRecord): Buffer {
  const m = record.message;
  const fields: (string | undefined)[] = [
    m.corpId,
    m.msgid,
    m.action,
    m.msgtype,
    m.from,
    m.fromKind,
    JSON.stringify(m.tolist),
    m.roomid,
    m.conversationId,
    String(m.msgtime),
    m.text,
    m.knownType ? '1' : '0',
    m.recalledMsgid,
    JSON.stringify(m.media),
    m.seq === undefined ? undefined : String(m.seq),
    record.source,
    record.rawJson,
  ];
  return lengthPrefixed(fields);
}

export function lengthPrefixed(fields: readonly (string | undefined)[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const length = Buffer.alloc(4);
    if (field === undefined) {
      length.writeUInt32BE(ABSENT);
      parts.push(length);
      continue;
    }
    const bytes = Buffer.from(field, 'utf8');
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

/** SHA-256 (hex) of the record's canonical bytes. */
export function recordHash(record: ArchivedMessageRecord): string {
  return createHash('sha256').update(canonicalBytes(record)).digest('hex');
}
