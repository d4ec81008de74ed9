import { DomainError, type DomainErrorCode } from '@chatvault/platform';

export type StoreErrorReason =
  /** DATABASE_URL is not a postgres:// URL. */
  | 'invalid_database_url'
  /** PostgreSQL refused the connection, the credentials or the database name. */
  | 'postgres_unreachable'
  /** The SQLite file or its directory cannot be created, opened or locked. */
  | 'sqlite_unavailable'
  /** No alert has that id. */
  | 'alert_not_found'
  /** The alert changed since the caller read it (optimistic locking). */
  | 'stale_version';

const CODES: Record<StoreErrorReason, DomainErrorCode> = {
  invalid_database_url: 'invalid_request',
  postgres_unreachable: 'unavailable',
  sqlite_unavailable: 'unavailable',
  alert_not_found: 'not_found',
  stale_version: 'conflict',
};

/**
 * The database cannot be used for a reason an operator can fix (the message names where, never a
 * password), or a record is missing or changed meanwhile.
 */
export class StoreError extends DomainError {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
  ) {
    super(CODES[reason], message, { reason });
    this.name = 'StoreError';
  }
}
