import { join } from 'node:path';
import type { Config, Logger } from '@chatvault/platform';
import type { MessageBus } from './message-bus';
import { InProcessBus } from './in-process/in-process-bus';
import { SqliteBusLog } from './in-process/sqlite-bus-log';
import { KafkaBus } from './kafka/kafka-bus';

/** Kafka when brokers are configured; otherwise the in-process bus over a durable log under DATA_DIR. */
export function createMessageBus(config: Config, logger: Logger): MessageBus {
  const namespace = config.BUS_NAMESPACE;
  const partitions = config.KAFKA_PARTITIONS;
  const busLogger = logger.child({ component: 'bus' });
  if (config.KAFKA_BROKERS) {
    const brokers = config.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter((b) => b !== '');
    return new KafkaBus({ brokers, clientId: config.KAFKA_CLIENT_ID, partitions, namespace, logger: busLogger });
  }
  const log = new SqliteBusLog(join(config.DATA_DIR, 'bus.db'));
  return new InProcessBus({
    log,
    partitions,
    namespace,
    logger: busLogger,
    retainedMessages: config.BUS_LOG_RETAINED_MESSAGES,
    groupRetentionMs: config.BUS_LOG_GROUP_RETENTION_HOURS * 60 * 60 * 1_000,
  });
}
