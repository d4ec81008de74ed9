export interface IssuedToken {
  accessToken: string;
  expiresInSec: number;
}

/** Refresh this long before WeCom's stated expiry so a token never dies mid-request. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * One access_token per secret, fetched on first use and cached until shortly before it expires.
 * Concurrent callers share one fetch, because gettoken has its own frequency limit.
 */
export class AccessTokenCache<K extends string> {
  private readonly tokens = new Map<K, { accessToken: string; refreshAt: number }>();
  private readonly pending = new Map<K, Promise<string>>();

  constructor(
    private readonly issue: (key: K) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: K): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.refreshAt) return cached.accessToken;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const fetching = this.issue(key)
      .then(({ accessToken, expiresInSec }) => {
        this.tokens.set(key, { accessToken, refreshAt: this.now() + expiresInSec * 1000 - REFRESH_MARGIN_MS });
        return accessToken;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, fetching);
    return fetching;
  }

  /** Drops the token WeCom rejected, unless another caller already replaced it. */
  invalidate(key: K, rejected: string): void {
    if (this.tokens.get(key)?.accessToken === rejected) this.tokens.delete(key);
  }
}
