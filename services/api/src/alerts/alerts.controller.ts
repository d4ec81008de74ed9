import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import {
  ARCHIVE_STORE,
  type AlertCommentRecord,
  type AlertDeliveryRecord,
  type AlertHitRecord,
  type AlertTransitionRecord,
  type ArchivedMessageRecord,
  type ArchiveStore,
} from '@chatvault/store';
import { alertStatusSchema, severitySchema } from '@chatvault/contracts';
import { SEARCH_INDEX, type AlertDocument, type SearchIndex } from '@chatvault/search';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { offsetOf, pageQuerySchema } from '../http/page-query';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { AlertReview, alertChangeSchema, alertCommentSchema } from './alert-review';
import { EmployeeProfiles } from '../directory/employee-profiles';
import { Visibilities } from '../auth/visibilities';
import { VisibleAlerts } from './visible-alerts';

const alertQuerySchema = pageQuerySchema.extend({
  corpId: z.string().optional(),
  q: z.string().trim().max(200, 'q is at most 200 characters').optional(),
  severity: severitySchema.optional(),
  status: alertStatusSchema.optional(),
  category: z.string().optional(),
  rule: z.string().optional(),
  employee: z.string().optional(),
});

/** Messages shown on each side of every alerted message. */
const CONTEXT_MESSAGES = 5;

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    private readonly audit: ReadAudit,
    private readonly review: AlertReview,
    private readonly profiles: EmployeeProfiles,
    private readonly visibilities: Visibilities,
    private readonly alerts: VisibleAlerts,
  ) {}

  /**
   * Newest first. Without text or filters the store lists every alert the moment it is raised; text and
   * filters are answered by the search index, which holds each alert within a second or so of a change.
   * A scoped key gets the alerts of its employees only.
   */
  @Get()
  @Roles('reader')
  async listAlerts(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { page, pageSize, corpId, q, severity, status, category, rule, employee } = parseQuery(alertQuerySchema, rawQuery);
    const offset = offsetOf({ page, pageSize });
    const filters = { severity, status, category, ruleId: rule, employeeId: employee };
    const searched = q !== undefined || Object.values(filters).some((value) => value !== undefined);
    const { within } = await this.visibilities.of(request.principal);
    const query = { corpId, within, offset, limit: pageSize };
    const result: { total: number; items: AlertDocument[] } = searched ? await this.search.searchAlerts({ ...query, text: q, ...filters }) : await this.store.alerts.list(query);
    const names = await this.profiles.names(result.items.map((a) => ({ corpId: a.corpId, userid: a.employeeId })));
    await this.audit.record(request, 'alerts.list', { corpId, q, ...filters, page, pageSize, returned: result.items.map((a) => a.alertId) });
    return {
      total: result.total,
      page,
      pageSize,
      items: result.items.map((a) => ({ ...toAlertView(a), employeeName: names.get(`${a.corpId}:${a.employeeId}`) ?? null })),
    };
  }

  /** The alert with its hits, history, comments and the conversation around each alerted message. */
  @Get(':id')
  @Roles('reader')
  async getAlert(@Param('id') alertId: string, @Req() request: AuthenticatedRequest) {
    const alert = await this.alerts.find(alertId, request.principal);
    const [transitions, comments, hits, context, employeeProfile, deliveries] = await Promise.all([
      this.store.alerts.transitions(alertId),
      this.store.alerts.comments(alertId),
      this.store.alerts.hits(alertId),
      Promise.all(alert.msgids.map(async (msgid) => ({ msgid, messages: await this.store.messages.around(alert.corpId, msgid, CONTEXT_MESSAGES) }))),
      this.profiles.find(alert.corpId, alert.employeeId),
      this.store.routing.deliveries(alertId),
    ]);
    await this.audit.record(request, 'alerts.read', {
      alertId,
      corpId: alert.corpId,
      returned: [...new Set(context.flatMap((c) => c.messages.map((m) => m.message.msgid)))],
    });
    return {
      ...toAlertView(alert),
      /** Name and departments of `employee`; null until the directory knows them. */
      employeeProfile,
      transitions: transitions.map(toTransitionView),
      comments: comments.map(toCommentView),
      hits: hits.map(toHitView),
      /** Who was told, on which channel, and how it went: a failed delivery shows here while its dead letter waits. */
      deliveries: deliveries.map(toDeliveryView),
      context: context.map(({ msgid, messages }) => ({ msgid, messages: messages.map(toContextMessageView) })),
    };
  }

  /**
   * Moves the alert along the review workflow; `expectedVersion` is the version the reviewer saw. A
   * reviewer key acts on the alerts in its scope only: any other answers 404, as on a read.
   */
  @Patch(':id')
  @Roles('reviewer')
  async changeAlert(@Param('id') alertId: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const change = parseQuery(alertChangeSchema, body);
    return toAlertView(await this.review.change(alertId, change, request.principal));
  }

  @Post(':id/comments')
  @Roles('reviewer')
  async commentOnAlert(@Param('id') alertId: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { body: text } = parseQuery(alertCommentSchema, body);
    return toCommentView(await this.review.comment(alertId, text, request.principal));
  }
}

function toAlertView(alert: AlertDocument) {
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
    hitCount: alert.hitCount,
    lastHitAt: new Date(alert.lastHitAt).toISOString(),
    status: alert.status,
    version: alert.version,
    assignee: alert.assignee,
    resolution: alert.resolution,
    createdAt: new Date(alert.createdAt).toISOString(),
    updatedAt: new Date(alert.updatedAt).toISOString(),
  };
}

function toTransitionView(t: AlertTransitionRecord) {
  return { from: t.from, to: t.to, actor: t.actor, reason: t.reason, at: new Date(t.at).toISOString() };
}

function toHitView(h: AlertHitRecord) {
  return { id: h.hitId, message: h.msgid || null, severity: h.severity, excerpt: h.excerpt, policyVersion: h.policyVersion, at: new Date(h.at).toISOString() };
}

function toCommentView(c: AlertCommentRecord) {
  return { id: c.id, author: c.author, body: c.body, at: new Date(c.at).toISOString() };
}

function toContextMessageView({ message }: ArchivedMessageRecord) {
  return { msgid: message.msgid, from: message.from, fromKind: message.fromKind, msgtype: message.msgtype, text: message.text, msgtime: new Date(message.msgtime).toISOString() };
}

function toDeliveryView(delivery: AlertDeliveryRecord) {
  return {
    id: delivery.deliveryId,
    channelId: delivery.channelId,
    recipient: delivery.recipient,
    status: delivery.status,
    attempts: delivery.attempts,
    error: delivery.error,
    coveredBy: delivery.coveredBy,
    createdAt: new Date(delivery.createdAt).toISOString(),
    updatedAt: new Date(delivery.updatedAt).toISOString(),
  };
}
