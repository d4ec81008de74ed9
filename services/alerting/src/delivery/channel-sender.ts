import type { AlertNotification, ChannelKind } from '@chatvault/contracts';
import type { AlertChannelRecord } from '@chatvault/store';

/**
 * Delivers one notification on one kind of channel. Throws on any failure with a message that says
 * what the receiver answered (never a secret or a URL carrying one): the bus retries with backoff,
 * then dead-letters the notification with that message.
 */
export interface ChannelSender<K extends ChannelKind = ChannelKind> {
  readonly kind: K;
  send(channel: Extract<AlertChannelRecord, { kind: K }>, notification: AlertNotification): Promise<void>;
}

export const CHANNEL_SENDERS = Symbol('ChannelSenders');
