import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { archiveDayReconciledV1, archiveDaySealedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import {
  ARCHIVE_STORE,
  DaySealer,
  dayReconciledEvent,
  previousBusinessDay,
  reconcileDay,
  type ArchiveStore,
} from '@chatvault/store';
import { LOGGER, counter, type Logger } from '@chatvault/platform';
import { nextSealTime } from './tamper-evidence/next-seal-time';

const DAY_MS = 86_400_000;
/** How far back a record arriving late still gets its day amended; older days are history imports to seal by hand. */
const AMEND_LOOKBACK_DAYS = 31;

const runs = counter('chatvault_ingest_nightly_runs_total', 'Nightly jobs on the previous China business day, by job and outcome', ['job', 'outcome']);
const reconciledDays = counter('chatvault_capture_days_reconciled_total', 'Corp-days reconciled, by whether anything was missing', ['outcome']);

/**
 * Shortly after midnight UTC+8, for the business day that just ended: seals every corp's hash chain,
 * amends the recent sealed days that received records late, then reconciles every corp's capture,
 * announcing each seal, amendment and reconciliation.
 */
@Injectable()
export class NightlyArchiveJobs implements OnModuleInit, OnModuleDestroy {
  readonly sealer: DaySealer;
  private timer: NodeJS.Timeout | undefined;
  private destroyed = false;

  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.sealer = new DaySealer(store, (event) => bus.publish(archiveDaySealedV1, [event]));
  }

  onModuleInit(): void {
    // Catching up at start: a process that was down at the last run's time, or died before announcing
    // it, would otherwise leave that day unsealed or unannounced. Both jobs are idempotent.
    const lastRun = nextSealTime(Date.now()) - DAY_MS;
    void this.runPreviousDay(lastRun).finally(() => this.schedule());
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
  }

  /** Runs both jobs on the business day before the one `now` falls in; one failing does not stop the other. */
  async runPreviousDay(now: number): Promise<void> {
    const day = previousBusinessDay(now);
    await this.run('seal', day, async () => ({ corps: (await this.sealer.sealAllCorps(day)).length }));
    await this.run('amend', day, async () => ({ amended: (await this.sealer.amendRecentDays(AMEND_LOOKBACK_DAYS)).map((a) => `${a.corpId}:${a.day}`) }));
    await this.run('reconcile', day, () => this.reconcileAllCorps(day));
  }

  private async reconcileAllCorps(day: string): Promise<{ corps: number; incomplete: string[] }> {
    const incomplete: string[] = [];
    const corps = await this.store.capture.corpsActiveOn(day);
    for (const corpId of corps) {
      const reconciliation = await reconcileDay(this.store, corpId, day);
      reconciledDays.inc({ outcome: reconciliation.complete ? 'complete' : 'incomplete' });
      if (!reconciliation.complete) incomplete.push(corpId);
      await this.bus.publish(archiveDayReconciledV1, [dayReconciledEvent(reconciliation)]);
    }
    return { corps: corps.length, incomplete };
  }

  private async run(job: string, day: string, work: () => Promise<object>): Promise<void> {
    try {
      const outcome = await work();
      runs.inc({ job, outcome: 'ok' });
      this.logger.info({ job, day, ...outcome }, 'nightly archive job done');
    } catch (error) {
      runs.inc({ job, outcome: 'failed' });
      this.logger.error({ job, day, err: error }, 'nightly archive job failed');
    }
  }

  private schedule(): void {
    if (this.destroyed) return;
    const at = nextSealTime(Date.now());
    this.timer = setTimeout(() => {
      void this.runPreviousDay(at).finally(() => this.schedule());
    }, at - Date.now());
    this.timer.unref();
  }
}
