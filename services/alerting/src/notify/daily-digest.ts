import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { severitySchema } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CACHE, type Cache } from '@chatvault/cache';
import { ARCHIVE_STORE, businessDayOf, type AlertDeliveryRecord, type ArchiveStore, type ReviewedAlert } from '@chatvault/store';
import { CONFIG, LOGGER, counter, type Config, type Logger } from '@chatvault/platform';
import { ALERTING_CLOCK, type Clock } from '../sla-escalator';
import { alertLink, consoleBase } from './alert-link';
import { ROUTING_SNAPSHOT } from './alert-notifier';
import { nextTimeOfDay, parseClock } from './china-time';
import { SEVERITY_LABELS } from '../delivery/severity-labels';
import { categoryLabel } from './notice-labels';
import { byChannelAndRecipient, countBy, countLine, sendRoundup, worstOf } from './roundup';
import type { RoutingSnapshot } from './routing-snapshot';

const DAY_MS = 86_400_000;
const OPEN_SHOWN = 5;
const digests = counter('chatvault_alert_digests_total', 'Daily digests sent');
const digestFailures = counter('chatvault_alert_digest_failures_total', 'Daily digest runs that failed');

/**
 * Every morning at ALERT_DIGEST_TIME (UTC+8), each person who was routed alerts in the past 24 hours
 * gets, on each person channel, their day: counts by category, what is still open and the worst of
 * it, the employees with most alerts, and the alerts quiet hours held back.
 */
@Injectable()
export class DailyDigest implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(ROUTING_SNAPSHOT) private readonly routing: RoutingSnapshot,
    @Inject(ALERTING_CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.schedule();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    const now = this.clock();
    const at = nextTimeOfDay(now, parseClock(this.config.ALERT_DIGEST_TIME)!);
    this.timer = setTimeout(() => {
      this.send(at)
        .catch((error: unknown) => {
          digestFailures.inc();
          this.logger.error({ err: error }, 'daily digest failed; the next one covers the next day');
        })
        .finally(() => this.schedule());
    }, at - now);
    this.timer.unref();
  }

  /** The digests for the 24 hours before `at`; returns how many it sent. */
  async send(at: number): Promise<number> {
    // Once per day however many replicas run: the first to claim the day sends it.
    if (!(await this.cache.setIfAbsent(`alert-digest:${businessDayOf(at)}`, String(at), DAY_MS))) return 0;
    const routed = await this.store.routing.routedBetween(at - DAY_MS, at);
    const alerts = new Map<string, ReviewedAlert>();
    for (const id of new Set(routed.map((d) => d.alertId!))) {
      const alert = await this.store.alerts.find(id);
      if (alert) alerts.set(id, alert);
    }
    let sent = 0;
    for (const group of byChannelAndRecipient(routed)) {
      const channel = await this.routing.channel(group[0]!.channelId);
      if (!channel) continue;
      await sendRoundup({ ...(await this.digestOf(group, alerts, at)), kind: 'digest', deliveryId: `digest:${businessDayOf(at)}|${channel.id}|${group[0]!.recipient}`, channel, recipientKey: group[0]!.recipient, covers: group.filter((d) => d.status === 'held') }, this.store, this.bus, this.clock());
      digests.inc();
      sent++;
    }
    return sent;
  }

  private async digestOf(group: readonly AlertDeliveryRecord[], alerts: ReadonlyMap<string, ReviewedAlert>, at: number) {
    const mine = [...new Map(group.map((d) => [d.alertId!, alerts.get(d.alertId!)])).values()].filter((a): a is ReviewedAlert => a !== undefined);
    const open = mine.filter((a) => a.status !== 'resolved').sort((a, b) => severitySchema.options.indexOf(b.severity) - severitySchema.options.indexOf(a.severity) || a.createdAt - b.createdAt);
    const held = group.filter((d) => d.status === 'held').length;
    const offenders = countBy(mine.filter((a) => a.employeeId), (a) => a.employeeId);
    const names = new Map((await this.store.directory.findEmployees(group[0]!.corpId, [...offenders.keys()])).map((e) => [e.userid, e.name]));
    // Named for the day most of the 24 hours fell in, the one before the digest's morning.
    const day = businessDayOf(at - DAY_MS);
    return {
      corpId: group[0]!.corpId,
      severity: worstOf(mine.map((a) => a.severity)),
      title: `【日报】${day} 告警 ${mine.length} 条，待处理 ${open.length} 条`,
      lines: [
        `过去 24 小时转给您的告警 ${mine.length} 条，仍待处理 ${open.length} 条${held ? `，其中 ${held} 条因静默时段未即时推送` : ''}。`,
        countLine('类别', countBy(mine, (a) => a.category)),
        ...(offenders.size ? [countLine('告警最多的员工', offenders, (id) => names.get(id) ?? id, 3)] : []),
        ...open.slice(0, OPEN_SHOWN).map((a) => `待处理【${SEVERITY_LABELS[a.severity]}】${categoryLabel(a.category)} · ${names.get(a.employeeId) ?? a.employeeId} · ${alertLink(this.config, a.alertId)}`),
      ],
      url: `${consoleBase(this.config)}/api/v1/alerts`,
      data: {
        day,
        alerts: mine.length,
        open: open.length,
        held,
        byCategory: Object.fromEntries(countBy(mine, (a) => a.category)),
        worstOffenders: [...offenders].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([employeeId, alertCount]) => ({ employeeId, name: names.get(employeeId) ?? employeeId, alerts: alertCount })),
        openAlertIds: open.map((a) => a.alertId),
      },
    };
  }
}
