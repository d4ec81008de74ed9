/** WeCom answered with errcode ≠ 0. */
export class WecomApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeCom ${api} failed with errcode ${errcode}: ${errmsg}`);
    this.name = 'WecomApiError';
  }
}

/** WeCom could not be reached, or answered something that is not its JSON envelope. */
export class WecomTransportError extends Error {
  constructor(
    readonly api: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`WeCom ${api}: ${message}`, options);
    this.name = 'WecomTransportError';
  }
}

/** Frequency and concurrency limits, and "system busy": the request was refused, so repeating it is safe. */
export const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45011, 45033]);

/** Invalid or expired access_token (and 40001, invalid credential): fetch a new token and try once more. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
