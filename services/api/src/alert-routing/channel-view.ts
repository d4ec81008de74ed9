import type { AlertChannelRecord } from '@chatvault/store';

/** What stands in for a secret in everything the API returns. */
export const MASK = '••••••';

/**
 * A channel as readers see it: secrets and the robot key (whoever has it can post to the group) are
 * masked; `secretSet` says one is stored, so an editor knows to leave it out to keep it.
 */
export function toChannelView(channel: AlertChannelRecord) {
  const settings: Record<string, unknown> = { ...channel.settings };
  if ('secret' in settings) settings.secret = MASK;
  if (channel.kind === 'wecom-robot') {
    const url = new URL(channel.settings.url);
    url.searchParams.set('key', MASK);
    settings.url = url.toString();
  }
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    enabled: channel.enabled,
    minSeverity: channel.minSeverity,
    throttleLimit: channel.throttleLimit ?? null,
    settings,
    version: channel.version,
    updatedAt: new Date(channel.updatedAt).toISOString(),
    updatedBy: channel.updatedBy,
  };
}

/**
 * An edit that leaves the secret (or the robot URL) out, or sends the mask back, keeps the stored
 * one, so a secret once saved never has to travel to an editor's screen again.
 */
export function keepStoredSecrets(input: unknown, stored: AlertChannelRecord | null): unknown {
  if (!stored || typeof input !== 'object' || input === null) return input;
  const body = input as { kind?: unknown; settings?: Record<string, unknown> };
  if (body.kind !== stored.kind || typeof body.settings !== 'object' || body.settings === null) return input;
  const settings = { ...body.settings };
  const kept = stored.settings as Record<string, unknown>;
  for (const field of stored.kind === 'wecom-robot' ? ['url'] : ['secret']) {
    if (field in kept && isMasked(settings[field])) settings[field] = kept[field];
  }
  return { ...body, settings };
}

function isMasked(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && (value === MASK || value.includes(encodeURIComponent(MASK))));
}
