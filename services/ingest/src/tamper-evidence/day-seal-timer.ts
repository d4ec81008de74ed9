import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { archiveDaySealedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, DaySealer, daySealedEvent, previousBusinessDay, type ArchiveStore } from '@chatvault/store';
import { LOGGER, counter, type Logger } from '@chatvault/platform';
import { nextSealTime } from './next-seal-time';

const sealRuns = counter('chatvault_ingest_day_seal_runs_total', 'Nightly sealing of the previous China business day, by outcome', ['outcome']);

/** Seals the previous China business day of every corp with messages, shortly after midnight UTC+8. */
@Injectable()
export class DaySealTimer implements OnModuleInit, OnModuleDestroy {
  readonly sealer: DaySealer;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ARCHIVE_STORE) store: ArchiveStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.sealer = new DaySealer(store, (seal) => bus.publish(archiveDaySealedV1, [daySealedEvent(seal)]));
  }

  onModuleInit(): void {
    this.schedule();
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  /** Seals the business day before the one `now` falls in, for every corp with messages in it. */
  async sealPreviousDay(now: number): Promise<void> {
    const day = previousBusinessDay(now);
    try {
      const sealed = await this.sealer.sealAllCorps(day);
      sealRuns.inc({ outcome: 'ok' });
      this.logger.info({ day, corps: sealed.length }, 'sealed business day');
    } catch (error) {
      sealRuns.inc({ outcome: 'failed' });
      this.logger.error({ day, err: error }, 'sealing business day failed');
    }
  }

  private schedule(): void {
    const at = nextSealTime(Date.now());
    this.timer = setTimeout(() => {
      void this.sealPreviousDay(at).finally(() => this.schedule());
    }, at - Date.now());
    this.timer.unref();
  }
}
