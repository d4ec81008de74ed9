import { join } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { OBJECT_STORE, type ObjectStore } from '@chatvault/object-store';
import { CONFIG, LOGGER, type Config, type Logger } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { ArchivePullerService } from '../archive-puller.service';
import { MediaFetcher } from './media-fetcher';

/** Fetches the media of every archived message in a consumer group of its own, so slow downloads never hold up archiving. */
@Injectable()
export class MediaFetcherService implements OnModuleInit {
  private readonly fetcher: MediaFetcher;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) store: ArchiveStore,
    @Inject(OBJECT_STORE) objects: ObjectStore,
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) logger: Logger,
    puller: ArchivePullerService,
  ) {
    this.fetcher = new MediaFetcher(puller, store, objects, bus, logger.child({ component: 'media-fetcher' }), {
      attempts: 4,
      retryDelayMs: 2_000,
      downloadDir: join(config.DATA_DIR, 'media-downloads'),
      now: Date.now,
      sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    });
  }

  async onModuleInit(): Promise<void> {
    // In batches: most messages carry no media, and committing after each one would cost a round trip per message.
    await this.bus.subscribeBatch(chatMessageArchivedV1, { group: 'ingest-media' }, (deliveries) => this.fetcher.fetchAll(deliveries.map((d) => d.value)));
  }
}
