import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CACHE, type Cache } from '@chatvault/cache';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { CONFIG, LOGGER, counter, type Config, type Logger } from '@chatvault/platform';
import { ALERTING_CLOCK, type Clock } from '../sla-escalator';
import { consoleBase } from './alert-link';
import { ROUTING_SNAPSHOT, throttleKey } from './alert-notifier';
import { byChannelAndRecipient, countBy, countLine, sendRoundup, worstOf } from './roundup';
import type { RoutingSnapshot } from './routing-snapshot';

const SWEEP_INTERVAL_MS = 30_000;
const SWEEP_LIMIT = 20_000;
const summaries = counter('chatvault_alert_throttle_summaries_total', 'Summaries sent for notifications withheld by throttling');
const sweepFailures = counter('chatvault_alert_throttle_sweep_failures_total', 'Throttle summary sweeps that failed');

/**
 * A recipient flooded past the throttle limit gets, once their throttle window has closed, one
 * summary of everything withheld from them in it: how many alerts, of which kinds, by whom.
 */
@Injectable()
export class ThrottleSummarizer implements OnModuleInit, OnModuleDestroy {
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
    this.timer = setInterval(() => {
      this.summarize().catch((error: unknown) => {
        sweepFailures.inc();
        this.logger.error({ err: error }, 'throttle summary sweep failed; retrying at the next one');
      });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One sweep; returns how many summaries it sent. */
  async summarize(): Promise<number> {
    // Replicas sweep in turn, so no recipient gets the same summary twice.
    const lock = await this.cache.tryLock('alert-throttle-summary', SWEEP_INTERVAL_MS);
    if (!lock) return 0;
    try {
      const now = this.clock();
      const withheld = await this.store.routing.uncovered({ status: 'throttled', createdBefore: now, limit: SWEEP_LIMIT });
      let sent = 0;
      for (const group of byChannelAndRecipient(withheld)) {
        const { channelId, recipient } = group[0]!;
        if ((await this.cache.get(throttleKey(channelId, recipient))) !== null) continue;
        const channel = await this.routing.channel(channelId);
        if (!channel) continue;
        const names = new Map((await this.store.directory.findEmployees(group[0]!.corpId, [...new Set(group.map((d) => d.employeeId))])).map((e) => [e.userid, e.name]));
        await sendRoundup(
          {
            kind: 'summary',
            deliveryId: `summary:${group[0]!.deliveryId}`,
            corpId: group[0]!.corpId,
            severity: worstOf(group.map((d) => d.severity)),
            channel,
            recipientKey: recipient,
            title: `【节流】另有 ${group.length} 条告警未逐条发送`,
            lines: [
              `${this.config.ALERT_THROTTLE_WINDOW_MINUTES} 分钟内告警超过每位接收人 ${this.config.ALERT_THROTTLE_LIMIT} 条的上限，其余合并如下：`,
              countLine('类别', countBy(group, (d) => d.category)),
              countLine('员工', countBy(group, (d) => d.employeeId), (id) => names.get(id) ?? (id || '（无）')),
              '全部告警请在控制台查看。',
            ],
            url: `${consoleBase(this.config)}/api/v1/alerts`,
            data: { withheld: group.length, alertIds: group.slice(0, 100).map((d) => d.alertId) },
            covers: group,
          },
          this.store,
          this.bus,
          now,
        );
        summaries.inc();
        sent++;
      }
      return sent;
    } finally {
      await lock.release();
    }
  }
}
