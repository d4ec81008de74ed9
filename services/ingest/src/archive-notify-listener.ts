import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { archiveNotifyV1, type ArchiveNotify } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { LOGGER, counter, type Logger } from '@chatvault/platform';
import { ArchivePullerService } from './archive-puller.service';

const notified = counter('chatvault_ingest_archive_notify_total', 'msgaudit_notify callbacks acted on, by outcome', ['outcome']);

/** Pulls a corp's chat archive when WeCom says new data is waiting (msgaudit_notify). */
@Injectable()
export class ArchiveNotifyListener implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly puller: ArchivePullerService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(archiveNotifyV1, { group: 'ingest-archive-notify' }, async ({ value }) => this.onNotify(value));
  }

  /**
   * Not awaited: a pull can take minutes and would hold the partition, and the timer pulls anyway, so
   * a failed pull is reported rather than retried through the bus.
   */
  onNotify(event: ArchiveNotify): void {
    this.puller.pullNow(event.corpId).then(
      () => notified.inc({ outcome: 'pulled' }),
      (error: unknown) => {
        notified.inc({ outcome: 'failed' });
        this.logger.warn({ err: error, corpId: event.corpId }, 'pull after msgaudit_notify failed');
      },
    );
  }
}
