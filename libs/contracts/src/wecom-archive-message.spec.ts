import { describe, expect, it } from 'vitest';
import { conversationIdOf, wecomArchiveMessageSchema } from './wecom-archive-message';

const text = {
  msgid: 'm1',
  action: 'send',
  from: 'zhangsan',
  tolist: ['wmCustomer'],
  roomid: '',
  msgtime: 1700000000123,
  msgtype: 'text',
  text: { content: '您好' },
};

describe('wecomArchiveMessageSchema', () => {
  it('keeps the type-specific object of a valid record', () => {
    const parsed = wecomArchiveMessageSchema.parse(text);
    expect(parsed).toMatchObject({ msgid: 'm1', text: { content: '您好' } });
  });

  it('accepts a switch record with only its own fields', () => {
    expect(wecomArchiveMessageSchema.parse({ msgid: 's1', action: 'switch', time: 1, user: 'lisi' })).toMatchObject({ user: 'lisi' });
  });

  it('names the missing msgid', () => {
    const result = wecomArchiveMessageSchema.safeParse({ ...text, msgid: undefined });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('msgid');
  });

  it('rejects an unknown action with the allowed ones', () => {
    const result = wecomArchiveMessageSchema.safeParse({ ...text, action: 'delete' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('action must be one of send, recall, switch');
  });

  it('rejects a mistyped msgtime', () => {
    expect(wecomArchiveMessageSchema.safeParse({ ...text, msgtime: '1700000000123' }).success).toBe(false);
  });
});

describe('conversationIdOf', () => {
  it('keys both directions of a one-to-one chat alike', () => {
    const reply = { ...text, from: 'wmCustomer', tolist: ['zhangsan'] };
    expect(conversationIdOf(wecomArchiveMessageSchema.parse(text))).toBe(conversationIdOf(wecomArchiveMessageSchema.parse(reply)));
  });

  it('keys group messages by room', () => {
    expect(conversationIdOf(wecomArchiveMessageSchema.parse({ ...text, roomid: 'wr123' }))).toBe('room:wr123');
  });
});
