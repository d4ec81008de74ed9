import type { AlertChannelRecord, AlertRouteRecord, AlertRouting } from '@chatvault/store';
import { ExpiringCache } from '@chatvault/platform';

/** An edit through the API reaches notifications within this time, without a read per alert. */
const TTL_MS = 5_000;

export interface Routing {
  channels: AlertChannelRecord[];
  routes: AlertRouteRecord[];
}

/** The channels and routes as saved, read again once they are a few seconds old. */
export class RoutingSnapshot {
  private readonly cache: ExpiringCache<'routing', Routing>;

  constructor(
    private readonly store: AlertRouting,
    clock: () => number,
  ) {
    this.cache = new ExpiringCache(TTL_MS, clock);
  }

  current(): Promise<Routing> {
    return this.cache.get('routing', async () => {
      const [channels, routes] = await Promise.all([this.store.listChannels(), this.store.listRoutes()]);
      return { channels, routes };
    });
  }

  async channel(id: string): Promise<AlertChannelRecord | undefined> {
    return (await this.current()).channels.find((c) => c.id === id);
  }
}
