import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { CACHE, type Cache } from '@chatvault/cache';
import { CONFIG, type Config } from '@chatvault/platform';
import { generateApiKey, hashApiKey } from './api-key';

/**
 * Makes sure an admin can get in: the configured key is registered, or on a first start a key is
 * generated and printed once. Only its hash is stored, so a lost key means issuing a new one.
 */
@Injectable()
export class AdminKeyProvisioner implements OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  async onModuleInit(): Promise<void> {
    // Several api replicas may start at once; one provisions, the others find its key.
    const lock = await this.waitForLock();
    try {
      const configured = this.config.CHATVAULT_API_KEY;
      if (configured) {
        if (!(await this.store.apiKeys.findByHash(hashApiKey(configured)))) await this.insertAdmin(configured, 'configured admin key');
        return;
      }
      if ((await this.store.apiKeys.count()) > 0) return;
      const key = generateApiKey();
      await this.insertAdmin(key, 'generated admin key');
      process.stdout.write(
        `\n  ChatVault generated an admin API key. It is shown only this once; store it now:\n\n    ${key}\n\n` +
          `  Use it as "Authorization: Bearer <key>". Set CHATVAULT_API_KEY to choose your own.\n\n`,
      );
    } finally {
      await lock.release();
    }
  }

  private async insertAdmin(key: string, name: string): Promise<void> {
    await this.store.apiKeys.insert({ id: randomUUID(), name, keyHash: hashApiKey(key), role: 'admin', createdAt: Date.now() });
  }

  private async waitForLock() {
    for (;;) {
      const lock = await this.cache.tryLock('api:admin-key-provisioning', 30_000);
      if (lock) return lock;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
