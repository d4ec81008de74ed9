import { IsNull } from 'typeorm';
import type { ApiKeyRecord, ApiKeyStore, NewApiKey } from './archive-store';
import type { DatabaseAccess } from './database-access';
import { ApiKeyEntity } from './entities/api-key.entity';

const recordOf = (e: ApiKeyEntity): ApiKeyRecord => ({
  id: e.id,
  name: e.name,
  keyHash: e.keyHash,
  role: e.role,
  scope: e.scope,
  createdAt: e.createdAt,
  revokedAt: e.revokedAt,
  revokedBy: e.revokedBy,
});

export class TypeormApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: DatabaseAccess) {}

  async insert(key: NewApiKey): Promise<void> {
    await this.db.run((manager) => manager.insert(ApiKeyEntity, { ...key, scope: key.scope ?? null, revokedAt: null, revokedBy: null }));
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const e = await this.db.run((manager) => manager.findOneBy(ApiKeyEntity, { keyHash }));
    return e ? recordOf(e) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.run((manager) => manager.find(ApiKeyEntity, { order: { createdAt: 'ASC', id: 'ASC' } }));
    return rows.map(recordOf);
  }

  async revoke(id: string, revokedBy: string, at: number): Promise<ApiKeyRecord | null> {
    // Conditional on not being revoked yet, so of two admins revoking at once the first one's name stays.
    await this.db.run((manager) => manager.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: at, revokedBy }));
    const e = await this.db.run((manager) => manager.findOneBy(ApiKeyEntity, { id }));
    return e ? recordOf(e) : null;
  }

  count(): Promise<number> {
    return this.db.run((manager) => manager.count(ApiKeyEntity));
  }
}
