import { PERSON_CHANNEL_KINDS, type NotificationRecipient } from '@chatvault/contracts';
import type { AlertChannelRecord } from '@chatvault/store';
import type { Person } from './alert-recipients';

export interface DeliveryTarget {
  channel: AlertChannelRecord;
  /** Null for a channel that posts to one endpoint. */
  recipient: NotificationRecipient | null;
  /** The recipient as deliveries record it: a userid, a mailbox, or '' for an endpoint. */
  recipientKey: string;
}

/**
 * Person channels reach each routed person they can address (WeCom by userid within the channel's
 * corp, e-mail by the directory's mailbox) and an e-mail channel's own mailboxes; other channels post once.
 */
export function deliveryTargets(channels: readonly AlertChannelRecord[], people: readonly Person[]): DeliveryTarget[] {
  return channels.flatMap((channel): DeliveryTarget[] => {
    if (!PERSON_CHANNEL_KINDS.includes(channel.kind)) return [{ channel, recipient: null, recipientKey: '' }];
    if (channel.kind === 'wecom-app') {
      return people.map((p) => ({ channel, recipient: { userid: p.userid, name: p.name, email: p.email }, recipientKey: p.userid }));
    }
    const mailboxes = new Map<string, NotificationRecipient>();
    for (const p of people) if (p.email) mailboxes.set(p.email, { userid: p.userid, name: p.name, email: p.email });
    if (channel.kind === 'email') for (const email of channel.settings.addresses) if (!mailboxes.has(email)) mailboxes.set(email, { userid: '', name: '', email });
    return [...mailboxes].map(([email, recipient]) => ({ channel, recipient, recipientKey: email }));
  });
}

export function deliveryIdOf(subject: string, target: Pick<DeliveryTarget, 'channel' | 'recipientKey'>): string {
  return `${subject}|${target.channel.id}|${target.recipientKey}`;
}
