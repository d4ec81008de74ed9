import type { AlertNotification } from '@chatvault/contracts';
import type { AlertChannelRecord } from '@chatvault/store';
import { WecomApiError, WecomClient } from '@chatvault/wecom';
import type { ChannelSender } from './channel-sender';
import { wecomRobotMarkdown } from './wecom-robot-markdown';
import type { WecomTuning } from './wecom-tuning';

type WecomRobotChannel = Extract<AlertChannelRecord, { kind: 'wecom-robot' }>;

/** webhook/send's answer to a key that no robot has (the robot was removed from its group). */
const UNKNOWN_KEY = 93000;

/**
 * Posts each notification as markdown to the channel's group robot. The robot key is the only
 * credential of a group robot, so no error this throws carries it.
 */
export class WecomRobotSender implements ChannelSender<'wecom-robot'> {
  readonly kind = 'wecom-robot';

  constructor(private readonly tuning: WecomTuning = {}) {}

  async send(channel: WecomRobotChannel, notification: AlertNotification): Promise<void> {
    const { baseUrl, key } = robotEndpoint(channel);
    // A robot call needs no access token, so there is nothing worth keeping between sends.
    const client = new WecomClient({ corpId: '', secrets: {}, baseUrl, ...this.tuning });
    try {
      await client.sendRobotMessage(key, wecomRobotMarkdown(notification));
    } catch (error) {
      const reason = error instanceof WecomApiError && error.errcode === UNKNOWN_KEY ? `WeCom knows no robot with this key, was it removed from its group? (${error.message})` : (error as Error).message;
      throw new Error(`wecom-robot ${channel.name}: ${reason.replaceAll(key, '[key]')}`);
    }
  }
}

/** The address WeCom shows for a robot, split into the API base (WeCom's, or a proxy's) and the key. */
function robotEndpoint(channel: WecomRobotChannel): { baseUrl: string; key: string } {
  const url = new URL(channel.settings.url);
  const key = url.searchParams.get('key');
  const prefix = /^(.*)\/cgi-bin\/webhook\/send\/?$/.exec(url.pathname);
  if (!key || !prefix) throw new Error(`wecom-robot ${channel.name}: the robot address must be …/cgi-bin/webhook/send?key=…, as WeCom shows it`);
  return { baseUrl: url.origin + prefix[1], key };
}
