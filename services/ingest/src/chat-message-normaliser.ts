import { createHash } from 'node:crypto';
import { conversationIdOf, participantKindOf, type ChatMessage, type WecomMessageReceived } from '@chatvault/contracts';
import type { ArchivedMessageRecord } from '@chatvault/store';
import type { MessageDocument } from '@chatvault/search';
import { isKnownMsgtype, searchableText } from './searchable-text';
import { mediaRefsOf } from './media-refs';

export function toChatMessage(event: WecomMessageReceived): ChatMessage {
  const m = event.message;
  const conversationId = conversationIdOf(m);
  const seq = event.seq === undefined ? {} : { seq: event.seq };
  if (m.action === 'switch') {
    return {
      corpId: event.corpId,
      msgid: m.msgid,
      action: 'switch',
      msgtype: 'switch',
      from: m.user,
      fromKind: participantKindOf(m.user),
      tolist: [],
      roomid: '',
      conversationId,
      msgtime: m.time,
      text: '',
      knownType: true,
      media: [],
      ...seq,
    };
  }
  return {
    corpId: event.corpId,
    msgid: m.msgid,
    action: m.action,
    msgtype: m.msgtype,
    from: m.from,
    fromKind: participantKindOf(m.from),
    tolist: m.tolist,
    roomid: m.roomid,
    conversationId,
    msgtime: m.msgtime,
    text: searchableText(m.msgtype, m),
    knownType: isKnownMsgtype(m.msgtype),
    ...recalledMsgidOf(m),
    media: mediaRefsOf(m.msgtype, m),
    ...seq,
  };
}

/** WeCom marks a recall both ways: `action: recall` and a `revoke` body naming the original. */
function recalledMsgidOf(record: Record<string, unknown>): { recalledMsgid?: string } {
  const preMsgid = (record.revoke as { pre_msgid?: unknown } | undefined)?.pre_msgid;
  return typeof preMsgid === 'string' && preMsgid.length > 0 ? { recalledMsgid: preMsgid } : {};
}

export function toArchivedRecord(event: WecomMessageReceived, archivedAt: number): ArchivedMessageRecord {
  return {
    message: toChatMessage(event),
    rawJson: event.rawJson,
    contentHash: createHash('sha256').update(event.rawJson).digest('hex'),
    source: event.source,
    archivedAt,
  };
}

export function toMessageDocument(m: ChatMessage): MessageDocument {
  return {
    corpId: m.corpId,
    msgid: m.msgid,
    conversationId: m.conversationId,
    msgtype: m.msgtype,
    action: m.action,
    from: m.from,
    tolist: m.tolist,
    roomid: m.roomid,
    msgtime: m.msgtime,
    text: m.text,
  };
}
