import { StoreError } from './store-error';

/**
 * Where a PostgreSQL URL points, fit for logs and error messages: host, port and database, never the
 * user or password the URL may carry.
 */
export function postgresEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL is not echoed: it may hold a password.
    throw new StoreError('invalid_database_url', 'DATABASE_URL is not a valid URL; expected postgres://[user[:password]@]host[:port]/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreError('invalid_database_url', `DATABASE_URL must start with postgres:// or postgresql://, got ${parsed.protocol}//`);
  }
  if (parsed.hostname === '') throw new StoreError('invalid_database_url', 'DATABASE_URL names no host');
  return `postgres://${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
