import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { severitySchema } from '@chatvault/contracts';
import { LOGGER, counter, gauge, type Logger } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ReadAudit } from '../audit/read-audit';
import { parseQuery } from '../http/parse-query';
import { Visibilities } from '../auth/visibilities';
import { KnownKeys } from '../auth/known-keys';
import { AlertFeed, type AlertFeedEvent } from './alert-feed';

const streamQuerySchema = z.object({
  corpId: z.string().min(1).optional(),
  /** Only alerts at or above this severity. */
  minSeverity: severitySchema.optional(),
});

/** Proxies close connections that stay silent; a comment line every so often keeps them open. */
const KEEP_ALIVE_MS = 15_000;
/** How often an open stream checks that its key still works: a revoked key's stream is ended. */
const KEY_CHECK_MS = 5_000;
/** Alert ids listed in the audit entry written when a stream closes. */
const AUDITED_IDS = 1_000;

const streams = gauge('chatvault_alert_streams', 'Open alert streams (Server-Sent Events)');
const streamed = counter('chatvault_alert_stream_events_total', 'Alert events written to streams', ['type']);

@Controller('api/v1/alerts')
export class AlertStreamController {
  constructor(
    private readonly feed: AlertFeed,
    private readonly audit: ReadAudit,
    private readonly visibilities: Visibilities,
    private readonly keys: KnownKeys,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Server-Sent Events: `alert.raised` for every new alert and `alert.changed` for every hit, review
   * step or comment after it, as they happen, of the employees in the key's scope. Opening and closing
   * a stream are recorded in the read audit, with the alerts it carried.
   */
  @Get('stream')
  @Roles('reader')
  async stream(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { corpId, minSeverity } = parseQuery(streamQuerySchema, rawQuery);
    await this.audit.record(request, 'alerts.stream.open', { corpId, minSeverity });
    const levels = severitySchema.options;
    const wanted = (event: AlertFeedEvent) =>
      (corpId === undefined || event.value.corpId === corpId) && (minSeverity === undefined || levels.indexOf(event.value.severity) >= levels.indexOf(minSeverity));
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.write(': connected\n\n');
    const sent = new Set<string>();
    let open = true;
    // Checked in arrival order: the scope is resolved from memory, refreshed every few seconds, so an
    // event waits at most for that refresh and never overtakes the one before it.
    let written = Promise.resolve();
    const write = async (event: AlertFeedEvent) => {
      const visibility = await this.visibilities.of(request.principal);
      if (!open || !visibility.seesEmployee(event.value.corpId, event.value.employeeId)) return;
      if (sent.size < AUDITED_IDS) sent.add(event.value.alertId);
      response.write(`id: ${event.value.eventId}\nevent: ${event.type}\ndata: ${JSON.stringify(event.value)}\n\n`);
      streamed.inc({ type: event.type });
    };
    const subscription = this.feed.events.subscribe((event) => {
      if (!wanted(event)) return;
      written = written.then(() => write(event)).catch((error: unknown) => {
        this.logger.error({ err: error, keyId: request.principal.id, alertId: event.value.alertId }, 'could not resolve the scope of an alert stream; the event was not sent');
      });
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const keyCheck = setInterval(() => {
      this.keys.find(request.principal.keyHash).then(
        (key) => {
          if (key?.revokedAt === null) return;
          close();
          response.end();
        },
        (error: unknown) => this.logger.warn({ err: error, keyId: request.principal.id }, 'could not check the key of an alert stream; checking again shortly'),
      );
    }, KEY_CHECK_MS);
    streams.inc();
    const close = () => {
      if (!open) return;
      open = false;
      subscription.unsubscribe();
      clearInterval(keepAlive);
      clearInterval(keyCheck);
      streams.dec();
      this.audit.record(request, 'alerts.stream.close', { corpId, minSeverity, alertIds: [...sent] }).catch((error: unknown) => {
        this.logger.error({ err: error, keyId: request.principal.id }, 'could not record the close of an alert stream in the read audit');
      });
    };
    request.on('close', close);
  }
}
