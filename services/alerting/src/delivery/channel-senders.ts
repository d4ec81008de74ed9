import type { OnModuleDestroy, Provider } from '@nestjs/common';
import type { AlertNotification, ChannelKind } from '@chatvault/contracts';
import { CONFIG } from '@chatvault/platform';
import type { AlertChannelRecord } from '@chatvault/store';
import { CHANNEL_SENDERS, type ChannelSender } from './channel-sender';
import { EmailSender, type EmailSenderConfig } from './email-sender';
import { WebhookSender } from './webhook-sender';
import { WecomAppSender } from './wecom-app-sender';
import { WecomRobotSender } from './wecom-robot-sender';

export type ChannelSenderMap = { readonly [K in ChannelKind]: ChannelSender<K> };

/** The sender of every kind of channel, picked by the channel's kind; one per process. */
export class ChannelSenders implements OnModuleDestroy {
  readonly byKind: ChannelSenderMap;
  private readonly email: EmailSender;

  constructor(config: EmailSenderConfig) {
    this.email = new EmailSender(config);
    this.byKind = { webhook: new WebhookSender(), 'wecom-robot': new WecomRobotSender(), 'wecom-app': new WecomAppSender(), email: this.email };
  }

  /** Delivers on the channel with the sender of its kind; throws what that sender throws. */
  send(channel: AlertChannelRecord, notification: AlertNotification): Promise<void> {
    switch (channel.kind) {
      case 'webhook':
        return this.byKind.webhook.send(channel, notification);
      case 'wecom-robot':
        return this.byKind['wecom-robot'].send(channel, notification);
      case 'wecom-app':
        return this.byKind['wecom-app'].send(channel, notification);
      case 'email':
        return this.byKind.email.send(channel, notification);
    }
  }

  onModuleDestroy(): void {
    this.email.close();
  }
}

/** CHANNEL_SENDERS for the alerting module; Nest closes the e-mail pool when the module stops. */
export const channelSendersProvider: Provider = { provide: CHANNEL_SENDERS, useFactory: (config: EmailSenderConfig) => new ChannelSenders(config), inject: [CONFIG] };
