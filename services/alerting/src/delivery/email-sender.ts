import type { AlertNotification } from '@chatvault/contracts';
import type { Config } from '@chatvault/platform';
import type { AlertChannelRecord } from '@chatvault/store';
import { createTransport, type Transporter } from 'nodemailer';
import { alertEmail } from './alert-email';
import type { ChannelSender } from './channel-sender';

type EmailChannel = Extract<AlertChannelRecord, { kind: 'email' }>;

export type EmailSenderConfig = Pick<Config, 'ALERT_SMTP_URL' | 'ALERT_MAIL_FROM'>;

/**
 * Mails each notification to its recipient through the SMTP server of ALERT_SMTP_URL, over one pool
 * of connections for the process. An SMTP server that refuses is a failure with its answer.
 */
export class EmailSender implements ChannelSender<'email'> {
  readonly kind = 'email';
  private transport?: Transporter;

  constructor(private readonly config: EmailSenderConfig) {}

  async send(channel: EmailChannel, notification: AlertNotification): Promise<void> {
    const { recipient } = notification;
    if (!recipient?.email) {
      const whom = recipient ? `${recipient.name || recipient.userid} has` : 'the notification names';
      throw new Error(`email ${channel.name}: ${whom} no e-mail address`);
    }
    const transport = this.pool(channel);
    try {
      const to = recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email;
      await transport.sendMail({ from: this.config.ALERT_MAIL_FROM, to, ...alertEmail(notification) });
    } catch (error) {
      throw new Error(`email ${channel.name} to ${recipient.email}: ${describeSmtpError(error)}`);
    }
  }

  /** Closes the pool's connections; a later send opens new ones. */
  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private pool(channel: EmailChannel): Transporter {
    if (!this.config.ALERT_SMTP_URL) throw new Error(`email ${channel.name}: no SMTP server is configured; set ALERT_SMTP_URL (smtp://user:password@host:587)`);
    // nodemailer waits minutes by default; a stuck server must fail the attempt so the bus retries.
    this.transport ??= createTransport({ url: this.config.ALERT_SMTP_URL, pool: true, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return this.transport;
  }
}

/** The SMTP server's own answer where it gave one, with the command it answered. */
function describeSmtpError(error: unknown): string {
  const { command, response, message } = error as { command?: string; response?: string; message: string };
  if (response) return `the SMTP server refused ${command ?? 'the message'}: ${response}`;
  return message;
}
