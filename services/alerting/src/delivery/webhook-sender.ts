import type { AlertNotification } from '@chatvault/contracts';
import type { AlertChannelRecord } from '@chatvault/store';
import type { ChannelSender } from './channel-sender';
import { WEBHOOK_HEADERS, signWebhook } from './webhook-signature';

const TIMEOUT_MS = 10_000;

/** Posts the notification as JSON, signed, to the channel's URL; anything but a 2xx is a failure. */
export class WebhookSender implements ChannelSender<'webhook'> {
  readonly kind = 'webhook';

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  async send(channel: Extract<AlertChannelRecord, { kind: 'webhook' }>, notification: AlertNotification): Promise<void> {
    const body = JSON.stringify({
      deliveryId: notification.deliveryId,
      kind: notification.kind,
      corpId: notification.corpId,
      alertId: notification.alertId,
      severity: notification.severity,
      title: notification.title,
      lines: notification.lines,
      url: notification.url,
      data: notification.data,
    });
    const timestamp = Math.floor(this.now() / 1000);
    let response: Response;
    try {
      response = await fetch(channel.settings.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(channel.settings.secret, timestamp, body),
          [WEBHOOK_HEADERS.delivery]: notification.deliveryId,
        },
        // A redirect would turn the signed POST into a GET without its body and count that as delivered.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`webhook ${channel.name}: ${describeFetchError(error, this.timeoutMs)}`);
    }
    // Drained so the connection goes back to the pool.
    const answer = (await response.text()).slice(0, 200);
    if (!response.ok) throw new Error(`webhook ${channel.name} answered ${response.status}${answer ? `: ${answer}` : ''}`);
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return `unreachable (${cause})`;
}
