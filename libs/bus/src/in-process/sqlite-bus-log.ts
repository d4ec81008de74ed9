import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertPartition, type AppendedMessage, type BusLog, type StoredMessage } from './bus-log';

interface MessageRow {
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: string;
  timestamp: number;
}

/**
 * The embedded bus's durable log: a message is in the file before `publish` resolves and an offset
 * before the next message is handled, so a restarted process resumes where its groups committed.
 * WAL with synchronous=NORMAL survives a killed process (the case that matters for one embedded
 * process); only an OS crash can lose the last transactions.
 */
export class SqliteBusLog implements BusLog {
  private readonly db: Database.Database;
  private readonly partitionCounts = new Map<string, number>();
  private readonly statements;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS bus_topics (
        name TEXT PRIMARY KEY,
        partitions INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS bus_messages (
        topic TEXT NOT NULL,
        partition INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        headers TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        PRIMARY KEY (topic, partition, offset)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS bus_offsets (
        consumer_group TEXT NOT NULL,
        topic TEXT NOT NULL,
        partition INTEGER NOT NULL,
        next_offset INTEGER NOT NULL,
        PRIMARY KEY (consumer_group, topic, partition)
      ) WITHOUT ROWID;
    `);
    this.statements = {
      topic: this.db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topics WHERE name = ?'),
      createTopic: this.db.prepare<[string, number]>('INSERT OR IGNORE INTO bus_topics (name, partitions) VALUES (?, ?)'),
      endOffset: this.db.prepare<[string, number], { next: number }>(
        'SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM bus_messages WHERE topic = ? AND partition = ?',
      ),
      insert: this.db.prepare<[string, number, number, string, string, string, number]>(
        'INSERT INTO bus_messages (topic, partition, offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      read: this.db.prepare<[string, number, number, number], MessageRow>(
        'SELECT partition, offset, key, value, headers, timestamp FROM bus_messages WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
      ),
      committed: this.db.prepare<[string, string, number], { next_offset: number }>(
        'SELECT next_offset FROM bus_offsets WHERE consumer_group = ? AND topic = ? AND partition = ?',
      ),
      commit: this.db.prepare<[string, string, number, number]>(
        `INSERT INTO bus_offsets (consumer_group, topic, partition, next_offset) VALUES (?, ?, ?, ?)
         ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      ),
    };
  }

  ensureTopic(topic: string, partitions: number): number {
    this.statements.createTopic.run(topic, partitions);
    return this.partitionsOf(topic);
  }

  append(topic: string, messages: readonly AppendedMessage[]): void {
    const partitions = this.partitionsOf(topic);
    const timestamp = Date.now();
    this.db.transaction(() => {
      const next = new Map<number, number>();
      for (const message of messages) {
        assertPartition(topic, partitions, message.partition);
        const offset = next.get(message.partition) ?? this.endOffset(topic, message.partition);
        this.statements.insert.run(topic, message.partition, offset, message.key, message.value, JSON.stringify(message.headers), timestamp);
        next.set(message.partition, offset + 1);
      }
    })();
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    return this.statements.read.all(topic, partition, fromOffset, limit).map((row) => ({
      partition: row.partition,
      offset: row.offset,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      timestamp: row.timestamp,
    }));
  }

  endOffset(topic: string, partition: number): number {
    return this.statements.endOffset.get(topic, partition)!.next;
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.statements.committed.get(group, topic, partition)?.next_offset ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.statements.commit.run(group, topic, partition, nextOffset);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private partitionsOf(topic: string): number {
    const cached = this.partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const row = this.statements.topic.get(topic);
    if (!row) throw new Error(`topic ${topic} does not exist in the bus log ${this.db.name}`);
    this.partitionCounts.set(topic, row.partitions);
    return row.partitions;
  }
}
