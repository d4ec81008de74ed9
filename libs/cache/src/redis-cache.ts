import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { Logger } from '@chatvault/platform';
import type { Cache, Lock } from './cache';
import { redisEndpoint } from './redis-endpoint';
import { validTtlMs } from './ttl';

export interface RedisCacheOptions {
  readonly url: string;
  /** Prepended to every key (REDIS_KEY_PREFIX), so installations and test runs can share a server. */
  readonly keyPrefix: string;
  readonly logger: Logger;
}

// The window starts at the first increment only: extending it on every hit would let a steady
// trickle keep a counter alive forever.
const INCREMENT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

// Compare-and-delete in one step: a holder whose lock expired and was taken by another must not free it.
const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The `Cache` port on Redis, shared by every process of an installation. */
export class RedisCache implements Cache {
  private constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
    private readonly endpoint: string,
  ) {}

  /** Connects before returning, so a wrong URL or an unreachable server fails at boot and says where. */
  static async connect(options: RedisCacheOptions): Promise<RedisCache> {
    const endpoint = redisEndpoint(options.url);
    const logger = options.logger.child({ component: 'cache', redis: endpoint });
    const client = new Redis(options.url, {
      lazyConnect: true,
      // Nothing in a cache is worth waiting for: while the server is away, commands fail at once
      // (callers fall back or retry) instead of queueing until a reconnect that may never come.
      enableOfflineQueue: false,
    });
    let lastError: Error | undefined;
    let connected = false;
    client.on('error', (error: Error) => {
      lastError = error;
      // ioredis reports every reconnect attempt; one line per outage is enough.
      if (connected) logger.warn({ err: error }, `lost Redis at ${endpoint}: ${error.message}; reconnecting`);
      connected = false;
    });
    client.on('ready', () => {
      // An error before this point can only be an outage after boot: a failed boot throws below.
      if (lastError) logger.info(`reconnected to Redis at ${endpoint}`);
      connected = true;
    });
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      const reason = (lastError ?? (error as Error)).message;
      throw new Error(`cannot connect to Redis at ${endpoint}: ${reason}`, { cause: lastError ?? error });
    }
    return new RedisCache(client, options.keyPrefix, endpoint);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ttl = validTtlMs('ttlMs', ttlMs);
    return (await this.run('SET NX', () => this.client.set(this.k(key), value, 'PX', ttl, 'NX'))) === 'OK';
  }

  async get(key: string): Promise<string | null> {
    return this.run('GET', () => this.client.get(this.k(key)));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const ttl = validTtlMs('ttlMs', ttlMs);
    await this.run('SET', () => this.client.set(this.k(key), value, 'PX', ttl));
  }

  async delete(...keys: string[]): Promise<void> {
    // DEL without keys is a syntax error in Redis; deleting nothing is not.
    if (keys.length === 0) return;
    await this.run('DEL', () => this.client.del(...keys.map((key) => this.k(key))));
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const window = validTtlMs('windowMs', windowMs);
    return Number(await this.run('INCR', () => this.client.eval(INCREMENT_IN_WINDOW, 1, this.k(key), window)));
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | null> {
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return {
      release: async () => {
        await this.run('lock release', () => this.client.eval(RELEASE_IF_OWNER, 1, this.k(key), token));
      },
    };
  }

  async close(): Promise<void> {
    // QUIT lets pending replies arrive; a client that is not connected has nothing to flush.
    if (this.client.status === 'ready') await this.client.quit();
    else this.client.disconnect();
  }

  private k(key: string): string {
    return this.keyPrefix + key;
  }

  private async run<T>(command: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new Error(`Redis at ${this.endpoint}: ${command} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
