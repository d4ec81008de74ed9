import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { alertNotificationV1, type AlertNotification } from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { counter } from '@chatvault/platform';
import { CHANNEL_SENDERS } from '../delivery/channel-sender';
import type { ChannelSenders } from '../delivery/channel-senders';
import { ALERTING_CLOCK, type Clock } from '../sla-escalator';
import { ROUTING_SNAPSHOT } from './alert-notifier';
import type { RoutingSnapshot } from './routing-snapshot';

/** With the bus's backoff (0.2 s doubling), a receiver has about 6 s to come back before the dead letter. */
export const SEND_ATTEMPTS = 6;

const outcomes = counter('chatvault_alert_deliveries_total', 'Notification send attempts by channel kind and outcome', ['kind', 'outcome']);

/**
 * Sends each notification on its channel and records the outcome on its delivery. A failed attempt
 * is retried with backoff by the bus, then dead-lettered on alert.notification.v1.dlt with the
 * receiver's answer as the reason; the delivery is marked failed so the alert shows it meanwhile.
 */
@Injectable()
export class NotificationSender implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(ROUTING_SNAPSHOT) private readonly routing: RoutingSnapshot,
    @Inject(CHANNEL_SENDERS) private readonly senders: ChannelSenders,
    @Inject(ALERTING_CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(alertNotificationV1, { group: 'alert-sender', maxAttempts: SEND_ATTEMPTS }, (delivery) => this.send(delivery));
  }

  private async send({ value: notification, attempt }: Delivery<AlertNotification>): Promise<void> {
    const recorded = await this.store.routing.findDelivery(notification.deliveryId);
    if (recorded?.status === 'sent') return;
    const channel = await this.routing.channel(notification.channelId);
    if (!channel?.enabled) {
      // Nothing to retry: the channel is gone or switched off, and saying so is the outcome.
      await this.outcome(notification, 'failed', attempt, `channel ${notification.channelId} was deleted or disabled before sending`);
      outcomes.inc({ kind: channel?.kind ?? 'unknown', outcome: 'dropped' });
      return;
    }
    try {
      await this.senders.send(channel, notification);
    } catch (error) {
      const last = attempt >= SEND_ATTEMPTS;
      await this.outcome(notification, last ? 'failed' : 'pending', attempt, error instanceof Error ? error.message : String(error));
      outcomes.inc({ kind: channel.kind, outcome: last ? 'failed' : 'retried' });
      throw error;
    }
    await this.outcome(notification, 'sent', attempt, null);
    outcomes.inc({ kind: channel.kind, outcome: 'sent' });
  }

  private outcome(notification: AlertNotification, status: 'sent' | 'pending' | 'failed', attempts: number, error: string | null): Promise<void> {
    return this.store.routing.updateDelivery(notification.deliveryId, { status, attempts, error, updatedAt: this.clock() });
  }
}
