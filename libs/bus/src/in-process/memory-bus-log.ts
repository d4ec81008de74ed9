import { assertPartition, TRIM_BATCH, type AppendedMessage, type BusLog, type StoredMessage } from './bus-log';

/** A partition's messages from `first` on; those before were trimmed. */
interface Partition {
  first: number;
  messages: StoredMessage[];
}

/** A log that lives as long as the object: for tests, where "restarting" means handing it to a new bus. */
export class MemoryBusLog implements BusLog {
  private readonly topics = new Map<string, Partition[]>();
  private readonly offsets = new Map<string, number>();
  /** By topic: when each group reading it was last seen. */
  private readonly groupsSeen = new Map<string, Map<string, number>>();

  ensureTopic(topic: string, partitions: number): number {
    const existing = this.topics.get(topic);
    if (existing) return existing.length;
    this.topics.set(topic, Array.from({ length: partitions }, () => ({ first: 0, messages: [] })));
    return partitions;
  }

  append(topic: string, messages: readonly AppendedMessage[]): void {
    const partitions = this.partitionsOf(topic);
    for (const message of messages) assertPartition(topic, partitions.length, message.partition);
    const timestamp = Date.now();
    for (const message of messages) {
      const log = partitions[message.partition]!;
      log.messages.push({ ...message, offset: log.first + log.messages.length, timestamp });
    }
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    const { first, messages } = this.partitionOf(topic, partition);
    const from = Math.max(fromOffset - first, 0);
    return messages.slice(from, from + limit);
  }

  endOffset(topic: string, partition: number): number {
    const { first, messages } = this.partitionOf(topic, partition);
    return first + messages.length;
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.offsets.get(offsetKey(group, topic, partition)) ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.offsets.set(offsetKey(group, topic, partition), nextOffset);
  }

  markGroupSeen(group: string, topic: string, at: number): void {
    let groups = this.groupsSeen.get(topic);
    if (!groups) {
      groups = new Map();
      this.groupsSeen.set(topic, groups);
    }
    groups.set(group, at);
  }

  forgetGroupsSeenBefore(before: number): void {
    for (const groups of this.groupsSeen.values()) {
      for (const [group, seenAt] of groups) if (seenAt < before) groups.delete(group);
    }
  }

  oldestUnconsumed(topic: string, partition: number): number | undefined {
    let oldest: number | undefined;
    for (const group of this.groupsSeen.get(topic)?.keys() ?? []) {
      oldest = Math.min(oldest ?? Infinity, this.committedOffset(group, topic, partition));
    }
    return oldest;
  }

  trim(topic: string, partition: number, belowOffset: number): void {
    const log = this.partitionOf(topic, partition);
    const below = Math.min(belowOffset, log.first + log.messages.length - 1, log.first + TRIM_BATCH);
    if (below <= log.first) return;
    log.messages.splice(0, below - log.first);
    log.first = below;
  }

  /** Nothing to release: the messages must outlive the bus, as a file would. */
  async close(): Promise<void> {}

  private partitionsOf(topic: string): Partition[] {
    const partitions = this.topics.get(topic);
    if (!partitions) throw new Error(`topic ${topic} does not exist in the in-memory bus log`);
    return partitions;
  }

  private partitionOf(topic: string, partition: number): Partition {
    const partitions = this.partitionsOf(topic);
    assertPartition(topic, partitions.length, partition);
    return partitions[partition]!;
  }
}

function offsetKey(group: string, topic: string, partition: number): string {
  return JSON.stringify([group, topic, partition]);
}
