import { Inject, Injectable } from '@nestjs/common';
import { ARCHIVE_STORE, type ApiKeyRecord, type ArchiveStore } from '@chatvault/store';

/**
 * How long a key, once found, is trusted without asking the store again: every request would
 * otherwise pay a database round trip before its work starts. It is also how long another API
 * process may still accept a key after it was revoked; the process that revoked it forgets it at once.
 */
export const KNOWN_KEY_TTL_MS = 10_000;
const MAX_KNOWN_KEYS = 1_000;

/** API keys by hash, as the store holds them, remembered briefly. */
@Injectable()
export class KnownKeys {
  private readonly known = new Map<string, { key: ApiKeyRecord; until: number }>();

  constructor(@Inject(ARCHIVE_STORE) private readonly store: ArchiveStore) {}

  /**
   * The key with this hash, revoked or not. Unknown and revoked keys are not remembered: a key issued a
   * moment ago works at once, and a revoked one is refused from the store's answer every time.
   */
  async find(keyHash: string): Promise<ApiKeyRecord | null> {
    const now = Date.now();
    const known = this.known.get(keyHash);
    if (known && known.until > now) return known.key;
    const key = await this.store.apiKeys.findByHash(keyHash);
    this.known.delete(keyHash);
    if (key && key.revokedAt === null) {
      if (this.known.size >= MAX_KNOWN_KEYS) this.known.delete(this.known.keys().next().value!);
      this.known.set(keyHash, { key, until: now + KNOWN_KEY_TTL_MS });
    }
    return key;
  }

  /** After a revocation: this process refuses the key from its next request on. */
  forget(keyId: string): void {
    for (const [hash, { key }] of this.known) if (key.id === keyId) this.known.delete(hash);
  }
}
