import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CONFIG, LOGGER, type Config, type Logger } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { ArchiveDecryptor, KoffiFinanceSdk, MAX_CHAT_DATA_LIMIT } from '@chatvault/wecom';
import { loadArchiveCorps } from './archive-corps-file';
import { ArchivePuller, type ArchiveCorp } from './archive-puller';
import type { MediaSource, MediaSources } from './media/media-fetcher';

/** Runs the chat-archive puller when WECOM_ARCHIVE_CORPS_FILE is set; otherwise does nothing. */
@Injectable()
export class ArchivePullerService implements OnApplicationBootstrap, OnApplicationShutdown, MediaSources {
  private puller?: ArchivePuller;
  private corps: ArchiveCorp[] = [];
  private started = false;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const corpsFile = this.config.WECOM_ARCHIVE_CORPS_FILE;
    if (!corpsFile) {
      this.started = true;
      return;
    }
    const libraryPath = this.config.WECOM_FINANCE_SDK_LIBRARY;
    if (!libraryPath) throw new Error('WECOM_ARCHIVE_CORPS_FILE is set but WECOM_FINANCE_SDK_LIBRARY is not: the puller needs the vendor SDK');
    for (const corp of loadArchiveCorps(corpsFile)) {
      const sdk = await KoffiFinanceSdk.open({ libraryPath, corpId: corp.corpId, secret: corp.secret, proxy: corp.proxy, proxyPassword: corp.proxyPassword });
      this.corps.push({ corpId: corp.corpId, sdk, decryptor: new ArchiveDecryptor(corp.privateKeys, sdk) });
    }
    this.puller = new ArchivePuller(this.corps, this.store, this.bus, this.logger, {
      batchSize: MAX_CHAT_DATA_LIMIT,
      sdkAttempts: 5,
      sdkRetryDelayMs: 1_000,
      decryptRetryDelayMs: 60_000,
      decryptRetryMaxMs: 6 * 60 * 60 * 1000,
      now: Date.now,
      sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    });
    this.puller.start(this.config.WECOM_ARCHIVE_PULL_INTERVAL_MS);
    this.started = true;
    this.logger.info({ corps: this.corps.map((c) => c.corpId) }, 'chat-archive puller started');
  }

  /** The corp's SDK session for media downloads; throws until the sessions are open, so the bus redelivers. */
  sourceFor(corpId: string): MediaSource | undefined {
    if (!this.started) throw new Error('the chat-archive SDK sessions are not open yet');
    return this.corps.find((corp) => corp.corpId === corpId)?.sdk;
  }

  /** For the msgaudit_notify callback: pull the corp now rather than at the next tick. */
  pullNow(corpId: string): Promise<void> {
    if (!this.puller) return Promise.reject(new Error('the chat-archive puller is not configured (WECOM_ARCHIVE_CORPS_FILE)'));
    return this.puller.pullNow(corpId);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.puller?.stop();
    await Promise.all(this.corps.map((corp) => corp.sdk.close()));
  }
}
