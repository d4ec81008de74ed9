import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createMessageBus } from './create-message-bus';
import { InProcessBus } from './in-process/in-process-bus';
import { KafkaBus } from './kafka/kafka-bus';

describe('createMessageBus', () => {
  const logger = createLogger('silent');
  let dataDir: string | undefined;

  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is the in-process bus with its log in DATA_DIR/bus.db when no brokers are configured', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatvault-bus-factory-'));
    const bus = createMessageBus(loadConfig({ DATA_DIR: dataDir }), logger);
    expect(bus).toBeInstanceOf(InProcessBus);
    expect(existsSync(join(dataDir, 'bus.db'))).toBe(true);
    await bus.stop();
  });

  it('is the Kafka bus when KAFKA_BROKERS is set, connecting only when used', async () => {
    const bus = createMessageBus(loadConfig({ KAFKA_BROKERS: '127.0.0.1:1, 127.0.0.1:2' }), logger);
    expect(bus).toBeInstanceOf(KafkaBus);
    await bus.stop();
  });
});
