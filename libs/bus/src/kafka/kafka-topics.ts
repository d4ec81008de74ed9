import { deadLetterTopicOf } from '@chatvault/contracts';
import type { Admin } from 'kafkajs';
import { retryRetriable } from './retry-retriable';

/**
 * The largest record batch a topic takes. Kafka's default, 1 MB, refuses the events of a record near
 * the ingest limit (MAX_RECORD_BYTES, 1 MiB): they carry it raw and parsed, about 2 MB; and a handler
 * publishes a batch of events to one partition as one record batch.
 */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/**
 * Creates a topic and its dead-letter topic the first time this process uses them, with the
 * partitions ChatVault is configured for rather than whatever the broker would auto-create.
 */
export class KafkaTopicProvisioner {
  private readonly ensured = new Map<string, Promise<void>>();
  private connected?: Promise<void>;

  constructor(
    private readonly admin: Admin,
    private readonly partitions: number,
  ) {}

  ensure(topic: string): Promise<void> {
    let ensured = this.ensured.get(topic);
    if (!ensured) {
      ensured = retryRetriable(() => this.create(topic));
      this.ensured.set(topic, ensured);
      ensured.catch(() => this.ensured.delete(topic));
    }
    return ensured;
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  private async create(topic: string): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    // Asking first keeps kafkajs from logging an error for every topic that exists already, on every
    // start; a topic another process creates in between is still fine (TOPIC_ALREADY_EXISTS is `false`).
    const existing = new Set(await this.admin.listTopics());
    const topics = [topic, deadLetterTopicOf(topic)];
    const missing = topics.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await this.admin.createTopics({
        topics: missing.map((name) => ({ topic: name, numPartitions: this.partitions, configEntries: [{ name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) }] })),
        waitForLeaders: true,
      });
    }
    // A topic another process created a moment ago is listed before its leaders are known everywhere;
    // consumers that subscribe before then fail. Fetching its metadata throws (retriably) until they are.
    await this.admin.fetchTopicMetadata({ topics });
  }
}
