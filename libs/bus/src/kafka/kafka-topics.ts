import { deadLetterTopicOf } from '@chatvault/contracts';
import { KafkaJSError, type Admin } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

const CREATE_ATTEMPTS = 5;

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
      ensured = this.create(topic);
      this.ensured.set(topic, ensured);
      ensured.catch(() => this.ensured.delete(topic));
    }
    return ensured;
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  /**
   * When several processes create the same topics at once, the broker can answer the leader check
   * with UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created; kafkajs marks that retriable
   * but its createTopics does not retry it.
   */
  private async create(topic: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createOnce(topic);
      } catch (error) {
        if (!(error instanceof KafkaJSError) || !error.retriable || attempt >= CREATE_ATTEMPTS) throw error;
        await delay(200 * attempt);
      }
    }
  }

  private async createOnce(topic: string): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    // Asking first keeps kafkajs from logging an error for every topic that exists already, on every
    // start; a topic another process creates in between is still fine (TOPIC_ALREADY_EXISTS is `false`).
    const existing = new Set(await this.admin.listTopics());
    const missing = [topic, deadLetterTopicOf(topic)].filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    await this.admin.createTopics({ topics: missing.map((name) => ({ topic: name, numPartitions: this.partitions })), waitForLeaders: true });
  }
}
