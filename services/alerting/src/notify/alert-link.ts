import type { Config } from '@chatvault/platform';

/** Where a reader opens the alert: the public URL when one is configured, else this host's port. */
export function alertLink(config: Pick<Config, 'CHATVAULT_PUBLIC_URL' | 'PORT'>, alertId: string): string {
  return `${consoleBase(config)}/api/v1/alerts/${encodeURIComponent(alertId)}`;
}

export function consoleBase(config: Pick<Config, 'CHATVAULT_PUBLIC_URL' | 'PORT'>): string {
  return (config.CHATVAULT_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
