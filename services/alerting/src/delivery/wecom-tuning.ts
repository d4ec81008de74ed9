import type { WecomHttpOptions } from '@chatvault/wecom';

/** How the WeCom senders call WeCom: timeouts and backoff on rate limits, shortened by tests. */
export type WecomTuning = Pick<WecomHttpOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs' | 'sleep'>;
