import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { z } from 'zod';
import { policyChangedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore, type PolicyVersionRecord } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { compileStoredPolicies, type StoredPolicy } from '@chatvault/policy-engine';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { actorOf } from '../auth/actor';
import { parseQuery } from '../http/parse-query';
import { policySampleSchema, sampleInput } from './policy-sample';

const saveSchema = z.object({
  /** The policy document; its id and version are the URL's and the store's. */
  document: z.record(z.string(), z.unknown()),
  /** The version the editor started from: 0 for a new policy. */
  expectedVersion: z.number().int().nonnegative(),
  enabled: z.boolean().default(true),
});
const switchSchema = z.object({ expectedVersion: z.number().int().positive() });
const testSchema = policySampleSchema.extend({
  /** A draft to try in place of the stored policy of the same id (or beside the others when new). */
  draft: z.object({ id: z.string().min(1), document: z.record(z.string(), z.unknown()) }).optional(),
});

/**
 * Compliance staff edit policies here. Each save is validated against the whole policy set, stored
 * as a new version and announced, so every classifier switches to it within seconds.
 */
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Get()
  @Roles('reader')
  async list() {
    return { items: (await this.store.policies.current()).map(toView) };
  }

  @Get(':id')
  @Roles('reader')
  async get(@Param('id') id: string) {
    const [current, ...earlier] = await this.store.policies.history(id);
    if (!current) throw new DomainError('not_found', `no policy "${id}"`);
    return { ...toView(current), history: [current, ...earlier].map(({ version, enabled, savedBy, savedAt }) => ({ version, enabled, savedBy, savedAt: new Date(savedAt).toISOString() })) };
  }

  @Put(':id')
  async save(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { document, expectedVersion, enabled } = parseQuery(saveSchema, body);
    return this.saveVersion(id, expectedVersion, enabled, JSON.stringify(document), request);
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    return this.switchTo(false, id, body, request);
  }

  @Post(':id/enable')
  @HttpCode(200)
  async enable(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    return this.switchTo(true, id, body, request);
  }

  /** Classifies a sample message with the stored policies, or with a draft in place of one; stores nothing. */
  @Post('test')
  @HttpCode(200)
  @Roles('reader')
  async test(@Body() body: unknown) {
    const { draft, ...sample } = parseQuery(testSchema, body);
    const stored = await this.store.policies.current();
    const policies = draft ? withDraft(stored, draft.id, JSON.stringify(draft.document)) : stored;
    const hits = compileStoredPolicies(policies).classify(sampleInput(sample));
    return { hits };
  }

  private async switchTo(enabled: boolean, id: string, body: unknown, request: AuthenticatedRequest) {
    const { expectedVersion } = parseQuery(switchSchema, body);
    const [current] = await this.store.policies.history(id);
    if (!current) throw new DomainError('not_found', `no policy "${id}"`);
    return this.saveVersion(id, expectedVersion, enabled, current.document, request);
  }

  private async saveVersion(id: string, expectedVersion: number, enabled: boolean, document: string, request: AuthenticatedRequest) {
    const stored = await this.store.policies.current();
    const record: PolicyVersionRecord = { policyId: id, version: expectedVersion + 1, enabled, document, savedBy: actorOf(request.principal), savedAt: Date.now() };
    // Compiling the whole set catches what one policy alone cannot show, such as a duplicate rule. Scopes
    // are checked against the directory's departments once it knows any.
    const known = (await this.store.directory.listDepartments()).map((d) => d.id);
    compileStoredPolicies(withDraft(stored, id, document, enabled), known.length > 0 ? { departments: known } : undefined);
    if (!(await this.store.policies.saveVersion(record))) {
      const newest = stored.find((p) => p.policyId === id)?.version ?? 0;
      throw new DomainError('conflict', `policy "${id}" is at version ${newest}, not ${expectedVersion}: reload it and apply the change again`);
    }
    await this.bus.publish(policyChangedV1, [
      { eventId: `policy:${id}@${record.version}`, occurredAt: new Date().toISOString(), schemaVersion: 1, policyId: id, version: record.version, enabled, savedBy: record.savedBy },
    ]);
    return toView(record);
  }
}

function withDraft(stored: readonly StoredPolicy[], id: string, document: string, enabled = true): StoredPolicy[] {
  const current = stored.find((p) => p.policyId === id);
  const draft = { policyId: id, version: (current?.version ?? 0) + 1, enabled, document };
  return [...stored.filter((p) => p.policyId !== id), draft];
}

function toView(record: PolicyVersionRecord) {
  return {
    id: record.policyId,
    version: record.version,
    enabled: record.enabled,
    savedBy: record.savedBy,
    savedAt: new Date(record.savedAt).toISOString(),
    document: JSON.parse(record.document) as unknown,
  };
}
