import type { AlertNotification } from '@chatvault/contracts';
import type { AlertChannelRecord } from '@chatvault/store';
import { WecomApiError, WecomClient, type AppMessageResult } from '@chatvault/wecom';
import type { ChannelSender } from './channel-sender';
import { wecomTextcard } from './wecom-textcard';
import type { WecomTuning } from './wecom-tuning';

type WecomAppChannel = Extract<AlertChannelRecord, { kind: 'wecom-app' }>;

/** message/send's answer when no recipient exists or may be messaged by the application. */
const NO_VALID_RECIPIENT = 81013;

/** Sends each notification as a textcard from the channel's WeCom application to the routed person. */
export class WecomAppSender implements ChannelSender<'wecom-app'> {
  readonly kind = 'wecom-app';
  /** Per channel, the client of its current version: its access token lasts two hours and gettoken is rate-limited. */
  private readonly clients = new Map<string, { version: number; client: WecomClient }>();

  constructor(private readonly tuning: WecomTuning = {}) {}

  async send(channel: WecomAppChannel, notification: AlertNotification): Promise<void> {
    const userid = notification.recipient?.userid;
    if (!userid) {
      const whom = notification.recipient?.email ? `the mailbox ${notification.recipient.email}` : 'nobody';
      throw new Error(`wecom-app ${channel.name}: delivery ${notification.deliveryId} is addressed to ${whom}, not to a WeCom userid`);
    }
    let result: AppMessageResult;
    try {
      result = await this.client(channel).sendAppMessage({ touser: [userid] }, wecomTextcard(notification));
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === NO_VALID_RECIPIENT) {
        throw new Error(`wecom-app ${channel.name}: WeCom knows no user ${userid} the application may message (errcode ${error.errcode}: ${error.errmsg})`);
      }
      throw new Error(`wecom-app ${channel.name}: ${(error as Error).message}`);
    }
    // With one recipient WeCom usually answers 81013, but it may accept the call and list the user as not reached.
    if (listed(result.invaliduser, userid)) throw new Error(`wecom-app ${channel.name}: WeCom reports ${userid} as an invalid user`);
    if (listed(result.unlicenseduser, userid)) throw new Error(`wecom-app ${channel.name}: ${userid} has no WeCom licence, so the application cannot message them`);
  }

  private client(channel: WecomAppChannel): WecomClient {
    const cached = this.clients.get(channel.id);
    if (cached?.version === channel.version) return cached.client;
    const { corpId, agentId, secret, apiBaseUrl } = channel.settings;
    const client = new WecomClient({ corpId, agentId, secrets: { appMessage: secret }, baseUrl: apiBaseUrl, ...this.tuning });
    this.clients.set(channel.id, { version: channel.version, client });
    return client;
  }
}

function listed(userids: string | undefined, userid: string): boolean {
  return !!userids && userids.split('|').includes(userid);
}
