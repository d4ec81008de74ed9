import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { ARCHIVE_STORE, type AlertRecord, type ArchiveStore } from '@chatvault/store';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { offsetOf, pageQuerySchema } from '../http/page-query';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';

const alertQuerySchema = pageQuerySchema.extend({ corpId: z.string().optional() });

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly audit: ReadAudit,
  ) {}

  /** Newest first. */
  @Get()
  @Roles('reader')
  async listAlerts(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { page, pageSize, corpId } = parseQuery(alertQuerySchema, rawQuery);
    const result = await this.store.alerts.list({ corpId, offset: offsetOf({ page, pageSize }), limit: pageSize });
    await this.audit.record(request, 'alerts.list', { corpId, page, pageSize, returned: result.items.map((a) => a.alertId) });
    return { total: result.total, page, pageSize, items: result.items.map(toAlertView) };
  }
}

function toAlertView(alert: AlertRecord) {
  return {
    id: alert.alertId,
    corpId: alert.corpId,
    messages: alert.msgids,
    rule: alert.ruleId,
    category: alert.category,
    severity: alert.severity,
    employee: alert.employeeId,
    conversationId: alert.conversationId,
    excerpt: alert.excerpt,
    policy: { id: alert.policyId, version: alert.policyVersion },
    status: alert.status,
    createdAt: new Date(alert.createdAt).toISOString(),
  };
}
