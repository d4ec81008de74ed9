import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '@chatvault/platform';

/** kafkajs logs through our pino logger, warnings and errors only: its info lines narrate every rebalance. */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      if (level === logLevel.ERROR) kafkaLogger.error({ namespace, ...fields }, message);
      else if (level === logLevel.WARN) kafkaLogger.warn({ namespace, ...fields }, message);
    };
}
