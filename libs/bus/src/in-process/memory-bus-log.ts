import { assertPartition, type AppendedMessage, type BusLog, type StoredMessage } from './bus-log';

/** A log that lives as long as the object: for tests, where "restarting" means handing it to a new bus. */
export class MemoryBusLog implements BusLog {
  private readonly topics = new Map<string, StoredMessage[][]>();
  private readonly offsets = new Map<string, number>();

  ensureTopic(topic: string, partitions: number): number {
    const existing = this.topics.get(topic);
    if (existing) return existing.length;
    this.topics.set(topic, Array.from({ length: partitions }, () => []));
    return partitions;
  }

  append(topic: string, messages: readonly AppendedMessage[]): void {
    const partitions = this.partitionsOf(topic);
    for (const message of messages) assertPartition(topic, partitions.length, message.partition);
    const timestamp = Date.now();
    for (const message of messages) {
      const log = partitions[message.partition]!;
      log.push({ ...message, offset: log.length, timestamp });
    }
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    return this.partitionOf(topic, partition).slice(fromOffset, fromOffset + limit);
  }

  endOffset(topic: string, partition: number): number {
    return this.partitionOf(topic, partition).length;
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.offsets.get(offsetKey(group, topic, partition)) ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.offsets.set(offsetKey(group, topic, partition), nextOffset);
  }

  /** Nothing to release: the messages must outlive the bus, as a file would. */
  async close(): Promise<void> {}

  private partitionsOf(topic: string): StoredMessage[][] {
    const partitions = this.topics.get(topic);
    if (!partitions) throw new Error(`topic ${topic} does not exist in the in-memory bus log`);
    return partitions;
  }

  private partitionOf(topic: string, partition: number): StoredMessage[] {
    const partitions = this.partitionsOf(topic);
    assertPartition(topic, partitions.length, partition);
    return partitions[partition]!;
  }
}

function offsetKey(group: string, topic: string, partition: number): string {
  return JSON.stringify([group, topic, partition]);
}
