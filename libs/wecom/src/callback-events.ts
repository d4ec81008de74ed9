import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/*
 * The decrypted XML of WeCom's event callbacks (customer contact 92130/92277, customer groups,
 * contacts, chat-archive notify), parsed into typed events. Anything we do not recognise, or that
 * lacks a field the docs promise, comes back as an `unknown` event with the raw XML: callbacks are
 * never retried once we answer, so dropping one loses it.
 */

const text = z.string().min(1);
const optionalText = z.string().optional();
const integer = z.string().regex(/^-?\d+$/, 'must be an integer').transform(Number);
const optionalInteger = integer.optional();
/** Department lists arrive as "1,2,3". */
const idList = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((id) => id.trim()).filter(Boolean) : []));

const header = {
  ToUserName: z.string().default(''),
  FromUserName: z.string().default(''),
  CreateTime: integer,
};

function envelope(raw: Record<string, any>) {
  return { toUserName: raw.ToUserName as string, fromUserName: raw.FromUserName as string, createTime: raw.CreateTime as number };
}

const externalContactSchema = z
  .discriminatedUnion('ChangeType', [
    z.object({ ChangeType: z.literal('add_external_contact'), UserID: text, ExternalUserID: text, State: optionalText, WelcomeCode: optionalText }),
    z.object({ ChangeType: z.literal('add_half_external_contact'), UserID: text, ExternalUserID: text, State: optionalText, WelcomeCode: optionalText }),
    z.object({ ChangeType: z.literal('edit_external_contact'), UserID: text, ExternalUserID: text }),
    // Source=DELETE_BY_TRANSFER when the relation ended because the customer was handed over.
    z.object({ ChangeType: z.literal('del_external_contact'), UserID: text, ExternalUserID: text, Source: optionalText }),
    z.object({ ChangeType: z.literal('del_follow_user'), UserID: text, ExternalUserID: text }),
    // UserID is the employee who was to take the customer over.
    z.object({ ChangeType: z.literal('transfer_fail'), UserID: text, ExternalUserID: text, FailReason: text }),
    z.object({ ChangeType: z.literal('msg_audit_approved'), UserID: text, ExternalUserID: text, WelcomeCode: optionalText }),
  ])
  .and(z.object(header))
  .transform((raw) => ({
    type: 'change_external_contact' as const,
    ...envelope(raw),
    changeType: raw.ChangeType,
    userId: raw.UserID,
    externalUserId: raw.ExternalUserID,
    state: 'State' in raw ? raw.State : undefined,
    welcomeCode: 'WelcomeCode' in raw ? raw.WelcomeCode : undefined,
    source: 'Source' in raw ? raw.Source : undefined,
    failReason: 'FailReason' in raw ? (raw.FailReason as 'customer_refused' | 'customer_limit_exceed' | (string & {})) : undefined,
  }));

const externalChatSchema = z
  .object({
    ...header,
    ChangeType: z.enum(['create', 'update', 'dismiss']),
    ChatId: text,
    UpdateDetail: z.enum(['add_member', 'del_member', 'change_owner', 'change_name', 'change_notice']).optional(),
    JoinScene: optionalInteger,
    QuitScene: optionalInteger,
    MemChangeCnt: optionalInteger,
    MemChangeList: z.array(z.string()).default([]),
    LastMemVer: optionalText,
    CurMemVer: optionalText,
  })
  .refine((raw) => raw.ChangeType !== 'update' || raw.UpdateDetail !== undefined, 'an update needs UpdateDetail')
  .transform((raw) => ({
    type: 'change_external_chat' as const,
    ...envelope(raw),
    changeType: raw.ChangeType,
    chatId: raw.ChatId,
    updateDetail: raw.UpdateDetail,
    /** 1: invited directly, 2: invitation link, 3: QR code. */
    joinScene: raw.JoinScene,
    /** 0: left by themselves, 1: removed by the owner. */
    quitScene: raw.QuitScene,
    memberChangeCount: raw.MemChangeCnt,
    memberChangeList: raw.MemChangeList,
    lastMemberVersion: raw.LastMemVer,
    currentMemberVersion: raw.CurMemVer,
  }));

const userFields = {
  Name: optionalText,
  Department: idList,
  MainDepartment: optionalText,
  Position: optionalText,
  Mobile: optionalText,
  Gender: optionalText,
  Email: optionalText,
  Status: optionalInteger,
  Alias: optionalText,
};

const contactSchema = z
  .discriminatedUnion('ChangeType', [
    z.object({ ChangeType: z.literal('create_user'), UserID: text, ...userFields }),
    z.object({ ChangeType: z.literal('update_user'), UserID: text, NewUserID: optionalText, ...userFields }),
    // A departure: the employee's customers become reassignable.
    z.object({ ChangeType: z.literal('delete_user'), UserID: text }),
    z.object({ ChangeType: z.literal('create_party'), Id: text, Name: optionalText, ParentId: optionalText, Order: optionalInteger }),
    z.object({ ChangeType: z.literal('update_party'), Id: text, Name: optionalText, ParentId: optionalText }),
    z.object({ ChangeType: z.literal('delete_party'), Id: text }),
  ])
  .and(z.object(header))
  .transform((raw) => {
    const base = { type: 'change_contact' as const, ...envelope(raw) };
    switch (raw.ChangeType) {
      case 'create_user':
      case 'update_user':
        return {
          ...base,
          changeType: raw.ChangeType,
          userId: raw.UserID,
          newUserId: 'NewUserID' in raw ? raw.NewUserID : undefined,
          name: raw.Name,
          departments: raw.Department,
          mainDepartment: raw.MainDepartment,
          position: raw.Position,
          mobile: raw.Mobile,
          gender: raw.Gender,
          email: raw.Email,
          alias: raw.Alias,
          /** 1 active, 2 disabled, 4 not yet activated. */
          status: raw.Status,
        };
      case 'delete_user':
        return { ...base, changeType: raw.ChangeType, userId: raw.UserID };
      case 'create_party':
      case 'update_party':
        return { ...base, changeType: raw.ChangeType, partyId: raw.Id, name: raw.Name, parentId: raw.ParentId };
      case 'delete_party':
        return { ...base, changeType: raw.ChangeType, partyId: raw.Id };
    }
  });

/** New archive data is waiting; WeCom sends it at most every 15 s. */
const msgauditNotifySchema = z
  .object({ ...header, AgentID: optionalText })
  .transform((raw) => ({ type: 'msgaudit_notify' as const, ...envelope(raw), agentId: raw.AgentID }));

export type ExternalContactEvent = z.output<typeof externalContactSchema>;
export type ExternalChatEvent = z.output<typeof externalChatSchema>;
export type ContactEvent = z.output<typeof contactSchema>;
export type MsgauditNotifyEvent = z.output<typeof msgauditNotifySchema>;
export interface UnknownCallbackEvent {
  type: 'unknown';
  event: string;
  changeType: string;
  /** Why it was not recognised: an unknown type, or the validation problem. */
  reason: string;
  raw: string;
}
export type CallbackEvent = ExternalContactEvent | ExternalChatEvent | ContactEvent | MsgauditNotifyEvent | UnknownCallbackEvent;

const schemas: Record<string, z.ZodType<CallbackEvent, any>> = {
  change_external_contact: externalContactSchema,
  change_external_chat: externalChatSchema,
  change_contact: contactSchema,
  msgaudit_notify: msgauditNotifySchema,
};

const parser = new XMLParser({
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, jpath) => jpath === 'xml.MemChangeList.Item',
});

export class CallbackEventParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackEventParseError';
  }
}

/** Parses one decrypted callback message. Throws only when the text is not an `<xml>` document at all. */
export function parseCallbackEvent(rawXml: string): CallbackEvent {
  let document: any;
  try {
    document = parser.parse(rawXml, true);
  } catch (error) {
    throw new CallbackEventParseError(`callback message is not well-formed XML: ${(error as Error).message}`);
  }
  if (!document || typeof document.xml !== 'object' || document.xml === null) {
    throw new CallbackEventParseError('callback message has no <xml> root element');
  }
  const fields = normalise(document.xml);
  const event = typeof fields.Event === 'string' ? fields.Event : '';
  const changeType = typeof fields.ChangeType === 'string' ? fields.ChangeType : '';
  const schema = schemas[event];
  if (!schema) return { type: 'unknown', event, changeType, reason: `event '${event}' is not handled`, raw: rawXml };
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  const reason = result.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
  return { type: 'unknown', event, changeType, reason, raw: rawXml };
}

/** Flattens `<MemChangeList>` (`<Item>` children, or a comma list in older payloads) and empty tags. */
function normalise(xmlRoot: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(xmlRoot)) {
    if (key === 'MemChangeList') {
      fields[key] = memberList(value);
    } else if (value !== '' && value !== undefined) {
      fields[key] = typeof value === 'number' ? String(value) : value;
    }
  }
  return fields;
}

function memberList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((id) => id.trim()).filter(Boolean);
  const items = (value as { Item?: unknown[] } | undefined)?.Item ?? [];
  return items.map((item) => String(item).trim()).filter(Boolean);
}
