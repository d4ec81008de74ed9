/**
 * Where an Elasticsearch URL points, fit for logs and error messages: scheme, host, port and path,
 * never the user or password the URL may carry.
 */
export function elasticsearchEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL is not echoed: it may hold a password.
    throw new Error('ELASTICSEARCH_URL is not a valid URL; expected http(s)://[user:password@]host[:port]');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`ELASTICSEARCH_URL must start with http:// or https://, got ${parsed.protocol}//`);
  }
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}`;
}
