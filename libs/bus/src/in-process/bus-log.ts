import type { TopicSpec } from '@chatvault/contracts';

export interface AppendedMessage {
  readonly partition: number;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The schema the value passed when this process published it; a log keeps it in memory only, never in a file. */
  readonly validatedBy?: TopicSpec<unknown>['schema'];
}

export interface StoredMessage extends AppendedMessage {
  readonly offset: number;
  /** ms since epoch when the message was appended. */
  readonly timestamp: number;
}

/**
 * Where the in-process bus keeps its topics and each group's committed offsets: the part of a
 * Kafka broker it models. Synchronous because both implementations are (memory, better-sqlite3).
 * One bus writes a log at a time.
 */
export interface BusLog {
  /** Creates the topic unless it exists; returns its partition count, which never changes once created (keys keep their partition). */
  ensureTopic(topic: string, partitions: number): number;
  /** Appends all messages or none; offsets continue each partition's sequence from 0. */
  append(topic: string, messages: readonly AppendedMessage[]): void;
  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[];
  /** The offset the next appended message of the partition gets. */
  endOffset(topic: string, partition: number): number;
  /** The next offset the group has to consume; 0 when it never committed (a new group reads from the beginning). */
  committedOffset(group: string, topic: string, partition: number): number;
  commit(group: string, topic: string, partition: number, nextOffset: number): void;
  /** Records that the group reads the topic, at `at` (ms since epoch): until forgotten, it holds back trimming (`oldestUnconsumed`). */
  markGroupSeen(group: string, topic: string, at: number): void;
  /** Forgets the groups last seen before `before`: they hold nothing back any more; their committed offsets stay. */
  forgetGroupsSeenBefore(before: number): void;
  /**
   * The lowest offset of the partition that a group recorded for the topic has yet to consume (0 for
   * one that committed nothing there); undefined when the topic has no recorded group.
   */
  oldestUnconsumed(topic: string, partition: number): number | undefined;
  /**
   * Deletes messages of the partition below `belowOffset`, at most `TRIM_BATCH` of them a call, so a
   * large backlog is trimmed over several calls rather than in one long pause. The newest message
   * always stays: the partition's end offset is read from it when the log is reopened.
   */
  trim(topic: string, partition: number, belowOffset: number): void;
  /** Resolves once the log's files are released. */
  close(): Promise<void>;
}

/** The most messages one `trim` call deletes. */
export const TRIM_BATCH = 10_000;

export function assertPartition(topic: string, partitions: number, partition: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw new Error(`topic ${topic} has ${partitions} partitions; there is no partition ${partition}`);
  }
}
