/**
 * Where a Redis URL points, fit for logs and error messages: host, port and database, never the
 * user or password the URL may carry.
 */
export function redisEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL is not echoed: it may hold a password.
    throw new Error('REDIS_URL is not a valid URL; expected redis://[user:password@]host[:port][/db] or rediss://…');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}//`);
  }
  if (parsed.hostname === '') throw new Error('REDIS_URL names no host');
  const db = parsed.pathname.length > 1 ? parsed.pathname : '';
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${db}`;
}
