import { setTimeout as sleep } from 'node:timers/promises';

/** The ingest endpoint's answer: per-record refusals name the record's index in the batch. */
export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; msgid?: string; error: string }[];
}

/** The server refused the whole batch (bad key, malformed request): retrying cannot help. */
export class IngestRefusedError extends Error {}

export interface IngestClientOptions {
  url: string;
  apiKey: string;
  /** Attempts per batch before giving up on an unreachable or failing server. */
  attempts: number;
  /** First pause between attempts; it doubles up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Told about each failed attempt, so the operator sees why the import stalls. */
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

/**
 * Posts batches to `POST /api/v1/ingest/wecom/messages`, retrying network errors and 5xx with
 * backoff: re-sending a batch is harmless, as the archive keeps one copy per corp and msgid.
 */
export class IngestClient {
  private readonly endpoint: string;

  constructor(private readonly options: IngestClientOptions) {
    this.endpoint = new URL('/api/v1/ingest/wecom/messages', options.url).toString();
  }

  /** `records` are the records' own JSON texts, posted as written. */
  async send(corpId: string, records: readonly string[]): Promise<IngestAnswer> {
    const body = `{"corpId":${JSON.stringify(corpId)},"source":"import","messages":[${records.join(',')}]}`;
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      try {
        const response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
          body,
        });
        const text = await response.text();
        if (response.status === 202) return JSON.parse(text) as IngestAnswer;
        reason = `${response.status} ${errorMessageOf(text)}`;
        if (response.status < 500 && response.status !== 429) throw new IngestRefusedError(`the server refused the batch: ${reason}`);
      } catch (error) {
        if (error instanceof IngestRefusedError) throw error;
        reason = causeOf(error);
      }
      if (attempt >= this.options.attempts) throw new Error(`gave up after ${attempt} attempts: ${reason}`);
      const delayMs = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
      this.options.onRetry?.(attempt, reason, delayMs);
      await sleep(delayMs);
    }
  }
}

function errorMessageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not the API's error shape: show the text itself
  }
  return text.slice(0, 300);
}

/** fetch says only "fetch failed"; the cause says what (ECONNREFUSED, a reset socket). */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${(error as Error).message}: ${cause.code ?? cause.message}` : (error as Error).message;
}
