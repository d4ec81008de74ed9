import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { severitySchema } from '@chatvault/contracts';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { offsetOf, pageQuerySchema } from '../http/page-query';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { EmployeeProfiles } from '../directory/employee-profiles';
import { Visibilities } from '../auth/visibilities';

const searchQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200, 'q is at most 200 characters').optional(),
  corpId: z.string().optional(),
  conversationId: z.string().optional(),
  from: z.string().optional(),
  ruleId: z.string().optional(),
  category: z.string().optional(),
  severity: severitySchema.optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
});

const corpQuerySchema = z.object({ corpId: z.string().min(1, 'corpId is required') });

@Controller('api/v1/messages')
export class MessagesController {
  constructor(
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly audit: ReadAudit,
    private readonly profiles: EmployeeProfiles,
    private readonly visibilities: Visibilities,
  ) {}

  /**
   * Newest first; each item carries highlighted fragments of its text and, when the directory knows the
   * sender, their name. A scoped key finds the messages its employees sent or received.
   */
  @Get('search')
  @Roles('reader')
  async searchMessages(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { q, page, pageSize, ...filters } = parseQuery(searchQuerySchema, rawQuery);
    const { within } = await this.visibilities.of(request.principal);
    const result = await this.search.searchMessages({ ...filters, text: q, within, offset: offsetOf({ page, pageSize }), limit: pageSize });
    const names = await this.profiles.names(result.hits.map(({ document }) => ({ corpId: document.corpId, userid: document.from })));
    await this.audit.record(request, 'messages.search', { q, ...filters, page, pageSize, returned: result.hits.map((h) => `${h.document.corpId}:${h.document.msgid}`) });
    return {
      total: result.total,
      page,
      pageSize,
      items: result.hits.map(({ document, highlights }) => ({ ...document, fromName: names.get(`${document.corpId}:${document.from}`) ?? null, highlights })),
    };
  }

  /** One archived message as evidence: its canonical fields, the record exactly as received, and its hash. */
  @Get(':msgid')
  @Roles('reader')
  async getMessage(@Param('msgid') msgid: string, @Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, rawQuery);
    const archived = await this.store.messages.find(corpId, msgid);
    // Out of the key's scope answers like unarchived, so msgids of other departments tell nothing.
    if (!archived || !(await this.visibilities.of(request.principal)).seesMessage(archived.message)) throw new DomainError('not_found', `corp ${corpId} has no archived message ${msgid}`);
    await this.audit.record(request, 'messages.read', { corpId, returned: [`${corpId}:${msgid}`] });
    return {
      ...archived.message,
      raw: archived.rawJson,
      contentHash: archived.contentHash,
      source: archived.source,
      archivedAt: new Date(archived.archivedAt).toISOString(),
      recalledBy: archived.recalledBy ?? null,
    };
  }
}
