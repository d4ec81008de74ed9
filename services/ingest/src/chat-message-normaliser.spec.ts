import { describe, expect, it } from 'vitest';
import type { WecomMessageReceived } from '@chatvault/contracts';
import { wecomArchiveMessageSchema } from '@chatvault/contracts';
import { toChatMessage } from './chat-message-normaliser';

function received(record: Record<string, unknown>, seq?: number): WecomMessageReceived {
  const rawJson = JSON.stringify(record);
  return {
    eventId: 'e1',
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    corpId: 'corp',
    source: 'puller',
    rawJson,
    message: wecomArchiveMessageSchema.parse(record),
    ...(seq === undefined ? {} : { seq }),
  };
}

const common = { action: 'send', from: 'zhangsan', tolist: ['wmCustomer'], roomid: '', msgtime: 1_700_000_000_123 };

describe('toChatMessage', () => {
  it('links a recall to the message it recalls and keeps the pull sequence', () => {
    const message = toChatMessage(received({ ...common, msgid: 'r1', action: 'recall', msgtype: 'revoke', revoke: { pre_msgid: 'orig-1' } }, 42));
    expect(message).toMatchObject({ action: 'recall', msgtype: 'revoke', recalledMsgid: 'orig-1', knownType: true, seq: 42, text: '' });
  });

  it('lists the media a record points to, with md5 and size, including the parts of a mixed message', () => {
    const file = toChatMessage(received({ ...common, msgid: 'f1', msgtype: 'file', file: { filename: '报价.xlsx', fileext: 'xlsx', filesize: 2048, md5sum: 'abc', sdkfileid: 'sdk-file' } }));
    expect(file.media).toEqual([{ sdkfileid: 'sdk-file', md5sum: 'abc', size: 2048 }]);
    expect(file.text).toBe('报价.xlsx');

    const mixed = toChatMessage(
      received({
        ...common,
        msgid: 'x1',
        msgtype: 'mixed',
        mixed: { item: [{ type: 'text', content: '{"content":"看图"}' }, { type: 'image', content: '{"md5sum":"m5","filesize":7,"sdkfileid":"sdk-img"}' }, { type: 'image', content: 'not json' }] },
      }),
    );
    expect(mixed.media).toEqual([{ sdkfileid: 'sdk-img', md5sum: 'm5', size: 7 }]);
    expect(mixed.text).toBe('看图');
  });

  it('flags a msgtype it does not know instead of dropping it', () => {
    const message = toChatMessage(received({ ...common, msgid: 'u1', msgtype: 'hologram', hologram: { depth: 3 } }));
    expect(message).toMatchObject({ msgtype: 'hologram', knownType: false, text: '', media: [] });
    expect(toChatMessage(received({ ...common, msgid: 'i1', msgtype: 'image', image: { md5sum: 'm', sdkfileid: 's' } })).knownType).toBe(true);
  });

  it('turns a switch record into a message of the employee who switched', () => {
    const message = toChatMessage(received({ msgid: 's1', action: 'switch', time: 1_700_000_000_000, user: 'zhangsan' }));
    expect(message).toMatchObject({ action: 'switch', msgtype: 'switch', from: 'zhangsan', knownType: true, media: [], conversationId: 'user:zhangsan' });
  });
});
