import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { CallbackCipher } from './callback-cipher';
import { CallbackCryptoError } from './callback-crypto-error';
import { callbackSignature, signatureMatches } from './callback-signature';

/** The query string WeCom adds to every callback request. */
export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

/** The GET WeCom sends when an admin saves the callback URL. */
export interface UrlVerificationQuery extends CallbackQuery {
  echostr: string;
}

/**
 * Remembers which (timestamp, nonce) pairs were accepted. A `Cache` from `@chatvault/cache`
 * satisfies it as is, so a replay is refused across every replica.
 */
export interface CallbackReplayGuard {
  /** True when this call stored the key, false when it was already there. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
}

export interface CallbackCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** The corp id: WeCom appends it to every plaintext, and a mismatch means the message is not for us. */
  receiverId: string;
  /** How far a callback's timestamp may be from our clock. */
  replayWindowSec?: number;
  replayGuard?: CallbackReplayGuard;
  now?: () => number;
}

export interface EncryptedCallback {
  encrypt: string;
  query: CallbackQuery;
  /** The POST body WeCom would send for this message. */
  body: string;
}

const DEFAULT_REPLAY_WINDOW_SEC = 300;
const xml = new XMLParser({ parseTagValue: false, processEntities: false });

/** WeCom's callback signature and encryption scheme (developer docs 90968), for one callback configuration. */
export class WecomCallbackCrypto {
  private readonly cipher: CallbackCipher;
  private readonly windowSec: number;
  private readonly now: () => number;

  constructor(private readonly options: CallbackCryptoOptions) {
    if (!options.token) throw new CallbackCryptoError('bad_config', 'callback token is empty');
    if (!options.receiverId) throw new CallbackCryptoError('bad_config', 'receiver id (corp id) is empty');
    this.cipher = new CallbackCipher(options.encodingAesKey);
    this.windowSec = options.replayWindowSec ?? DEFAULT_REPLAY_WINDOW_SEC;
    this.now = options.now ?? Date.now;
  }

  /** Answers the URL check: the decrypted echostr is the whole response body. */
  verifyUrl(query: UrlVerificationQuery): string {
    this.checkSignature(query, query.echostr);
    this.checkTimestamp(query.timestamp);
    return this.open(query.echostr);
  }

  /**
   * Authenticates and decrypts one callback POST, returning the inner XML message. A `replayed` error
   * means this exact request was accepted before: answer `success` without handling it again.
   */
  async decryptCallback(body: string, query: CallbackQuery): Promise<string> {
    const encrypted = encryptedField(body);
    this.checkSignature(query, encrypted);
    this.checkTimestamp(query.timestamp);
    const message = this.open(encrypted);
    // Marked only after authentication, so forged requests cannot fill the guard with nonces.
    if (this.options.replayGuard) {
      const key = `wecom:callback:${this.options.receiverId}:${query.timestamp}:${query.nonce}`;
      const first = await this.options.replayGuard.setIfAbsent(key, '1', this.windowSec * 2 * 1000);
      if (!first) throw new CallbackCryptoError('replayed', `callback with timestamp ${query.timestamp} and nonce ${query.nonce} was already accepted`);
    }
    return message;
  }

  /** Encrypts and signs a message the way WeCom does; used by fakes and tests to play WeCom's part. */
  encrypt(message: string, params: { timestamp?: string; nonce?: string; random?: Buffer } = {}): EncryptedCallback {
    const timestamp = params.timestamp ?? String(Math.floor(this.now() / 1000));
    const nonce = params.nonce ?? randomBytes(8).readUInt32BE(0).toString();
    const encrypt = this.cipher.encrypt(message, this.options.receiverId, params.random);
    const query = { msg_signature: callbackSignature(this.options.token, timestamp, nonce, encrypt), timestamp, nonce };
    const body = `<xml><ToUserName><![CDATA[${this.options.receiverId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    return { encrypt, query, body };
  }

  private checkSignature(query: CallbackQuery, encrypted: string): void {
    const expected = callbackSignature(this.options.token, query.timestamp ?? '', query.nonce ?? '', encrypted);
    if (!query.msg_signature || !signatureMatches(expected, query.msg_signature)) {
      throw new CallbackCryptoError('bad_signature', 'msg_signature does not match: wrong callback token or a forged request');
    }
  }

  private checkTimestamp(timestamp: string): void {
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(this.now() / 1000 - seconds) > this.windowSec) {
      throw new CallbackCryptoError('stale_timestamp', `callback timestamp ${timestamp} is outside the ${this.windowSec}s window around our clock`);
    }
  }

  private open(encrypted: string): string {
    const { message, receiverId } = this.cipher.decrypt(encrypted);
    if (receiverId !== this.options.receiverId) {
      throw new CallbackCryptoError('bad_corp_id', `callback was encrypted for receiver '${receiverId}', not for corp '${this.options.receiverId}'`);
    }
    return message;
  }
}

function encryptedField(body: string): string {
  let parsed: any;
  try {
    parsed = xml.parse(body);
  } catch (error) {
    throw new CallbackCryptoError('bad_payload', `callback body is not XML: ${(error as Error).message}`);
  }
  const encrypted = parsed?.xml?.Encrypt;
  if (typeof encrypted !== 'string' || encrypted.length === 0) {
    throw new CallbackCryptoError('bad_payload', 'callback body has no <Encrypt> element');
  }
  return encrypted;
}
