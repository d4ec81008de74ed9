export interface RetryBackoff {
  /** Wait after the first failed attempt; doubles after each further one. */
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

/** Short enough that a transient failure (a busy database) costs seconds, not minutes, of partition lag. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { initialMs: 200, maxMs: 5_000 };

export function backoffDelay(backoff: RetryBackoff, failedAttempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failedAttempt - 1));
}
