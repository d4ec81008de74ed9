import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { captureProblemKindSchema } from '@chatvault/contracts';
import { ARCHIVE_STORE, reconcileDay, type ArchiveStore, type CaptureProblemRecord } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Visibilities } from '../auth/visibilities';
import { offsetOf, pageQuerySchema } from '../http/page-query';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { corpDaySchema } from './corp-day-query';

const problemQuerySchema = pageQuerySchema.extend({ corpId: z.string().min(1).optional(), kind: captureProblemKindSchema.optional() });

/**
 * Capture completeness: what the archive could not capture, and each day's counts. Both concern a corp
 * and no single employee, so a scoped key reads those of the corps it sees whole (see `seesWholeCorp`).
 */
@Controller('api/v1/archive/capture')
export class CaptureController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly audit: ReadAudit,
    private readonly visibilities: Visibilities,
  ) {}

  /** Newest first. */
  @Get('problems')
  @Roles('reader')
  async problems(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { page, pageSize, corpId, kind } = parseQuery(problemQuerySchema, rawQuery);
    const { within } = await this.visibilities.of(request.principal);
    const result = await this.store.capture.problems({ corpId, kind, within, offset: offsetOf({ page, pageSize }), limit: pageSize });
    // Problems name archived msgids, so listing them is a read like any other.
    await this.audit.record(request, 'capture.problems', {
      corpId,
      kind,
      returned: result.items.flatMap((p) => (p.msgid ? [`${p.corpId}:${p.msgid}`] : [])),
    });
    return { total: result.total, page, pageSize, items: result.items.map(toProblemView) };
  }

  /** Recomputed on each call: a day still being captured shows its counts so far. */
  @Get('reconciliation')
  @Roles('reader')
  async reconciliation(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId, day } = parseQuery(corpDaySchema, rawQuery);
    if (!(await this.visibilities.of(request.principal)).seesWholeCorp(corpId)) {
      throw new DomainError('not_found', `the key's scope does not include the whole of corp ${corpId}: its reconciliation counts the whole corp`);
    }
    return reconcileDay(this.store, corpId, day);
  }
}

function toProblemView(p: CaptureProblemRecord) {
  return {
    id: p.eventId,
    corpId: p.corpId,
    kind: p.kind,
    detail: p.detail,
    seqFrom: p.seqFrom,
    seqTo: p.seqTo,
    message: p.msgid,
    count: p.count,
    occurredAt: new Date(p.occurredAt).toISOString(),
  };
}
