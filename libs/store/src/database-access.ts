import type { DataSource, EntityManager } from 'typeorm';

/**
 * How the repositories reach the database. TypeORM gives SQLite one connection that every caller
 * shares, so a caller running while another's transaction is open would silently join it (and be
 * rolled back with it): there, work runs one piece at a time, which costs nothing since SQLite
 * writes one at a time anyway. On PostgreSQL each piece of work takes its own pooled connection.
 */
export class DatabaseAccess {
  readonly isPostgres: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    this.isPostgres = dataSource.options.type === 'postgres';
  }

  /** Work whose statements need no transaction around them (a single statement is atomic). */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.dataSource.transaction(work));
  }

  /**
   * Work on one connection that holds `key`'s lock, a PostgreSQL session lock taken outside any
   * transaction: each statement of `work` then starts after the wait and sees what the previous holder
   * committed. SQLite runs work one piece at a time anyway. A number is the lock's own key; a name is hashed.
   */
  async underLock<T>(key: number | string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isPostgres) return this.run(work);
    const lockKey = typeof key === 'number' ? '$1::bigint' : 'hashtext($1)';
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(`SELECT pg_advisory_lock(${lockKey})`, [key]);
      try {
        return await work(runner.manager);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${lockKey})`, [key]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * A condition that `column` is one of a list bound as one value at `placeholder` (see `listValue`):
   * one statement, planned once, however long the list.
   */
  isAnyOf(column: string, placeholder: string): string {
    return this.isPostgres ? `${column} = ANY(${placeholder})` : `${column} IN (SELECT value FROM json_each(${placeholder}))`;
  }

  /** A list bound for `isAnyOf`: an array on PostgreSQL, a JSON array on SQLite. */
  listValue(values: readonly string[]): unknown {
    return this.isPostgres ? values : JSON.stringify(values);
  }

  /** The driver's placeholder for the bound value at a 0-based index: $1… on PostgreSQL, ? on SQLite. */
  placeholder(index: number): string {
    return this.dataSource.driver.createParameter(`p${index}`, index);
  }

  /** The placeholders of `count` values bound from the 0-based index `first` on, comma-separated. */
  placeholders(count: number, first = 0): string {
    return Array.from({ length: count }, (_, i) => this.placeholder(first + i)).join(', ');
  }

  /** `INSERT INTO "table" ("a", …) VALUES (…), …`: `rows` rows of `columns`, their values bound row after row. */
  insertInto(table: string, columns: readonly string[], rows = 1): string {
    const tuples = Array.from({ length: rows }, (_, row) => `(${this.placeholders(columns.length, row * columns.length)})`);
    return `INSERT INTO "${table}" (${columnList(columns)}) VALUES ${tuples.join(', ')}`;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.isPostgres) return work();
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** `"a", "b"`: columns named in a statement, quoted. */
export function columnList(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(', ');
}
