import { z } from 'zod';
import { parseSyslogUrl } from './syslog-url';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const QUIET_HOURS = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * Everything a process reads from its environment, validated once at boot. With nothing set, every
 * port falls back to its embedded adapter so `npm start` works on a fresh machine.
 */
export const configSchema = z.object({
  TARGET: z.string().trim().default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated host:port list; unset means the in-process bus. */
  KAFKA_BROKERS: optionalUrl,
  KAFKA_CLIENT_ID: z.string().default('chatvault'),
  /** Partitions for topics ChatVault creates. */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Prefixes topics and consumer groups, so several ChatVault installs (or test runs) can share one cluster. */
  BUS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]*$/, 'BUS_NAMESPACE may hold lowercase letters, digits and dashes')
    .default(''),
  /**
   * The embedded bus deletes what every consumer group that holds its log back has consumed, but
   * keeps this many of the newest messages of each partition, for replay. Kafka has its own retention.
   */
  BUS_LOG_RETAINED_MESSAGES: z.coerce.number().int().positive().default(1_000),
  /**
   * How long after a consumer group was last subscribed it still holds the embedded bus's log back
   * (Kafka keeps a group's offsets 7 days after its last member left).
   */
  BUS_LOG_GROUP_RETENTION_HOURS: z.coerce.number().int().positive().default(168),
  /** Unset means the embedded index under DATA_DIR. */
  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_INDEX_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('chatvault'),
  /** postgres://…; unset means SQLite under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** Unset means the in-memory cache (single process only). */
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().default('chatvault:'),
  /** `s3://bucket/prefix` stores media in an S3-compatible bucket; unset means files under DATA_DIR/objects. */
  OBJECT_STORE_URL: optionalUrl,
  /** For S3-compatible services other than AWS (MinIO, OSS, COS); addressed path-style. */
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().default('us-east-1'),
  /** Unset means the AWS SDK's default credential chain (environment, instance role). */
  S3_ACCESS_KEY_ID: optionalUrl,
  S3_SECRET_ACCESS_KEY: optionalUrl,
  /** When set, this key is the admin key; otherwise one is generated on first start and printed once. */
  CHATVAULT_API_KEY: z.string().min(24, 'CHATVAULT_API_KEY must be at least 24 characters').optional(),
  /** JSON file naming the corps whose chat archive is pulled (see services/ingest/src/archive-corps-file.ts); unset means no puller. */
  WECOM_ARCHIVE_CORPS_FILE: optionalUrl,
  /** The vendor's libWeWorkFinanceSdk_C.so, needed when WECOM_ARCHIVE_CORPS_FILE is set. */
  WECOM_FINANCE_SDK_LIBRARY: optionalUrl,
  /** How often every corp is pulled besides the pulls msgaudit_notify triggers. */
  WECOM_ARCHIVE_PULL_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Hits of one employee, rule and conversation this close after the alert's last hit join that alert. */
  ALERT_GROUPING_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  /**
   * HH:MM-HH:MM, UTC+8: alerts below critical that come in these hours wait for the morning digest
   * instead of reaching people at night. Unset means no quiet hours.
   */
  ALERT_QUIET_HOURS: optionalUrl.refine((v) => v === undefined || QUIET_HOURS.test(v), 'ALERT_QUIET_HOURS must be HH:MM-HH:MM (UTC+8), e.g. 22:00-08:00'),
  /** HH:MM, UTC+8: when each manager gets the day's digest. */
  ALERT_DIGEST_TIME: z.string().regex(CLOCK_TIME, 'ALERT_DIGEST_TIME must be HH:MM (UTC+8)').default('09:00'),
  /** Notifications one recipient gets on one channel per throttle window; the rest are summed up in one summary. */
  ALERT_THROTTLE_LIMIT: z.coerce.number().int().positive().default(20),
  ALERT_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().positive().default(10),
  /**
   * JSON file of the corps whose WeCom callbacks the API accepts, with each corp's callback Token and
   * EncodingAESKey (see services/api/src/wecom-callback/callback-corps-file.ts); unset means every callback is refused.
   */
  WECOM_CALLBACK_CORPS_FILE: optionalUrl,
  /**
   * JSON file of the corps whose directory (departments, employees, customers) ingest reads from WeCom's
   * contact APIs (see services/ingest/src/directory/directory-corps-file.ts); unset means callbacks only.
   */
  WECOM_DIRECTORY_CORPS_FILE: optionalUrl,
  /** How often each corp's whole directory is read again; callbacks keep it current in between. */
  WECOM_DIRECTORY_SYNC_INTERVAL_MS: z.coerce.number().int().positive().default(6 * 60 * 60 * 1000),
  /** udp://host:port or tcp://host:port of a SIEM's syslog receiver; every alert event goes there as CEF. Unset means no syslog. */
  ALERT_SYSLOG_URL: optionalUrl.superRefine((url, context) => {
    if (url === undefined) return;
    try {
      parseSyslogUrl(url);
    } catch (error) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  }),
  /**
   * smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465 for alert
   * e-mail; unset means e-mail channels fail, saying to set it. It carries a password: never logged,
   * nor quoted in errors.
   */
  ALERT_SMTP_URL: optionalUrl.superRefine((url, context) => {
    if (url === undefined) return;
    const problem = smtpUrlProblem(url);
    if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  }),
  /** The From of alert e-mail; the SMTP server may require one of its own addresses. */
  ALERT_MAIL_FROM: z.string().trim().min(1).default('ChatVault <chatvault@localhost>'),
  /** Where reviewers reach ChatVault (https://chatvault.example.com), for links to alerts in what is sent out. */
  CHATVAULT_PUBLIC_URL: optionalUrl,
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().default('chatvault'),
});

/** What is wrong with an SMTP URL, told without the URL, which may hold a password. */
function smtpUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'ALERT_SMTP_URL is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465';
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return `ALERT_SMTP_URL must start with smtp:// or smtps://, got ${parsed.protocol}//`;
  if (!parsed.hostname) return 'ALERT_SMTP_URL must name the SMTP server, e.g. smtp://user:password@mail.example.com:587';
  return undefined;
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

export const CONFIG = Symbol('Config');
