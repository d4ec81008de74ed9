import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relationshipChangedV1, type RelationshipChange, type RelationshipChanged } from '@chatvault/contracts';
import { WecomClient } from '@chatvault/wecom';
import { FakeWecomServer } from '@chatvault/testing';
import { GroupChatResolver } from './group-chat-resolver';

let server: FakeWecomServer;
let resolver: GroupChatResolver;
let published: RelationshipChanged[];

beforeEach(async () => {
  server = new FakeWecomServer({ corpId: `ww${Math.random().toString(36).slice(2, 12)}` });
  server.org.addCustomerGroup({
    chat_id: 'wrPrivate',
    name: '老客户福利群',
    owner: 'zhangsan',
    member_list: [
      { userid: 'zhangsan', type: 1, join_time: 1 },
      { userid: 'wmCustomer1', type: 2, join_time: 2 },
      { userid: 'wmCustomer2', type: 2, join_time: 3 },
    ],
  });
  const client = new WecomClient({ corpId: server.corpId, secrets: server.secrets, baseUrl: await server.start() });
  published = [];
  resolver = new GroupChatResolver(
    async (corpId, chatId) => (corpId === server.corpId ? client.getCustomerGroupChat(chatId) : null),
    {
      publish: async (topic, values) => {
        expect(topic.name).toBe(relationshipChangedV1.name);
        published.push(...(values as unknown as RelationshipChanged[]));
      },
    },
  );
});
afterEach(() => server.stop());

const callback = (change: RelationshipChange): RelationshipChanged => ({ eventId: 'cb-1', occurredAt: new Date().toISOString(), schemaVersion: 1, change });

describe('GroupChatResolver against the fake WeCom API', () => {
  it('completes a created group with its owner and members from groupchat/get', async () => {
    await resolver.resolve(callback({ corpId: server.corpId, occurredAt: 10, type: 'group-changed', chatId: 'wrPrivate', change: 'created', members: [] }));
    expect(published).toEqual([
      {
        eventId: 'resolved:cb-1',
        occurredAt: expect.any(String),
        schemaVersion: 1,
        change: {
          corpId: server.corpId,
          occurredAt: 10,
          type: 'group-created',
          chatId: 'wrPrivate',
          ownerId: 'zhangsan',
          members: [
            { id: 'zhangsan', kind: 'employee' },
            { id: 'wmCustomer1', kind: 'external' },
            { id: 'wmCustomer2', kind: 'external' },
          ],
        },
      },
    ]);
    expect(server.callsTo('externalcontact/groupchat/get')).toBe(1);
  });

  it('names the owner of customers removed from a group, and whether the owner removed them', async () => {
    const removed = [{ id: 'wmCustomer2', kind: 'external' as const }];
    await resolver.resolve(callback({ corpId: server.corpId, occurredAt: 11, type: 'group-changed', chatId: 'wrPrivate', change: 'members-removed', members: removed, byOwner: true }));
    expect(published.map((e) => e.change)).toEqual([{ corpId: server.corpId, occurredAt: 11, type: 'group-members-removed', chatId: 'wrPrivate', ownerId: 'zhangsan', removed, byOwner: true }]);
  });

  it('leaves renames, changes of corps without customer access and changes that name nobody alone', async () => {
    await resolver.resolve(callback({ corpId: server.corpId, occurredAt: 12, type: 'group-changed', chatId: 'wrPrivate', change: 'name-changed', members: [] }));
    await resolver.resolve(callback({ corpId: 'wwOther', occurredAt: 12, type: 'group-changed', chatId: 'wrPrivate', change: 'created', members: [] }));
    await resolver.resolve(callback({ corpId: server.corpId, occurredAt: 12, type: 'group-changed', chatId: 'wrPrivate', change: 'members-added', members: [] }));
    expect(published).toEqual([]);
  });

  it('fails, so the bus retries, when WeCom does not know the group', async () => {
    await expect(resolver.resolve(callback({ corpId: server.corpId, occurredAt: 13, type: 'group-changed', chatId: 'wrGone', change: 'created', members: [] }))).rejects.toThrow(/not a customer group/);
  });
});
