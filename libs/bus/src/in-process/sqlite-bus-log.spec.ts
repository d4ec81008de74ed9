import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TRIM_BATCH } from './bus-log';
import { SqliteBusLog } from './sqlite-bus-log';

describe('SqliteBusLog', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatvault-bus-log-'));
    file = join(dir, 'nested', 'bus.db');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps messages, offsets and partition counts across a reopen', async () => {
    const log = new SqliteBusLog(file);
    expect(log.ensureTopic('orders.v1', 3)).toBe(3);
    log.append('orders.v1', [
      { partition: 1, key: 'a', value: '{"n":1}', headers: { traceparent: 't1' } },
      { partition: 1, key: 'a', value: '{"n":2}', headers: {} },
      { partition: 2, key: 'b', value: '{"n":3}', headers: {} },
    ]);
    log.commit('billing', 'orders.v1', 1, 1);
    await log.close();

    const reopened = new SqliteBusLog(file);
    // A topic keeps the partitions it was created with, or keys would change partition.
    expect(reopened.ensureTopic('orders.v1', 8)).toBe(3);
    expect(reopened.read('orders.v1', 1, 0, 10).map((m) => [m.offset, m.key, m.value, m.headers])).toEqual([
      [0, 'a', '{"n":1}', { traceparent: 't1' }],
      [1, 'a', '{"n":2}', {}],
    ]);
    expect(reopened.endOffset('orders.v1', 1)).toBe(2);
    expect(reopened.endOffset('orders.v1', 0)).toBe(0);
    expect(reopened.committedOffset('billing', 'orders.v1', 1)).toBe(1);
    expect(reopened.committedOffset('audit', 'orders.v1', 1)).toBe(0);
    await reopened.close();
  });

  it('moves the messages of a file written with a WITHOUT ROWID table into the current table, offsets and all', async () => {
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 2);
    log.append('orders.v1', [
      { partition: 0, key: 'a', value: '{"n":1}', headers: { traceparent: 't1' } },
      { partition: 0, key: 'a', value: '{"n":2}', headers: {} },
      { partition: 1, key: 'b', value: 'x'.repeat(5_000), headers: {} },
    ]);
    log.commit('billing', 'orders.v1', 0, 1);
    await log.close();
    const db = new Database(file);
    db.exec(`
      ALTER TABLE bus_messages RENAME TO current_layout;
      CREATE TABLE bus_messages (topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, key TEXT NOT NULL,
        value TEXT NOT NULL, headers TEXT NOT NULL, timestamp INTEGER NOT NULL, PRIMARY KEY (topic, partition, offset)) WITHOUT ROWID;
      INSERT INTO bus_messages SELECT * FROM current_layout;
      DROP TABLE current_layout;
    `);
    db.close();

    const reopened = new SqliteBusLog(file);
    expect(reopened.read('orders.v1', 0, 0, 10).map((m) => [m.offset, m.key, m.value, m.headers])).toEqual([
      [0, 'a', '{"n":1}', { traceparent: 't1' }],
      [1, 'a', '{"n":2}', {}],
    ]);
    expect(reopened.read('orders.v1', 1, 0, 10).map((m) => m.value.length)).toEqual([5_000]);
    expect(reopened.committedOffset('billing', 'orders.v1', 0)).toBe(1);
    reopened.append('orders.v1', [{ partition: 0, key: 'a', value: '{"n":3}', headers: {} }]);
    expect(reopened.endOffset('orders.v1', 0)).toBe(3);
    await reopened.close();
    const migrated = new Database(file, { readonly: true });
    const tables = migrated.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'bus_messages%'`).all() as { name: string; sql: string }[];
    migrated.close();
    expect(tables.map((t) => t.name)).toEqual(['bus_messages']);
    expect(tables[0]!.sql).not.toMatch(/WITHOUT ROWID/i);
  });

  it('keeps the groups it has seen across a reopen, and what they have yet to consume, until it forgets them', async () => {
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 2);
    expect(log.oldestUnconsumed('orders.v1', 0)).toBeUndefined();
    log.markGroupSeen('billing', 'orders.v1', 1_000);
    log.markGroupSeen('audit', 'orders.v1', 2_000);
    log.commit('billing', 'orders.v1', 0, 3);
    log.commit('audit', 'orders.v1', 0, 7);
    log.commit('audit', 'orders.v1', 1, 4);
    // A group never seen holds nothing back, whatever it committed.
    log.commit('unseen', 'orders.v1', 0, 1);
    await log.close();

    const reopened = new SqliteBusLog(file);
    expect(reopened.oldestUnconsumed('orders.v1', 0)).toBe(3);
    // billing committed nothing on partition 1: all of it is still to be read.
    expect(reopened.oldestUnconsumed('orders.v1', 1)).toBe(0);
    reopened.forgetGroupsSeenBefore(2_000);
    expect(reopened.oldestUnconsumed('orders.v1', 0)).toBe(7);
    expect(reopened.oldestUnconsumed('orders.v1', 1)).toBe(4);
    reopened.forgetGroupsSeenBefore(2_001);
    expect(reopened.oldestUnconsumed('orders.v1', 0)).toBeUndefined();
    // Forgotten, a group keeps its offsets: when it comes back it resumes from them, or from the oldest message kept.
    expect(reopened.committedOffset('billing', 'orders.v1', 0)).toBe(3);
    await reopened.close();
  });

  it('appends a batch whole or not at all', async () => {
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 2);
    expect(() =>
      log.append('orders.v1', [
        { partition: 0, key: 'a', value: '1', headers: {} },
        { partition: 5, key: 'b', value: '2', headers: {} },
      ]),
    ).toThrow('topic orders.v1 has 2 partitions; there is no partition 5');
    expect(log.endOffset('orders.v1', 0)).toBe(0);
    expect(() => log.append('missing.v1', [])).toThrow(/topic missing\.v1 does not exist/);
    await log.close();
  });

  it('reads the messages it just appended, from memory, as a reopened log reads them from the file', async () => {
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 2);
    // Past what a partition keeps in memory, so reads cross from the file to memory.
    for (let batch = 0; batch < 5; batch++) {
      log.append(
        'orders.v1',
        Array.from({ length: 600 }, (_, i) => ({ partition: i % 2, key: `k${i % 2}`, value: `{"n":${batch * 600 + i}}`, headers: { batch: String(batch) } })),
      );
    }
    const pages = (reader: SqliteBusLog, partition: number) => {
      const messages = [];
      for (let from = 0; ; from += 400) {
        const page = reader.read('orders.v1', partition, from, 400);
        if (page.length === 0) return messages;
        messages.push(...page.map(({ partition, offset, key, value, headers, timestamp }) => ({ partition, offset, key, value, headers, timestamp })));
      }
    };
    const appended = [pages(log, 0), pages(log, 1)];
    expect(appended[1]!.map((m) => m.offset)).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
    expect(appended[1]!.at(-1)).toMatchObject({ key: 'k1', value: '{"n":2999}', headers: { batch: '4' } });
    expect(log.endOffset('orders.v1', 1)).toBe(1_500);
    await log.close();

    const reopened = new SqliteBusLog(file);
    expect([pages(reopened, 0), pages(reopened, 1)]).toEqual(appended);
    reopened.append('orders.v1', [{ partition: 1, key: 'k1', value: '{"n":3000}', headers: {} }]);
    expect(reopened.read('orders.v1', 1, 1_500, 10).map((m) => m.offset)).toEqual([1_500]);
    await reopened.close();
  });

  it('remembers which schema validated a message only in memory: a reopened log has it checked again', async () => {
    const schema = z.object({ n: z.number() });
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 1);
    log.append('orders.v1', [{ partition: 0, key: 'a', value: '{"n":1}', headers: {}, validatedBy: schema }]);
    expect(log.read('orders.v1', 0, 0, 1)[0]?.validatedBy).toBe(schema);
    await log.close();

    const reopened = new SqliteBusLog(file);
    expect(reopened.read('orders.v1', 0, 0, 1)[0]?.validatedBy).toBeUndefined();
    await reopened.close();
  });

  it('trims a batch at a time and keeps the newest message, so a reopened log carries on from its end offset', async () => {
    const log = new SqliteBusLog(file);
    log.ensureTopic('orders.v1', 2);
    const count = TRIM_BATCH + 500;
    log.append('orders.v1', Array.from({ length: count }, (_, n) => ({ partition: 0, key: 'a', value: `{"n":${n}}`, headers: {} })));
    log.append('orders.v1', [{ partition: 1, key: 'b', value: '{"n":0}', headers: {} }]);
    const firstOffset = (partition: number) => log.read('orders.v1', partition, 0, 1)[0]?.offset;

    log.trim('orders.v1', 0, count);
    expect(firstOffset(0)).toBe(TRIM_BATCH);
    log.trim('orders.v1', 0, count);
    expect(firstOffset(0)).toBe(count - 1);
    log.trim('orders.v1', 1, 1);
    expect(firstOffset(1)).toBe(0);
    await log.close();

    const reopened = new SqliteBusLog(file);
    expect(reopened.endOffset('orders.v1', 0)).toBe(count);
    reopened.append('orders.v1', [{ partition: 0, key: 'a', value: '{"n":"next"}', headers: {} }]);
    expect(reopened.read('orders.v1', 0, 0, 10).map((m) => [m.offset, m.value])).toEqual([
      [count - 1, `{"n":${count - 1}}`],
      [count, '{"n":"next"}'],
    ]);
    await reopened.close();
  });
});
