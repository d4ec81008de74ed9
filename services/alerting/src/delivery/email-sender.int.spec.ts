import { alertChannel, alertNotification, freePort, SmtpSink } from '@chatvault/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertEmail } from './alert-email';
import { EmailSender } from './email-sender';

const channel = alertChannel('email', '合规邮件', { addresses: [] });
const FROM = '合规告警 <alerts@chatvault.example.com>';

let sink: SmtpSink;
let sender: EmailSender;

beforeEach(async () => {
  sink = new SmtpSink({ refuseRecipient: (address) => (address.endsWith('@gone.example.com') ? `5.1.1 <${address}>: Recipient address rejected: User unknown` : undefined) });
  sender = new EmailSender({ ALERT_SMTP_URL: await sink.start(), ALERT_MAIL_FROM: FROM });
});

afterEach(async () => {
  sender.close();
  await sink.stop();
});

describe('EmailSender against a real SMTP server', () => {
  it('mails the recipient from ALERT_MAIL_FROM with the severity in the subject and the lines and link in both bodies', async () => {
    const notification = alertNotification();
    await sender.send(channel, notification);
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail.from).toBe('alerts@chatvault.example.com');
    expect(mail.to).toEqual(['lisi@example.com']);
    expect(mail.headers.to).toBe('李四 <lisi@example.com>');
    expect(mail.headers.from).toBe('合规告警 <alerts@chatvault.example.com>');
    expect(mail.subject).toBe('[high] 疑似飞单：张三 与 客户A');
    const expected = alertEmail(notification);
    expect(mail.text).toBe(expected.text);
    expect(mail.text).toContain('证据：“我们私下转账吧，别走公司”\n\n查看告警：https://chatvault.example.com/alerts/alert-1');
    expect(mail.html).toBe(expected.html);
    expect(mail.html).toContain('<a href="https://chatvault.example.com/alerts/alert-1">查看告警</a>');
  });

  it('sends over one pooled connection, which close ends', async () => {
    await sender.send(channel, alertNotification({ deliveryId: 'd-1' }));
    await sender.send(channel, alertNotification({ deliveryId: 'd-2', recipient: { userid: '', name: '', email: 'compliance@example.com' } }));
    expect(sink.mails.map((m) => m.to)).toEqual([['lisi@example.com'], ['compliance@example.com']]);
    expect(sink.connections).toBe(1);
    sender.close();
    await sender.send(channel, alertNotification({ deliveryId: 'd-3' }));
    expect(sink.connections).toBe(2);
  });

  it('fails with the server reason when the server refuses the recipient', async () => {
    const refused = sender.send(channel, alertNotification({ recipient: { userid: 'wangwu', name: '王五', email: 'wangwu@gone.example.com' } }));
    await expect(refused).rejects.toThrow('email 合规邮件 to wangwu@gone.example.com: the SMTP server refused RCPT TO: 550 5.1.1 <wangwu@gone.example.com>: Recipient address rejected: User unknown');
    expect(sink.mails).toEqual([]);
    // The pool survives a refused recipient.
    await sender.send(channel, alertNotification());
    expect(sink.mails).toHaveLength(1);
  });

  it('fails naming the connection problem when no SMTP server answers', async () => {
    const port = await freePort();
    const down = new EmailSender({ ALERT_SMTP_URL: `smtp://alerts:s3cret-password@127.0.0.1:${port}`, ALERT_MAIL_FROM: FROM });
    try {
      const error = await down.send(channel, alertNotification()).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(new RegExp(`^email 合规邮件 to lisi@example.com: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
      expect(error?.message).not.toContain('s3cret-password');
    } finally {
      down.close();
    }
  });
});
