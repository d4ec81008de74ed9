import { alertChannel, alertNotification } from '@chatvault/testing';
import { describe, expect, it } from 'vitest';
import { ChannelSenders } from './channel-senders';

describe('ChannelSenders', () => {
  it('holds one sender per channel kind', () => {
    const senders = new ChannelSenders({ ALERT_SMTP_URL: undefined, ALERT_MAIL_FROM: 'ChatVault <chatvault@localhost>' });
    expect(Object.entries(senders.byKind).map(([kind, sender]) => [kind, sender.kind])).toEqual([
      ['webhook', 'webhook'],
      ['wecom-robot', 'wecom-robot'],
      ['wecom-app', 'wecom-app'],
      ['email', 'email'],
    ]);
  });

  it('sends with the sender of the channel kind', async () => {
    const senders = new ChannelSenders({ ALERT_SMTP_URL: undefined, ALERT_MAIL_FROM: 'ChatVault <chatvault@localhost>' });
    const email = alertChannel('email', '邮件', { addresses: [] });
    const app = alertChannel('wecom-app', '应用', { corpId: 'ww1', agentId: 1, secret: 's' });
    await expect(senders.send(email, alertNotification())).rejects.toThrow('email 邮件: no SMTP server is configured');
    await expect(senders.send(app, alertNotification({ recipient: null }))).rejects.toThrow('wecom-app 应用: delivery delivery-1 is addressed to nobody');
    senders.onModuleDestroy();
  });
});
