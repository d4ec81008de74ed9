import type { ApiKeyRecord } from '@chatvault/store';

/**
 * How whatever the API records names the key that did it (alert transitions and comments, key
 * revocations, channel, route and policy saves): its name for people, its id because names may repeat.
 */
export function actorOf(principal: ApiKeyRecord): string {
  return `${principal.name} (key ${principal.id})`;
}
