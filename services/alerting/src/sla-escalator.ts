import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RESOLUTION_SLA_MS, SLA_STATUSES, alertChangedV1, checkTransition, severitySchema } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, StoreError, alertChangedEvent, type ArchiveStore } from '@chatvault/store';
import { LOGGER, counter, type Logger } from '@chatvault/platform';

/** ms since epoch; injected so tests move time instead of waiting for it. */
export type Clock = () => number;
export const ALERTING_CLOCK = Symbol('AlertingClock');

export const SLA_ACTOR = 'system:sla';
const SWEEP_INTERVAL_MS = 60_000;
/** Per severity and sweep; what is left waits for the next sweep rather than holding this one. */
const SWEEP_BATCH = 500;
const HOUR_MS = 3_600_000;

const escalated = counter('chatvault_alerts_sla_escalated_total', 'Alerts escalated for missing their resolution SLA', ['severity']);
const sweepFailures = counter('chatvault_alert_sla_sweep_failures_total', 'SLA sweeps that failed');

/** Escalates alerts still unresolved after their severity's SLA, as the reviewer of last resort. */
@Injectable()
export class SlaEscalator implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ALERTING_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.escalateOverdue().catch((error: unknown) => {
        sweepFailures.inc();
        this.logger.error({ err: error }, 'SLA sweep failed; retrying at the next one');
      });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One sweep; returns the ids of the alerts it escalated. */
  async escalateOverdue(): Promise<string[]> {
    const now = this.clock();
    const done: string[] = [];
    for (const severity of severitySchema.options) {
      const sla = RESOLUTION_SLA_MS[severity];
      if (sla === null) continue;
      const overdue = await this.store.alerts.raisedBefore({ severity, statuses: SLA_STATUSES, createdBefore: now - sla, limit: SWEEP_BATCH });
      for (const alert of overdue) {
        if (!checkTransition(alert.status, 'escalated').allowed) continue;
        const reason = `still ${alert.status.replace('_', ' ')} ${hours(now - alert.createdAt)} after it was raised; the ${severity} SLA is ${hours(sla)}`;
        let moved;
        try {
          moved = await this.store.alerts.transition(alert.alertId, alert.version, { to: 'escalated', actor: SLA_ACTOR, reason, at: now });
        } catch (error) {
          // A reviewer acted on it meanwhile: their move stands, and the next sweep looks again.
          if (error instanceof StoreError && error.reason === 'stale_version') continue;
          throw error;
        }
        escalated.inc({ severity });
        await this.bus.publish(alertChangedV1, [alertChangedEvent(moved, 'transitioned', SLA_ACTOR, `transition:${moved.alertId}:${moved.version}`)]);
        done.push(alert.alertId);
      }
    }
    return done;
  }
}

function hours(ms: number): string {
  return `${Math.floor(ms / HOUR_MS)}h`;
}
