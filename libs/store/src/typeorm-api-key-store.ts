import type { ApiKeyRecord, ApiKeyStore } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { ApiKeyEntity } from './entities/api-key.entity';

export class TypeormApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: DatabaseAccess) {}

  async insert(key: ApiKeyRecord): Promise<void> {
    await this.db.run((manager) => manager.insert(ApiKeyEntity, { ...key }));
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const e = await this.db.run((manager) => manager.findOneBy(ApiKeyEntity, { keyHash }));
    return e ? { id: e.id, name: e.name, keyHash: e.keyHash, role: e.role, createdAt: e.createdAt } : null;
  }

  count(): Promise<number> {
    return this.db.run((manager) => manager.count(ApiKeyEntity));
  }
}
