import { ConfigError, loadConfig } from '@chatvault/platform';
import { alertChannel, alertNotification } from '@chatvault/testing';
import { describe, expect, it } from 'vitest';
import { EmailSender } from './email-sender';

const channel = alertChannel('email', '合规邮件', { addresses: [] });

describe('EmailSender without a server', () => {
  it('fails saying to set ALERT_SMTP_URL when it is unset', async () => {
    const sender = new EmailSender({ ALERT_SMTP_URL: undefined, ALERT_MAIL_FROM: 'ChatVault <chatvault@localhost>' });
    await expect(sender.send(channel, alertNotification())).rejects.toThrow('email 合规邮件: no SMTP server is configured; set ALERT_SMTP_URL');
  });

  it('fails naming the person when the recipient has no e-mail address', async () => {
    const sender = new EmailSender({ ALERT_SMTP_URL: 'smtp://127.0.0.1:1', ALERT_MAIL_FROM: 'ChatVault <chatvault@localhost>' });
    await expect(sender.send(channel, alertNotification({ recipient: { userid: 'lisi', name: '李四', email: '' } }))).rejects.toThrow('email 合规邮件: 李四 has no e-mail address');
    await expect(sender.send(channel, alertNotification({ recipient: null }))).rejects.toThrow('email 合规邮件: the notification names no e-mail address');
  });
});

describe('ALERT_SMTP_URL and ALERT_MAIL_FROM', () => {
  it('accept smtp:// and smtps:// URLs, and default to no server and a local sender', () => {
    expect(loadConfig({ ALERT_SMTP_URL: 'smtp://alerts:pw@mail.example.com:587' }).ALERT_SMTP_URL).toBe('smtp://alerts:pw@mail.example.com:587');
    expect(loadConfig({ ALERT_SMTP_URL: 'smtps://mail.example.com:465' }).ALERT_SMTP_URL).toBe('smtps://mail.example.com:465');
    expect(loadConfig({ ALERT_SMTP_URL: '' }).ALERT_SMTP_URL).toBeUndefined();
    expect(loadConfig({}).ALERT_SMTP_URL).toBeUndefined();
    expect(loadConfig({}).ALERT_MAIL_FROM).toBe('ChatVault <chatvault@localhost>');
    expect(loadConfig({ ALERT_MAIL_FROM: '合规 <compliance@example.com>' }).ALERT_MAIL_FROM).toBe('合规 <compliance@example.com>');
  });

  it('reject other URLs at boot without quoting them, as they may hold a password', () => {
    expect(() => loadConfig({ ALERT_SMTP_URL: 'http://alerts:s3cret@mail.example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALERT_SMTP_URL: 'http://alerts:s3cret@mail.example.com' })).toThrow('ALERT_SMTP_URL must start with smtp:// or smtps://, got http://');
    expect(() => loadConfig({ ALERT_SMTP_URL: 'mail.example.com:s3cret' })).toThrow(/ALERT_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ ALERT_SMTP_URL: 'not a url s3cret' })).toThrow('ALERT_SMTP_URL is not a URL');
    expect(() => loadConfig({ ALERT_SMTP_URL: 'smtp:s3cret' })).toThrow('ALERT_SMTP_URL must name the SMTP server');
    for (const url of ['http://alerts:s3cret@mail.example.com', 'not a url s3cret', 'smtp:s3cret']) {
      expect(() => loadConfig({ ALERT_SMTP_URL: url })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
    }
  });
});
