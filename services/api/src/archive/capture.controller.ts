import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { captureProblemKindSchema } from '@chatvault/contracts';
import { ARCHIVE_STORE, reconcileDay, type ArchiveStore, type CaptureProblemRecord } from '@chatvault/store';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { offsetOf, pageQuerySchema } from '../http/page-query';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { corpDaySchema } from './corp-day-query';

const problemQuerySchema = pageQuerySchema.extend({ corpId: z.string().min(1).optional(), kind: captureProblemKindSchema.optional() });

/** Capture completeness: what the archive could not capture, and each day's counts. */
@Controller('api/v1/archive/capture')
export class CaptureController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly audit: ReadAudit,
  ) {}

  /** Newest first. */
  @Get('problems')
  @Roles('reader')
  async problems(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { page, pageSize, corpId, kind } = parseQuery(problemQuerySchema, rawQuery);
    const result = await this.store.capture.problems({ corpId, kind, offset: offsetOf({ page, pageSize }), limit: pageSize });
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
  reconciliation(@Query() rawQuery: unknown) {
    const { corpId, day } = parseQuery(corpDaySchema, rawQuery);
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
