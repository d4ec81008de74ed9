import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import type { AuthenticatedRequest } from '../auth/api-key.guard';

/**
 * Monitoring is itself supervised: every read of archived content is recorded with who read
 * what, before the content leaves the server.
 */
@Injectable()
export class ReadAudit {
  constructor(@Inject(ARCHIVE_STORE) private readonly store: ArchiveStore) {}

  async record(request: AuthenticatedRequest, action: string, details: Record<string, unknown>): Promise<void> {
    await this.store.auditLog.append({
      id: randomUUID(),
      actorKeyId: request.principal.id,
      actorName: request.principal.name,
      action,
      details: JSON.stringify(details),
      sourceIp: request.ip ?? '',
      at: Date.now(),
    });
  }
}
