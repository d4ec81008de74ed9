import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown, Optional, type Provider } from '@nestjs/common';
import { CONFIG, type Config, HealthRegistry, LOGGER, type Logger, type Capability } from '@chatvault/platform';
import { MESSAGE_BUS, createMessageBus, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, createArchiveStore, type ArchiveStore } from '@chatvault/store';
import { SEARCH_INDEX, createSearchIndex, type SearchIndex } from '@chatvault/search';
import { CACHE, createCache, type Cache } from '@chatvault/cache';
import { OBJECT_STORE, createObjectStore, type ObjectStore } from '@chatvault/object-store';

/**
 * Starts the bus once every service has subscribed, and on shutdown stops consuming before the
 * stores that handlers write to are closed.
 */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Optional() @Inject(MESSAGE_BUS) private readonly bus?: MessageBus,
    @Optional() @Inject(SEARCH_INDEX) private readonly search?: SearchIndex,
    @Optional() @Inject(CACHE) private readonly cache?: Cache,
    @Optional() @Inject(ARCHIVE_STORE) private readonly store?: ArchiveStore,
    @Optional() @Inject(OBJECT_STORE) private readonly objects?: ObjectStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus?.stop();
    await Promise.all([this.search?.close(), this.cache?.close(), this.objects?.close()]);
    await this.store?.close();
  }
}

function adapterProviders(capabilities: Set<Capability>): Provider[] {
  const providers: Provider[] = [];
  const inject = [CONFIG, LOGGER, HealthRegistry];
  if (capabilities.has('bus')) {
    providers.push({ provide: MESSAGE_BUS, inject, useFactory: (config: Config, logger: Logger) => createMessageBus(config, logger) });
  }
  if (capabilities.has('store')) {
    providers.push({
      provide: ARCHIVE_STORE,
      inject,
      useFactory: async (config: Config, logger: Logger, health: HealthRegistry) => {
        const store = await createArchiveStore(config, logger);
        await store.migrate();
        health.register('store', async () => {
          if (!(await store.ping())) throw new Error('database does not answer');
        });
        return store;
      },
    });
  }
  if (capabilities.has('search')) {
    providers.push({
      provide: SEARCH_INDEX,
      inject,
      useFactory: async (config: Config, logger: Logger, health: HealthRegistry) => {
        const search = await createSearchIndex(config, logger);
        await search.ensureReady();
        health.register('search', async () => {
          await search.searchMessages({ limit: 1 });
        });
        return search;
      },
    });
  }
  if (capabilities.has('cache')) {
    providers.push({
      provide: CACHE,
      inject,
      useFactory: async (config: Config, logger: Logger, health: HealthRegistry) => {
        const cache = await createCache(config, logger);
        health.register('cache', async () => {
          await cache.get('health');
        });
        return cache;
      },
    });
  }
  if (capabilities.has('objects')) {
    providers.push({ provide: OBJECT_STORE, inject, useFactory: (config: Config, logger: Logger) => createObjectStore(config, logger) });
  }
  return providers;
}

/** Config, logging, health and the adapters behind each port, chosen by what the config names. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: Config, logger: Logger, capabilities: Set<Capability>): DynamicModule {
    const adapters = adapterProviders(capabilities);
    return {
      module: InfrastructureModule,
      providers: [{ provide: CONFIG, useValue: config }, { provide: LOGGER, useValue: logger }, HealthRegistry, ...adapters, InfrastructureLifecycle],
      exports: [CONFIG, LOGGER, HealthRegistry, ...adapters.map((p) => (p as { provide: symbol }).provide)],
    };
  }
}
