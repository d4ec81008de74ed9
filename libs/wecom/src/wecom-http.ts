import { counter, histogram } from '@chatvault/platform';
import { AccessTokenCache } from './access-token-cache';
import { RETRYABLE_ERRCODES, TOKEN_ERRCODES, WecomApiError, WecomTransportError } from './wecom-api-error';

/** Which secret a call needs: WeCom issues one per application, and each sees only its own APIs. */
export type WecomApp = 'contact' | 'customer' | 'archive' | 'appMessage';

export interface WecomHttpOptions {
  corpId: string;
  secrets: Partial<Record<WecomApp, string>>;
  baseUrl?: string;
  /** Attempts for rate-limited or busy answers (45009, 45011, 45033, -1), first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WecomCall {
  /** The API path after /cgi-bin/, e.g. `externalcontact/transfer_customer`. */
  api: string;
  method: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export const DEFAULT_WECOM_BASE_URL = 'https://qyapi.weixin.qq.com';

const calls = counter('chatvault_wecom_api_calls_total', 'WeCom HTTP API calls by API and outcome', ['api', 'outcome']);
const latency = histogram('chatvault_wecom_api_duration_seconds', 'WeCom HTTP API latency', ['api']);

/**
 * Sends WeCom API calls: access tokens per application, one refresh when WeCom rejects a token,
 * backoff on rate limits. URLs carry secrets and tokens, so no URL is ever put in an error.
 */
export class WecomHttp {
  readonly baseUrl: string;
  private readonly tokens: AccessTokenCache<WecomApp>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: WecomHttpOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_WECOM_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = new AccessTokenCache((app) => this.issueToken(app), options.now);
  }

  /** A call authenticated with the application's access token. */
  async call<T>(app: WecomApp, call: WecomCall): Promise<T> {
    let token = await this.tokens.get(app);
    let refreshed = false;
    for (;;) {
      try {
        return await this.withBackoff<T>(call, { ...call.query, access_token: token });
      } catch (error) {
        if (refreshed || !(error instanceof WecomApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
        this.tokens.invalidate(app, token);
        token = await this.tokens.get(app);
        refreshed = true;
      }
    }
  }

  /** A call that carries its own credential (group-robot webhooks carry a key). */
  callWithoutToken<T>(call: WecomCall): Promise<T> {
    return this.withBackoff<T>(call, call.query ?? {});
  }

  private async issueToken(app: WecomApp): Promise<{ accessToken: string; expiresInSec: number }> {
    const secret = this.options.secrets[app];
    if (!secret) throw new WecomTransportError('gettoken', `no secret is configured for the '${app}' application`);
    const answer = await this.withBackoff<{ access_token: string; expires_in: number }>(
      { api: 'gettoken', method: 'GET' },
      { corpid: this.options.corpId, corpsecret: secret },
    );
    return { accessToken: answer.access_token, expiresInSec: answer.expires_in };
  }

  private async withBackoff<T>(call: WecomCall, query: Record<string, string | number | undefined>): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(call, query);
      } catch (error) {
        const retryable =
          (error instanceof WecomApiError && RETRYABLE_ERRCODES.has(error.errcode)) ||
          // A POST that never got an answer may have been applied: only reads are repeated.
          (error instanceof WecomTransportError && call.method === 'GET');
        if (!retryable || attempt >= maxAttempts) throw error;
        await this.sleep(this.delay(attempt));
      }
    }
  }

  private delay(attempt: number): number {
    const base = this.options.baseDelayMs ?? 500;
    const capped = Math.min(this.options.maxDelayMs ?? 8000, base * 2 ** (attempt - 1));
    // Jitter spreads replicas that were throttled together.
    return capped / 2 + Math.random() * (capped / 2);
  }

  private async send<T>(call: WecomCall, query: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(`${this.baseUrl}/cgi-bin/${call.api}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    const stopTimer = latency.startTimer({ api: call.api });
    let answer: any;
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: call.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
      if (!response.ok) throw new WecomTransportError(call.api, `HTTP ${response.status}`);
      answer = await response.json();
    } catch (error) {
      calls.inc({ api: call.api, outcome: 'transport_error' });
      if (error instanceof WecomTransportError) throw error;
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new WecomTransportError(call.api, `request failed: ${cause}`, { cause: error });
    } finally {
      stopTimer();
    }
    if (typeof answer !== 'object' || answer === null) throw new WecomTransportError(call.api, 'answer is not a JSON object');
    const errcode = Number(answer.errcode ?? 0);
    calls.inc({ api: call.api, outcome: errcode === 0 ? 'ok' : String(errcode) });
    if (errcode !== 0) throw new WecomApiError(call.api, errcode, String(answer.errmsg ?? ''));
    return answer as T;
  }
}
