import type { AlertChannelRecord } from '@chatvault/store';
import { alertChannel, alertNotification, FakeWecomServer, rejectionOf } from '@chatvault/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomAppSender } from './wecom-app-sender';

type WecomAppChannel = Extract<AlertChannelRecord, { kind: 'wecom-app' }>;

let server: FakeWecomServer;
let channel: WecomAppChannel;
let sender: WecomAppSender;

beforeEach(async () => {
  server = new FakeWecomServer({ agentId: 1000007 });
  server.org
    .addDepartment({ id: 1, name: 'ChatVault', parentid: 0 })
    .addUser({ userid: 'lisi', name: '李四', department: [1], status: 1 })
    .addUser({ userid: 'wangwu', name: '王五', department: [1], status: 2 });
  channel = alertChannel('wecom-app', '告警应用', { corpId: server.corpId, agentId: server.agentId, secret: server.secrets.appMessage, apiBaseUrl: await server.start() });
  sender = new WecomAppSender({ sleep: async () => {}, maxAttempts: 3 });
});

afterEach(() => server.stop());

describe('WecomAppSender against the fake WeCom API', () => {
  it('sends a textcard from the channel application to the routed userid', async () => {
    await sender.send(channel, alertNotification());
    expect(server.appMessages).toEqual([
      {
        agentid: 1000007,
        touser: 'lisi',
        toparty: undefined,
        totag: undefined,
        msgtype: 'textcard',
        body: {
          msgtype: 'textcard',
          textcard: {
            title: '疑似飞单：张三 与 客户A',
            description:
              '<div class="highlight">严重程度：高</div><div class="normal">规则：飞单（私下交易）</div><div class="normal">员工：张三（销售部）</div>' +
              '<div class="normal">时间：2026-11-29 10:00</div><div class="normal">证据：“我们私下转账吧，别走公司”</div>',
            url: 'https://chatvault.example.com/alerts/alert-1',
            btntxt: '详情',
          },
        },
      },
    ]);
    expect(server.requests.find((r) => r.api === 'message/send')?.app).toBe('appMessage');
  });

  it('keeps a card within WeCom limits however long the notification', async () => {
    await sender.send(channel, alertNotification({ title: '疑似飞单'.repeat(30), lines: Array.from({ length: 40 }, (_, i) => `证据 ${i}：我们私下转账吧`) }));
    expect(server.appMessages).toHaveLength(1);
  });

  it('reuses the access token of a channel until the channel changes', async () => {
    await sender.send(channel, alertNotification({ deliveryId: 'd-1' }));
    await sender.send(channel, alertNotification({ deliveryId: 'd-2' }));
    expect(server.callsTo('gettoken')).toBe(1);
    await sender.send({ ...channel, version: 2 }, alertNotification({ deliveryId: 'd-3' }));
    await sender.send({ ...channel, version: 2 }, alertNotification({ deliveryId: 'd-4' }));
    expect(server.callsTo('gettoken')).toBe(2);
    expect(server.appMessages).toHaveLength(4);
  });

  it('fails naming the userid WeCom does not know or may not message', async () => {
    expect((await rejectionOf(sender.send(channel, alertNotification({ recipient: { userid: 'nobody', name: '', email: '' } })))).message).toBe(
      'wecom-app 告警应用: WeCom knows no user nobody the application may message (errcode 81013: UserID, PartyID and TagID all invalid or unauthorised)',
    );
    expect((await rejectionOf(sender.send(channel, alertNotification({ recipient: { userid: 'wangwu', name: '王五', email: '' } })))).message).toMatch(/^wecom-app 告警应用: WeCom knows no user wangwu /);
    expect(server.appMessages).toEqual([]);
  });

  it('fails without calling WeCom when the notification names no userid', async () => {
    expect((await rejectionOf(sender.send(channel, alertNotification({ recipient: { userid: '', name: '', email: 'compliance@example.com' } })))).message).toBe(
      'wecom-app 告警应用: delivery delivery-1 is addressed to the mailbox compliance@example.com, not to a WeCom userid',
    );
    expect((await rejectionOf(sender.send(channel, alertNotification({ recipient: null })))).message).toBe('wecom-app 告警应用: delivery delivery-1 is addressed to nobody, not to a WeCom userid');
    expect(server.requests).toEqual([]);
  });

  it('fails with WeCom answer on a wrong secret, without the secret', async () => {
    const message = (await rejectionOf(sender.send({ ...channel, settings: { ...channel.settings, secret: 'wrong-secret-value' } }, alertNotification()))).message;
    expect(message).toBe('wecom-app 告警应用: WeCom gettoken failed with errcode 40001: invalid secret');
  });

  it('retries while WeCom is busy, then fails with its answer', async () => {
    server.injectErrors('message/send', -1);
    await sender.send(channel, alertNotification());
    expect(server.appMessages).toHaveLength(1);
    server.injectErrors('message/send', -1, -1, -1);
    expect((await rejectionOf(sender.send(channel, alertNotification()))).message).toBe('wecom-app 告警应用: WeCom message/send failed with errcode -1: injected error -1');
  });

  it('fails naming the connection problem when WeCom is down', async () => {
    await server.stop();
    expect((await rejectionOf(sender.send(channel, alertNotification()))).message).toMatch(/^wecom-app 告警应用: WeCom gettoken: request failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });
});
