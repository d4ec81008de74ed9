import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { archiveNotifyV1, relationshipChangedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CACHE, type Cache } from '@chatvault/cache';
import { CONFIG, DomainError, LOGGER, counter, type Config, type Logger } from '@chatvault/platform';
import { CallbackCryptoError, CallbackEventParseError, WecomCallbackCrypto, parseCallbackEvent } from '@chatvault/wecom';
import { describeZodIssues } from '../http/zod-issues';
import { loadCallbackCorps } from './callback-corps-file';
import { mapCallbackEvent } from './callback-event-mapper';

/** WeCom waits 5 s for "success" and then sends the same callback again. */
export const CALLBACK_ACK = 'success';

/** How far a callback's timestamp may be from our clock; a seen callback is remembered twice as long. */
const REPLAY_WINDOW_SEC = 300;

const rejected = counter('chatvault_wecom_callback_rejected_total', 'WeCom callbacks refused or not republished, by reason', ['reason']);
const handled = counter('chatvault_wecom_callback_events_total', 'Authenticated WeCom callbacks, by event and outcome', ['event', 'outcome']);

const callbackQuery = z.object({
  msg_signature: z.string({ error: 'msg_signature is required' }).min(1, 'msg_signature is required'),
  timestamp: z.string({ error: 'timestamp is required' }).min(1, 'timestamp is required'),
  nonce: z.string({ error: 'nonce is required' }).min(1, 'nonce is required'),
});
const verificationQuery = callbackQuery.extend({ echostr: z.string({ error: 'echostr is required' }).min(1, 'echostr is required') });

/**
 * WeCom's callback endpoint: authenticated by each corp's callback Token (msg_signature) and
 * EncodingAESKey, not by an API key. Before answering it only authenticates, decrypts and publishes:
 * anything slow (directory refresh, archive pull) happens in the services reading the topics.
 */
@Injectable()
export class WecomCallbackReceiver {
  private readonly corps: Map<string, WecomCallbackCrypto>;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const file = config.WECOM_CALLBACK_CORPS_FILE;
    const corps = file ? loadCallbackCorps(file) : [];
    this.corps = new Map(
      corps.map((c) => [c.corpId, new WecomCallbackCrypto({ token: c.token, encodingAesKey: c.encodingAesKey, receiverId: c.corpId, replayWindowSec: REPLAY_WINDOW_SEC })]),
    );
  }

  /** The URL check WeCom makes when an admin saves the callback URL: the answer is the decrypted echostr. */
  verifyUrl(corpId: string, rawQuery: unknown): string {
    const crypto = this.cryptoOf(corpId);
    const query = parseQuery(verificationQuery, rawQuery);
    return refuseOnCryptoError(() => crypto.verifyUrl(query));
  }

  async receive(corpId: string, rawQuery: unknown, body: unknown): Promise<string> {
    const crypto = this.cryptoOf(corpId);
    const query = parseQuery(callbackQuery, rawQuery);
    if (typeof body !== 'string') reject('bad_payload', 'invalid_request', 'the body must be the XML WeCom sends, with Content-Type text/xml');
    const message = await refuseOnCryptoError(() => crypto.decryptCallback(body, query));
    const event = parseOrReject(message);
    const outcome = mapCallbackEvent(corpId, event);
    if (outcome.kind === 'ignored') {
      // Answered all the same, or WeCom would resend it for nothing; only the reason is logged, the text may hold personal data.
      handled.inc({ event: event.type === 'unknown' ? event.event || 'none' : event.type, outcome: 'ignored' });
      this.logger.warn({ corpId, reason: outcome.reason }, 'WeCom callback not handled');
      return CALLBACK_ACK;
    }

    // Marked only after authentication, so forged requests cannot fill the cache with nonces.
    const seenKey = `wecom:callback:seen:${corpId}:${query.msg_signature}:${query.timestamp}:${query.nonce}`;
    if (!(await this.cache.setIfAbsent(seenKey, '1', REPLAY_WINDOW_SEC * 2 * 1000))) {
      rejected.inc({ reason: 'replayed' });
      return CALLBACK_ACK;
    }
    const eventId = `wecom-callback:${corpId}:${createHash('sha256').update(message).digest('hex').slice(0, 32)}`;
    const occurredAt = new Date().toISOString();
    try {
      if (outcome.kind === 'archive-notify') {
        await this.bus.publish(archiveNotifyV1, [{ eventId, occurredAt, schemaVersion: 1, corpId, receivedAt: Date.now() }]);
      } else {
        await this.bus.publish(relationshipChangedV1, [{ eventId, occurredAt, schemaVersion: 1, change: outcome.change }]);
      }
    } catch (error) {
      // Not taken: forget it so WeCom's retry of this very request is not mistaken for a replay.
      await this.cache.delete(seenKey);
      throw new DomainError('unavailable', `could not queue the callback, WeCom will retry it: ${(error as Error).message}`);
    }
    handled.inc({ event: event.type, outcome: 'published' });
    return CALLBACK_ACK;
  }

  private cryptoOf(corpId: string): WecomCallbackCrypto {
    const crypto = this.corps.get(corpId);
    if (!crypto) reject('unknown_corp', 'not_found', `corp ${corpId} has no callback configuration (WECOM_CALLBACK_CORPS_FILE)`);
    return crypto;
  }
}

function reject(reason: string, code: 'invalid_request' | 'unauthenticated' | 'not_found', message: string): never {
  rejected.inc({ reason });
  throw new DomainError(code, message, { reason });
}

function parseQuery<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) reject('bad_query', 'invalid_request', describeZodIssues(parsed.error.issues));
  return parsed.data;
}

/** A forged or mis-keyed request is 401; anything else the crypto refuses is a bad request. */
function refuseOnCryptoError<T>(open: () => T): T {
  const fail = (error: unknown): never => {
    if (!(error instanceof CallbackCryptoError)) throw error;
    reject(error.code, error.code === 'bad_signature' ? 'unauthenticated' : 'invalid_request', error.message);
  };
  try {
    const result = open();
    return result instanceof Promise ? (result.catch(fail) as T) : result;
  } catch (error) {
    return fail(error);
  }
}

function parseOrReject(message: string) {
  try {
    return parseCallbackEvent(message);
  } catch (error) {
    if (error instanceof CallbackEventParseError) reject('malformed_xml', 'invalid_request', error.message);
    throw error;
  }
}
