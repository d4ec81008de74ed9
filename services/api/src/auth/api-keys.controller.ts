import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Inject, Param, Post, Req } from '@nestjs/common';
import { z } from 'zod';
import { API_KEY_ROLES, ARCHIVE_STORE, type ApiKeyRecord, type ApiKeyScope, type ArchiveStore } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import type { AuthenticatedRequest } from './api-key.guard';
import { ReadAudit } from '../audit/read-audit';
import { actorOf } from './actor';
import { parseQuery } from '../http/parse-query';
import { generateApiKey, hashApiKey } from './api-key';
import { KnownKeys } from './known-keys';

const idList = (what: string) => z.array(z.string().trim().min(1, `a ${what} id may not be empty`)).min(1, `name at least one ${what}, or leave it out`).max(1_000);

const newKeySchema = z
  .object({
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'name is at most 200 characters'),
    role: z.enum(API_KEY_ROLES, { error: 'role must be admin, reviewer, reader or ingest' }),
    scope: z.object({ corpIds: idList('corp').optional(), departmentIds: idList('department').optional() }).strict().optional(),
  })
  .strict()
  .superRefine(({ role, scope }, context) => {
    if (scope === undefined) return;
    if (role === 'admin') {
      context.addIssue({ code: 'custom', path: ['scope'], message: 'an admin key takes no scope: it sees and does everything' });
    } else if (role === 'ingest' && scope.departmentIds !== undefined) {
      context.addIssue({ code: 'custom', path: ['scope', 'departmentIds'], message: 'an ingest key is scoped to corps only: it posts records of whole corps, and departments name employees' });
    } else if (scope.departmentIds !== undefined && scope.corpIds === undefined) {
      context.addIssue({ code: 'custom', path: ['scope', 'corpIds'], message: 'name the corps whose departments these are' });
    }
  });

/**
 * API keys for people and tools: issued with a role and, for readers and reviewers, a scope of corps
 * and departments, for ingest keys one of corps; revoked, never deleted, so the audit log's actors
 * stay named. Every call is audited. Only an admin key manages keys.
 */
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly keys: KnownKeys,
    private readonly audit: ReadAudit,
  ) {}

  /** The key itself is in this answer only: the store keeps its hash. */
  @Post()
  async issue(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { name, role, scope } = parseQuery(newKeySchema, body);
    // An ingest key may be what brings a corp's first records, before the archive or directory knows it.
    if (scope && role !== 'ingest') await this.checkKnown(scope);
    const key = generateApiKey();
    const record = { id: randomUUID(), name, role, scope: scope ?? null, keyHash: hashApiKey(key), createdAt: Date.now() };
    await this.store.apiKeys.insert(record);
    await this.audit.record(request, 'api-keys.issue', { keyId: record.id, name, role, scope: record.scope });
    return { ...toKeyView({ ...record, revokedAt: null, revokedBy: null }), key };
  }

  @Get()
  async list(@Req() request: AuthenticatedRequest) {
    const items = await this.store.apiKeys.list();
    await this.audit.record(request, 'api-keys.list', { returned: items.length });
    return { items: items.map(toKeyView) };
  }

  /** The key stops working at once in this process, and within KNOWN_KEY_TTL_MS in the others. */
  @Delete(':id')
  async revoke(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    const keys = await this.store.apiKeys.list();
    const target = keys.find((k) => k.id === id);
    if (!target) throw new DomainError('not_found', `no API key has the id ${id}`);
    const otherAdmins = keys.filter((k) => k.role === 'admin' && k.revokedAt === null && k.id !== id);
    if (target.role === 'admin' && target.revokedAt === null && otherAdmins.length === 0) {
      throw new DomainError('conflict', 'this is the last admin key: issue another admin key before revoking it');
    }
    const revoked = (await this.store.apiKeys.revoke(id, actorOf(request.principal), Date.now()))!;
    this.keys.forget(id);
    await this.audit.record(request, 'api-keys.revoke', { keyId: id, name: revoked.name, role: revoked.role });
    return toKeyView(revoked);
  }

  /** A corp must be known to the directory or the archive; a department to the directory of one of the scope's corps. */
  private async checkKnown(scope: ApiKeyScope): Promise<void> {
    const departments = new Set<string>();
    for (const [index, corpId] of (scope.corpIds ?? []).entries()) {
      const ofCorp = await this.store.directory.listDepartments(corpId);
      if (ofCorp.length === 0 && (await this.store.messages.count(corpId)) === 0) {
        throw new DomainError('invalid_request', `scope.corpIds.${index}: neither the directory nor the archive knows a corp ${corpId}`);
      }
      for (const department of ofCorp) departments.add(department.id);
    }
    const unknown = (scope.departmentIds ?? []).findIndex((id) => !departments.has(id));
    if (unknown >= 0) {
      throw new DomainError('invalid_request', `scope.departmentIds.${unknown}: the directory of ${scope.corpIds!.join(', ')} has no department ${scope.departmentIds![unknown]}`);
    }
  }
}

function toKeyView(key: ApiKeyRecord) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    scope: key.scope,
    createdAt: new Date(key.createdAt).toISOString(),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
    revokedBy: key.revokedBy,
  };
}
