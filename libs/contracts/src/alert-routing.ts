import { z } from 'zod';
import { severitySchema } from './severity';

/**
 * Where alerts go, as compliance staff configure it through the API: channels (how a notification
 * travels) and routes (who else hears of which alerts). Shared by the API, which validates at save,
 * and alerting, which delivers.
 */
export const channelKindSchema = z.enum(['webhook', 'wecom-robot', 'wecom-app', 'email']);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/** Channels that reach people: one notification per routed person. The others post to one endpoint. */
export const PERSON_CHANNEL_KINDS: readonly ChannelKind[] = ['wecom-app', 'email'];

const httpUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((url) => /^https?:$/.test(new URL(url).protocol), 'must be an http or https URL');

const webhookSettings = z
  .object({
    url: httpUrl,
    /** Signs every body (HMAC-SHA256), so receivers can tell ChatVault's posts from forgeries. */
    secret: z.string().min(16, 'must be at least 16 characters'),
  })
  .strict();

const wecomRobotSettings = z
  .object({
    /** The group robot's webhook address as WeCom shows it: …/cgi-bin/webhook/send?key=… */
    url: httpUrl.refine((url) => new URL(url).searchParams.get('key'), 'must carry the robot key as ?key='),
  })
  .strict();

const wecomAppSettings = z
  .object({
    corpId: z.string().min(1),
    agentId: z.number().int().positive(),
    secret: z.string().min(1),
    /** WeCom's API, or a proxy in front of it. */
    apiBaseUrl: httpUrl.optional(),
  })
  .strict();

const emailSettings = z
  .object({
    /** Mailboxes that get every alert of the channel besides the routed people (a compliance team's list). */
    addresses: z.array(z.string().email('must be an e-mail address')).default([]),
  })
  .strict();

const channelCommon = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().default(true),
  /** Alerts below this severity do not use the channel. */
  minSeverity: severitySchema.default('info'),
  /**
   * Notifications each recipient gets on this channel per throttle window, past which the rest wait
   * for one summary; unset means ALERT_THROTTLE_LIMIT. A SIEM webhook that wants every alert sets it high.
   */
  throttleLimit: z.number().int().positive().optional(),
};

export const alertChannelInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...channelCommon, kind: z.literal('webhook'), settings: webhookSettings }).strict(),
  z.object({ ...channelCommon, kind: z.literal('wecom-robot'), settings: wecomRobotSettings }).strict(),
  z.object({ ...channelCommon, kind: z.literal('wecom-app'), settings: wecomAppSettings }).strict(),
  z.object({ ...channelCommon, kind: z.literal('email'), settings: emailSettings }).strict(),
]);
export type AlertChannelInput = z.infer<typeof alertChannelInputSchema>;
export type ChannelSettings<K extends ChannelKind> = Extract<AlertChannelInput, { kind: K }>['settings'];

export const alertRouteInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    corpId: z.string().min(1),
    /** Every condition given must hold; none given matches every alert of the corp. */
    match: z
      .object({
        minSeverity: severitySchema.optional(),
        categories: z.array(z.string().min(1)).min(1).optional(),
        policyIds: z.array(z.string().min(1)).min(1).optional(),
        /** The employee's departments or any department above them: how a department's compliance officers are named. */
        departmentIds: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .default({}),
    /** Userids of the corp, who hear of matching alerts on every person channel. */
    recipients: z.array(z.string().min(1)).min(1, 'must name at least one recipient'),
  })
  .strict();
export type AlertRouteInput = z.infer<typeof alertRouteInputSchema>;
