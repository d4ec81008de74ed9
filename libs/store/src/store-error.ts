import { DomainError, type DomainErrorCode } from '@chatvault/platform';

export type StoreErrorReason =
  /** DATABASE_URL is not a postgres:// URL. */
  | 'invalid_database_url'
  /** PostgreSQL refused the connection, the credentials or the database name. */
  | 'postgres_unreachable'
  /** The SQLite file or its directory cannot be created, opened or locked. */
  | 'sqlite_unavailable';

const CODES: Record<StoreErrorReason, DomainErrorCode> = {
  invalid_database_url: 'invalid_request',
  postgres_unreachable: 'unavailable',
  sqlite_unavailable: 'unavailable',
};

/** The database cannot be used for a reason an operator can fix; the message names where, never a password. */
export class StoreError extends DomainError {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
  ) {
    super(CODES[reason], message, { reason });
    this.name = 'StoreError';
  }
}
