import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { relationshipChangedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CONFIG, LOGGER, counter, type Config, type Logger } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { WecomClient } from '@chatvault/wecom';
import { loadDirectoryCorps } from './directory-corps-file';
import { DirectorySync } from './directory-sync';
import { DirectoryUpdater } from './directory-updater';
import { GroupChatResolver } from './group-chat-resolver';

const syncs = counter('chatvault_directory_sync_total', 'Whole-directory reads from WeCom, by outcome', ['outcome']);

/**
 * Keeps the directory current: a full read of each configured corp at boot and every
 * WECOM_DIRECTORY_SYNC_INTERVAL_MS, and every contact callback applied as it arrives. Completes
 * customer-group callbacks with the group's owner and members from WeCom.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly syncs = new Map<string, DirectorySync>();
  private readonly updater: DirectoryUpdater;
  private readonly groups: GroupChatResolver;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ARCHIVE_STORE) store: ArchiveStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {
    const file = config.WECOM_DIRECTORY_CORPS_FILE;
    for (const corp of file ? loadDirectoryCorps(file) : []) {
      const client = new WecomClient({ corpId: corp.corpId, secrets: { contact: corp.contactSecret, customer: corp.customerSecret }, baseUrl: corp.apiBaseUrl });
      this.syncs.set(corp.corpId, new DirectorySync(corp.corpId, client, store.directory, { readsCustomers: corp.customerSecret !== undefined }));
    }
    this.updater = new DirectoryUpdater(store.directory, async (corpId, externalUserId) => {
      const sync = this.syncs.get(corpId);
      return sync?.readsCustomers ? sync.externalContact(externalUserId) : null;
    });
    this.groups = new GroupChatResolver(async (corpId, chatId) => {
      const sync = this.syncs.get(corpId);
      return sync?.readsCustomers ? sync.customerGroup(chatId) : null;
    }, bus);
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(relationshipChangedV1, { group: 'ingest-directory' }, async ({ value }) => {
      await this.updater.apply(value.change);
      await this.groups.resolve(value);
    });
  }

  onApplicationBootstrap(): void {
    if (this.syncs.size === 0) return;
    const tick = () => {
      // A sync still running when the next is due is not doubled.
      this.running ??= this.syncAll().finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.config.WECOM_DIRECTORY_SYNC_INTERVAL_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async syncAll(): Promise<void> {
    for (const [corpId, sync] of this.syncs) {
      try {
        const report = await sync.run();
        syncs.inc({ outcome: 'ok' });
        this.logger.info({ corpId, ...report }, 'directory synced from WeCom');
      } catch (error) {
        syncs.inc({ outcome: 'failed' });
        this.logger.error({ err: error, corpId }, 'directory sync failed; the next one retries');
      }
    }
  }
}
