import { captureProblemV1, wecomArchiveMessageSchema, wecomMessageReceivedV1, type CaptureProblem, type WecomMessageReceived } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { ArchiveStore, StoredEnvelope } from '@chatvault/store';
import { counter, type Logger } from '@chatvault/platform';
import { ArchiveDecryptError, FinanceSdkError, MAX_CHAT_DATA_LIMIT, type ArchiveDecryptor, type EncryptedChatRecord, type FinanceSdk } from '@chatvault/wecom';

const pulled = counter('chatvault_puller_records_pulled_total', 'Encrypted chat-archive records stored by the puller', ['corp']);
const published = counter('chatvault_puller_records_published_total', 'Decrypted chat-archive records published', ['corp']);
const seqGaps = counter('chatvault_puller_seq_gap_records_total', 'Sequence numbers missing between pulled records', ['corp']);
const decryptFailures = counter('chatvault_puller_decrypt_failures_total', 'Failed attempts to decrypt a stored envelope', ['corp', 'reason']);
const pullErrors = counter('chatvault_puller_pull_errors_total', 'GetChatData calls that failed after their retries', ['corp', 'code']);

/** One corp the puller archives: its SDK session and the private keys of its public-key versions. */
export interface ArchiveCorp {
  corpId: string;
  sdk: FinanceSdk;
  decryptor: ArchiveDecryptor;
}

export interface ArchivePullerOptions {
  /** Records per GetChatData call, 1..1000. */
  batchSize: number;
  /** Attempts per GetChatData call when it fails with a transient code (10001–10003). */
  sdkAttempts: number;
  /** First wait before retrying a transient SDK error; doubles each time. */
  sdkRetryDelayMs: number;
  /** First wait before retrying a failed decryption; doubles per attempt up to `decryptRetryMaxMs`. */
  decryptRetryDelayMs: number;
  decryptRetryMaxMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const DUE_PAGE = 500;

/**
 * Pulls each corp's chat archive: the encrypted envelopes are stored and the cursor moved in one
 * transaction before anything is decrypted, so a crash anywhere loses nothing (a record published
 * twice is archived once: ingest dedups on msgid). A record that cannot be decrypted stays stored,
 * is reported once and retried with backoff; it never holds up the others.
 */
export class ArchivePuller {
  private readonly corps = new Map<string, ArchiveCorp>();
  /** Pulls of one corp run one after another: the latest started one, and at most one waiting behind it. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;

  constructor(
    corps: readonly ArchiveCorp[],
    private readonly store: ArchiveStore,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly options: ArchivePullerOptions,
  ) {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1 || options.batchSize > MAX_CHAT_DATA_LIMIT) {
      throw new Error(`batchSize ${options.batchSize} is outside 1..${MAX_CHAT_DATA_LIMIT}`);
    }
    // A zero delay would offer a failed envelope again within the same pass, forever.
    if (!(options.decryptRetryDelayMs > 0)) throw new Error(`decryptRetryDelayMs must be positive, got ${options.decryptRetryDelayMs}`);
    for (const corp of corps) this.corps.set(corp.corpId, corp);
  }

  /** Pulls everything new for the corp and retries due decryptions (the msgaudit_notify callback calls this). */
  pullNow(corpId: string): Promise<void> {
    const corp = this.corps.get(corpId);
    if (!corp) return Promise.reject(new Error(`corp ${corpId} is not configured for chat-archive pulling`));
    // A pull not started yet will see whatever this request is about: callbacks and ticks arriving
    // during a long pull share it rather than piling up.
    const waiting = this.waiting.get(corpId);
    if (waiting) return waiting;
    const previous = this.running.get(corpId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.waiting.delete(corpId);
        return this.pull(corp);
      });
    this.waiting.set(corpId, next);
    this.running.set(corpId, next);
    return next;
  }

  /** Pulls every corp now and then every `intervalMs`. */
  start(intervalMs: number): void {
    const tick = () => {
      for (const corpId of this.corps.keys()) {
        this.pullNow(corpId).catch((error: unknown) => this.logger.error({ err: error, corpId }, 'chat-archive pull failed'));
      }
    };
    this.timer = setInterval(tick, intervalMs);
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private async pull(corp: ArchiveCorp): Promise<void> {
    let cursor = await this.store.envelopes.cursor(corp.corpId);
    for (;;) {
      const records = await this.fetch(corp, cursor);
      if (records === null) break;
      if (records.length > 0) {
        // Reported before the cursor moves past them: a crash here reports the gap again, never not at all.
        await this.reportGaps(corp.corpId, cursor, records);
        await this.store.envelopes.storeBatch(corp.corpId, records, this.options.now());
        pulled.inc({ corp: corp.corpId }, records.length);
        cursor = records[records.length - 1]!.seq;
      }
      await this.decryptDue(corp);
      if (records.length < this.options.batchSize) return;
    }
    await this.decryptDue(corp);
  }

  /** The records after `cursor` in seq order, or null when the SDK keeps failing (counted and logged; the next pull tries again). */
  private async fetch(corp: ArchiveCorp, cursor: number): Promise<EncryptedChatRecord[] | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        const batch = await corp.sdk.getChatData(cursor, this.options.batchSize);
        return [...batch.chatdata].sort((a, b) => a.seq - b.seq);
      } catch (error) {
        const retry = error instanceof FinanceSdkError && error.transient && attempt < this.options.sdkAttempts;
        if (retry) {
          await this.options.sleep(this.options.sdkRetryDelayMs * 2 ** (attempt - 1));
          continue;
        }
        const code = error instanceof FinanceSdkError ? String(error.code) : 'unknown';
        pullErrors.inc({ corp: corp.corpId, code });
        this.logger.error({ err: error, corpId: corp.corpId, seq: cursor, attempts: attempt }, 'GetChatData failed');
        return null;
      }
    }
  }

  private async reportGaps(corpId: string, cursor: number, records: readonly EncryptedChatRecord[]): Promise<void> {
    const problems: CaptureProblem[] = [];
    let previous = cursor;
    for (const { seq } of records) {
      if (seq > previous + 1) {
        const seqFrom = previous + 1;
        const seqTo = seq - 1;
        problems.push({
          eventId: `seq-gap:${corpId}:${seqFrom}-${seqTo}`,
          occurredAt: new Date(this.options.now()).toISOString(),
          schemaVersion: 1,
          corpId,
          kind: 'seq-gap',
          detail: `GetChatData skipped seq ${seqFrom}..${seqTo}`,
          seqFrom,
          seqTo,
          count: seqTo - seqFrom + 1,
        });
        seqGaps.inc({ corp: corpId }, seqTo - seqFrom + 1);
        this.logger.warn({ corpId, seqFrom, seqTo }, 'chat-archive seq gap');
      }
      previous = seq;
    }
    if (problems.length > 0) await this.bus.publish(captureProblemV1, problems);
  }

  private async decryptDue(corp: ArchiveCorp): Promise<void> {
    for (;;) {
      const due = await this.store.envelopes.due(corp.corpId, this.options.now(), DUE_PAGE);
      const events: WecomMessageReceived[] = [];
      for (const envelope of due) {
        const event = await this.decrypt(corp, envelope);
        if (event) events.push(event);
      }
      if (events.length > 0) {
        await this.bus.publish(wecomMessageReceivedV1, events);
        await this.store.envelopes.markDecrypted(corp.corpId, events.map((event) => event.seq!));
        published.inc({ corp: corp.corpId }, events.length);
      }
      if (due.length < DUE_PAGE) return;
    }
  }

  /** The event for an envelope, or null after recording why it cannot be decrypted (yet). */
  private async decrypt(corp: ArchiveCorp, envelope: StoredEnvelope): Promise<WecomMessageReceived | null> {
    let reason: string;
    let detail: string;
    try {
      const rawJson = await corp.decryptor.decrypt(envelope);
      const message = wecomArchiveMessageSchema.safeParse(parseJson(rawJson));
      if (message.success) {
        return {
          eventId: `puller:${corp.corpId}:${envelope.seq}`,
          occurredAt: new Date(this.options.now()).toISOString(),
          schemaVersion: 1,
          corpId: corp.corpId,
          source: 'puller',
          rawJson,
          message: message.data,
          seq: envelope.seq,
        };
      }
      reason = 'invalid_message';
      detail = `seq ${envelope.seq} (msgid ${envelope.msgid}) decrypted to an invalid record: ${message.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ')}`;
    } catch (error) {
      if (!(error instanceof ArchiveDecryptError)) throw error;
      reason = error.code;
      detail = error.message;
    }
    const attempt = envelope.attempts + 1;
    const delay = Math.min(this.options.decryptRetryDelayMs * 2 ** (attempt - 1), this.options.decryptRetryMaxMs);
    await this.store.envelopes.markFailed(corp.corpId, envelope.seq, detail, this.options.now() + delay);
    decryptFailures.inc({ corp: corp.corpId, reason });
    this.logger.warn({ corpId: corp.corpId, seq: envelope.seq, msgid: envelope.msgid, reason, attempt }, 'chat-archive record not decrypted');
    if (attempt === 1) await this.bus.publish(captureProblemV1, [decryptFailedProblem(corp.corpId, envelope, detail, this.options.now())]);
    return null;
  }
}

function decryptFailedProblem(corpId: string, envelope: StoredEnvelope, detail: string, now: number): CaptureProblem {
  return {
    eventId: `decrypt-failed:${corpId}:${envelope.seq}`,
    occurredAt: new Date(now).toISOString(),
    schemaVersion: 1,
    corpId,
    kind: 'decrypt-failed',
    detail,
    seqFrom: envelope.seq,
    seqTo: envelope.seq,
    msgid: envelope.msgid,
    count: 1,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
