import { randomUUID } from 'node:crypto';

/**
 * A chat-archive text record as the HTTP ingest takes it: zhangsan offering a customer an off-book
 * deal, which the default pack alerts on (high, off-book-deal). Sent within working hours (UTC+8),
 * so the after-hours rule stays quiet.
 */
export function offBookRecord(overrides: Record<string, unknown> = {}) {
  return {
    msgid: `m-${randomUUID()}`,
    action: 'send',
    from: 'zhangsan',
    tolist: ['wmErxtDgAA9AW32YyyuYRimKr7D1KWlw'],
    roomid: '',
    msgtime: Date.parse('2023-11-15T10:00:00.123+08:00'),
    msgtype: 'text',
    text: { content: '这单我们走飞单，价格好商量' },
    ...overrides,
  };
}
