import type { ChatMessage } from '@chatvault/contracts';

/** A text message from employee zhangsan to customer wmCustomer, with whatever the test overrides. */
export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    corpId: 'corp',
    msgid: 'm1',
    action: 'send',
    msgtype: 'text',
    from: 'zhangsan',
    fromKind: 'employee',
    tolist: ['wmCustomer'],
    roomid: '',
    conversationId: 'single:wmCustomer|zhangsan',
    msgtime: Date.UTC(2024, 2, 6, 2),
    text: '',
    knownType: true,
    media: [],
    ...overrides,
  };
}
