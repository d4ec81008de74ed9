import { z } from 'zod';
import { defineTopic } from '../../topic';
import { eventEnvelope } from '../../event-envelope';
import { severitySchema } from '../../severity';

export const notificationRecipientSchema = z.object({
  /** Empty for a mailbox configured on the channel rather than a person of the directory. */
  userid: z.string(),
  name: z.string(),
  email: z.string(),
});
export type NotificationRecipient = z.infer<typeof notificationRecipientSchema>;

/**
 * One notification to send on one channel, to one person for person channels: alerting decides
 * who hears what (routing, throttling, quiet hours) and the sender only delivers, so a receiver that
 * is down delays its own channel and nothing else.
 */
export const alertNotificationSchema = z.object({
  ...eventEnvelope,
  schemaVersion: z.literal(1),
  /** The delivery this sends: its outcome is recorded under this id. */
  deliveryId: z.string().min(1),
  corpId: z.string(),
  channelId: z.string().min(1),
  recipient: notificationRecipientSchema.nullable(),
  /** alert: one alert; summary: alerts withheld by throttling; digest: a manager's day. */
  kind: z.enum(['alert', 'summary', 'digest']),
  /** The alert, for kind alert. */
  alertId: z.string().nullable(),
  severity: severitySchema,
  title: z.string(),
  /** Plain lines, Chinese first: what happened, who, when, to whom, the evidence. */
  lines: z.array(z.string()),
  /** Where the reader acts on it in the console. */
  url: z.string(),
  /** The structured facts behind the text, for webhook receivers. */
  data: z.record(z.string(), z.unknown()),
});
export type AlertNotification = z.infer<typeof alertNotificationSchema>;

export const alertNotificationV1 = defineTopic<AlertNotification>({
  name: 'alert.notification.v1',
  schemaVersion: 1,
  schema: alertNotificationSchema,
  keyOf: (e) => e.channelId,
});
