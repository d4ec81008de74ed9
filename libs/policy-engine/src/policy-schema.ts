import { z } from 'zod';
import { severitySchema } from '@chatvault/contracts';

/** Who talks to whom; a group chat is `group` whoever speaks. */
export const directionSchema = z.enum(['employee-to-customer', 'customer-to-employee', 'internal', 'group']);
export type Direction = z.infer<typeof directionSchema>;

export const speakerSchema = z.enum(['employee', 'external']);
export type Speaker = z.infer<typeof speakerSchema>;

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, dot, dash or underscore');
const category = z.string().min(1);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 00:00 to 23:59');

export const keywordSchema = z.union([
  z.string(),
  z.object({
    keyword: z.string(),
    category: category.optional(),
    severity: severitySchema.optional(),
    /** Also match the full pinyin (飞单 → feidan, also fei单 and 飞dan). */
    pinyin: z.boolean().optional(),
    /** Also match the initials (飞单 → fd). Only for words whose initials are not common words. */
    initials: z.boolean().optional(),
  }),
]);
export type Keyword = z.infer<typeof keywordSchema>;

export const lexiconSchema = z.object({
  id,
  description: z.string().optional(),
  keywords: z.array(keywordSchema),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

export const scheduleSchema = z.object({
  /** 1 Monday … 7 Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  start: hhmm,
  end: hhmm,
  /** China has one zone and no daylight saving, so a fixed offset is exact there. */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const scopeSchema = z.object({
  /** Only employees of these departments (and their sub-departments as the directory reports them). */
  departments: z.array(z.string().min(1)).optional(),
  employees: z.array(z.string().min(1)).optional(),
  directions: z.array(directionSchema).min(1).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

/** Conditions every rule kind may add to its policy's scope. */
const ruleBase = {
  id,
  description: z.string().optional(),
  enabled: z.boolean().default(true),
  category: category.optional(),
  severity: severitySchema.optional(),
  /** Only when the sender is one of these. */
  from: z.array(speakerSchema).min(1).optional(),
  directions: z.array(directionSchema).min(1).optional(),
  msgtypes: z.array(z.string().min(1)).min(1).optional(),
  excludeMsgtypes: z.array(z.string().min(1)).optional(),
};

const termList = z.array(z.string());

export const proximitySchema = z.object({
  /** Both sides are folded like keywords; pinyin is not applied to them. */
  a: termList,
  b: termList,
  /** Characters allowed between the end of one term and the start of the other. */
  within: z.number().int().min(0).max(200),
  /** When true, a must come before b. */
  ordered: z.boolean().default(false),
  category: category.optional(),
  severity: severitySchema.optional(),
});
export type Proximity = z.infer<typeof proximitySchema>;

export const negatorsSchema = z.object({
  /** Prohibitions and denials that cancel a hit they precede in the same clause: 严禁, 禁止, 不得… */
  before: termList.default([]),
  /** Sanctions that cancel a hit they follow in the same clause: 是违规的, 被开除… */
  after: termList.default([]),
  /** Phrases containing a negator that do not negate: 能不能 (can you…?), 是不是 (isn't it…?). */
  except: termList.default([]),
  /** How many characters may separate a `before` term from the hit. */
  beforeWithin: z.number().int().min(0).max(50).default(6),
  /** How many characters may separate the hit from an `after` term. */
  afterWithin: z.number().int().min(0).max(50).default(8),
});
export type Negators = z.infer<typeof negatorsSchema>;

export const lexiconRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('lexicon'),
  /** Ids of the policy's lexicons to match. */
  lexicons: z.array(z.string().min(1)).optional(),
  keywords: z.array(keywordSchema).optional(),
  /** Phrases that neutralise a hit they overlap (不要私下交易 neutralises 私下交易). */
  allow: termList.optional(),
  negators: negatorsSchema.optional(),
  proximity: z.array(proximitySchema).optional(),
  /** Defaults for this rule's keywords. */
  pinyin: z.boolean().optional(),
  initials: z.boolean().optional(),
});

export const regexRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('regex'),
  /**
   * RE2 syntax (no backreferences or lookaround), run on the folded text: simplified Chinese, lower
   * case, half-width, same length and offsets as the original.
   */
  pattern: z.string().min(1),
  /** Keywords of which one must occur before the regex runs: keeps the pipeline fast. */
  trigger: termList.optional(),
  allow: termList.optional(),
});

export const piiDetectorSchema = z.enum(['mobile', 'id-card', 'bank-card', 'email', 'qq', 'wechat-id']);
export type PiiDetector = z.infer<typeof piiDetectorSchema>;

export const piiRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('pii'),
  detectors: z.array(piiDetectorSchema).min(1),
  /** Mask what the detectors find in every excerpt this classifier writes. */
  mask: z.boolean().default(true),
});

export const qrKindSchema = z.enum(['personal-wechat', 'wechat-group', 'payment', 'wecom', 'other']);
export type QrKind = z.infer<typeof qrKindSchema>;

export const behaviourRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('behaviour'),
  actions: z.array(z.enum(['send', 'recall'])).min(1).optional(),
  /** At least one recipient is an external contact. */
  toExternal: z.boolean().optional(),
  /** Red packets and transfers, in yuan (WeCom records amounts in fen). */
  amount: z.object({ minYuan: z.number().nonnegative().optional(), maxYuan: z.number().nonnegative().optional() }).optional(),
  /** A file whose name contains one of these (folded like keywords). */
  fileName: termList.optional(),
  /** Outside the policy's schedule. */
  outsideWorkingHours: z.boolean().optional(),
  /** An image with a QR code of one of these kinds. */
  qr: z.array(qrKindSchema).min(1).optional(),
});

export const eventTypeSchema = z.enum([
  'employee-deleted-customer',
  'customer-deleted-employee',
  'group-without-colleague',
  'customer-removed-from-group',
  'consent-withdrawn',
]);
export type EventType = z.infer<typeof eventTypeSchema>;

export const eventRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('event'),
  on: eventTypeSchema,
  /** Only removals of at least this many customers at once (bulk deletion before leaving). */
  minCount: z.number().int().positive().optional(),
});

export const rateRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('rate'),
  /** Which category's hits to count. */
  counts: category,
  threshold: z.number().int().min(2),
  windowMinutes: z.number().int().positive(),
  escalateTo: severitySchema,
});

export const ruleSchema = z.discriminatedUnion('kind', [
  lexiconRuleSchema,
  regexRuleSchema,
  piiRuleSchema,
  behaviourRuleSchema,
  eventRuleSchema,
  rateRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type LexiconRule = z.infer<typeof lexiconRuleSchema>;
export type RegexRule = z.infer<typeof regexRuleSchema>;
export type PiiRule = z.infer<typeof piiRuleSchema>;
export type BehaviourRule = z.infer<typeof behaviourRuleSchema>;
export type EventRule = z.infer<typeof eventRuleSchema>;
export type RateRule = z.infer<typeof rateRuleSchema>;
export const RULE_KINDS = ruleSchema.options.map((option) => option.shape.kind.value);

export const policySchema = z.object({
  id,
  version: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().optional(),
  enabled: z.boolean().default(true),
  /** Severity of hits whose rule and keyword name none. */
  severity: severitySchema,
  /** Every category the policy reports; a rule reporting another one is a typo. */
  categories: z.array(category).min(1),
  scope: scopeSchema.default({}),
  /** Working hours. */
  schedule: scheduleSchema.optional(),
  /** When the policy applies, relative to its schedule. */
  activeDuring: z.enum(['always', 'working-hours', 'outside-working-hours']).default('always'),
  lexicons: z.array(lexiconSchema).default([]),
  rules: z.array(ruleSchema),
});
export type Policy = z.infer<typeof policySchema>;
/** What authors write: defaults may be left out. */
export type PolicyInput = z.input<typeof policySchema>;
