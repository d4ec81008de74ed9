import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { alertChangedV1, alertRaisedV1, type AlertChanged } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { CONFIG, LOGGER, parseSyslogUrl, type Config, type Logger } from '@chatvault/platform';
import { alertSyslogLine, type AlertSyslogEvent } from './alert-cef';
import { SyslogTransport } from './syslog-transport';
import { GROUPING_ACTOR } from '../alert-raiser';

/**
 * With ALERT_SYSLOG_URL set, sends every alert event to a SIEM as an RFC 5424 syslog message carrying
 * CEF. It follows the alert topics in a group of its own and never waits for the receiver: the
 * transport queues and reconnects by itself, so neither alerting nor this consumer stalls on it.
 */
@Injectable()
export class AlertSyslogForwarder implements OnModuleInit, OnModuleDestroy {
  private transport?: SyslogTransport;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.ALERT_SYSLOG_URL) return;
    this.transport = new SyslogTransport(parseSyslogUrl(this.config.ALERT_SYSLOG_URL), this.logger.child({ component: 'alert-syslog' }));
    await this.bus.subscribe(alertRaisedV1, { group: 'alert-syslog' }, async ({ value }) => {
      const alert = await this.store.alerts.find(value.alertId);
      if (!alert) throw new Error(`alert ${value.alertId} is not in the store`);
      this.forward({ kind: 'raised', actor: GROUPING_ACTOR, at: Date.parse(value.occurredAt), alert });
    });
    await this.bus.subscribe(alertChangedV1, { group: 'alert-syslog' }, async ({ value }) => {
      const alert = await this.store.alerts.find(value.alertId);
      if (!alert) throw new Error(`alert ${value.alertId} is not in the store`);
      this.forward({ kind: value.change, actor: value.actor, at: Date.parse(value.occurredAt), alert: { ...alert, ...stateAfter(value) } });
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport?.close();
  }

  private forward(event: AlertSyslogEvent): void {
    this.transport!.send(alertSyslogLine(event, this.config.CHATVAULT_PUBLIC_URL));
  }
}

/** The review state the event reports, which a later change may already have moved on in the store. */
function stateAfter(event: AlertChanged) {
  const { status, resolution, assignee, severity, hitCount, version } = event;
  return { status, resolution, assignee, severity, hitCount, version };
}
