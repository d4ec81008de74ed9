import pino, { type Logger } from 'pino';

/** Anything that can carry a credential is redacted before a log line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.token',
  '*.privateKey',
  '*.encodingAesKey',
];

export function createLogger(level: string, name = 'chatvault'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

export type { Logger };

export const LOGGER = Symbol('Logger');
