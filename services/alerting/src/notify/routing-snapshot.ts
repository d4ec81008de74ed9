import type { AlertChannelRecord, AlertRouteRecord, AlertRouting } from '@chatvault/store';

/** An edit through the API reaches notifications within this time, without a read per alert. */
const TTL_MS = 5_000;

export interface Routing {
  channels: AlertChannelRecord[];
  routes: AlertRouteRecord[];
}

/** The channels and routes as saved, read again once they are a few seconds old. */
export class RoutingSnapshot {
  private cached: { at: number; routing: Promise<Routing> } | undefined;

  constructor(
    private readonly store: AlertRouting,
    private readonly clock: () => number,
  ) {}

  current(): Promise<Routing> {
    const now = this.clock();
    if (!this.cached || now - this.cached.at >= TTL_MS) {
      const routing = Promise.all([this.store.listChannels(), this.store.listRoutes()]).then(([channels, routes]) => ({ channels, routes }));
      // A failed read is not kept: the next caller tries again.
      routing.catch(() => (this.cached = undefined));
      this.cached = { at: now, routing };
    }
    return this.cached.routing;
  }

  async channel(id: string): Promise<AlertChannelRecord | undefined> {
    return (await this.current()).channels.find((c) => c.id === id);
  }
}
