import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChatMessageDecryptError,
  decryptChatMessage,
  encryptChatMessage,
  encryptRandomKey,
  FinanceSdkError,
  MAX_CHAT_DATA_LIMIT,
  MAX_MEDIA_CHUNK_BYTES,
  type ChatDataBatch,
  type EncryptedChatRecord,
  type FinanceSdk,
  type MediaChunk,
} from '@chatvault/wecom';

export type FinanceSdkMethod = 'getChatData' | 'getMediaData' | 'decryptData';

export interface FakeFinanceSdkOptions {
  /** Public keys by version, as the enterprise uploaded them to WeCom. */
  publicKeys: ReadonlyMap<number, string>;
  /** The version WeCom encrypts new messages with. */
  currentKeyVersion: number;
  /** Media chunk size; WeCom's is 512 KB, tests use less to get several chunks cheaply. */
  mediaChunkBytes?: number;
}

const RANDOM_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * WeCom's archive SDK in memory: messages are encrypted as WeCom does (a random key per record,
 * RSA-encrypted with the current public key version; the message AES-encrypted with that key), pulls
 * return records strictly after seq, media comes in chunks chained by indexbuf, and chosen calls
 * fail with chosen codes.
 */
export class FakeFinanceSdk implements FinanceSdk {
  readonly calls: Record<FinanceSdkMethod, number> = { getChatData: 0, getMediaData: 0, decryptData: 0 };
  private readonly records: EncryptedChatRecord[] = [];
  private readonly media = new Map<string, Buffer>();
  private readonly failures = new Map<FinanceSdkMethod, Map<number, number>>();
  private keyVersion: number;
  private nextSeq = 1;
  private closed = false;

  constructor(private readonly options: FakeFinanceSdkOptions) {
    this.keyVersion = options.currentKeyVersion;
    this.publicKey(options.currentKeyVersion);
  }

  /** Messages appended from now on use this public-key version, as after a key rotation in the admin console. */
  rotateKey(version: number): void {
    this.publicKey(version);
    this.keyVersion = version;
  }

  /** Archives one message; `seq` may jump ahead but never go back. */
  append(message: object | string, options: { seq?: number } = {}): EncryptedChatRecord {
    const seq = options.seq ?? this.nextSeq;
    if (seq < this.nextSeq) throw new Error(`seq ${seq} would go back: the next free seq is ${this.nextSeq}`);
    this.nextSeq = seq + 1;
    const plaintext = typeof message === 'string' ? message : JSON.stringify(message);
    const randomKey = Array.from({ length: 32 }, () => RANDOM_KEY_ALPHABET[randomInt(RANDOM_KEY_ALPHABET.length)]).join('');
    const msgid = msgidOf(plaintext) ?? `fake-msg-${seq}`;
    const record: EncryptedChatRecord = {
      seq,
      msgid,
      publickey_ver: this.keyVersion,
      encrypt_random_key: encryptRandomKey(this.publicKey(this.keyVersion), randomKey),
      encrypt_chat_msg: encryptChatMessage(randomKey, plaintext),
    };
    this.records.push(record);
    return record;
  }

  /** Stores a media file under its sdkfileid; returns its md5sum as a message would carry it. */
  addMedia(sdkFileId: string, data: Buffer): string {
    this.media.set(sdkFileId, data);
    return createHash('md5').update(data).digest('hex');
  }

  /**
   * Writes the archive where archive-directory-sdk-native.c serves it from (`buildArchiveDirectorySdk`):
   * `directory` is the archive's directory joined with the corp id. The records file is replaced
   * whole, so a ChatVault pulling meanwhile reads the old or the new one, never half of one.
   */
  exportTo(directory: string): void {
    mkdirSync(join(directory, 'media'), { recursive: true });
    for (const [sdkFileId, data] of this.media) writeFileSync(join(directory, 'media', createHash('sha256').update(sdkFileId).digest('hex')), data);
    const records = join(directory, 'chatdata.jsonl');
    // The native library finds each record's seq at the start of its line.
    writeFileSync(`${records}.tmp`, this.records.map(({ seq, ...rest }) => `${JSON.stringify({ seq, ...rest })}\n`).join(''));
    renameSync(`${records}.tmp`, records);
  }

  /** The `callNumber`-th call (1-based, counted per method) fails with `code`. */
  failCall(method: FinanceSdkMethod, callNumber: number, code: number): void {
    const planned = this.failures.get(method) ?? new Map<number, number>();
    planned.set(callNumber, code);
    this.failures.set(method, planned);
  }

  async getChatData(seq: number, limit: number): Promise<ChatDataBatch> {
    this.enter('getChatData');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHAT_DATA_LIMIT) {
      throw FinanceSdkError.fromCode(10000, 'GetChatData', `limit ${limit} is outside 1..${MAX_CHAT_DATA_LIMIT}`);
    }
    return { chatdata: this.records.filter((record) => record.seq > seq).slice(0, limit).map((record) => ({ ...record })) };
  }

  async getMediaData(sdkFileId: string, indexBuf: string): Promise<MediaChunk> {
    this.enter('getMediaData');
    const file = this.media.get(sdkFileId);
    if (!file) throw FinanceSdkError.fromCode(10005, 'GetMediaData', `unknown sdkfileid ${sdkFileId}`);
    const chunk = Math.min(this.options.mediaChunkBytes ?? MAX_MEDIA_CHUNK_BYTES, MAX_MEDIA_CHUNK_BYTES);
    const start = indexBuf === '' ? 0 : rangeStart(indexBuf);
    if (start === null || start >= Math.max(file.length, 1)) throw FinanceSdkError.fromCode(10000, 'GetMediaData', `invalid indexbuf '${indexBuf}'`);
    const end = Math.min(start + chunk, file.length);
    const isFinish = end >= file.length;
    // The real SDK's outindexbuf looks like "Range: bytes=524288-1048575" for the next chunk.
    return { data: Buffer.from(file.subarray(start, end)), isFinish, outIndexBuf: isFinish ? '' : `Range: bytes=${end}-${Math.min(end + chunk, file.length) - 1}` };
  }

  async decryptData(randomKey: string, encryptChatMsg: string): Promise<string> {
    this.enter('decryptData');
    try {
      return decryptChatMessage(randomKey, encryptChatMsg);
    } catch (error) {
      if (error instanceof ChatMessageDecryptError) throw FinanceSdkError.fromCode(10006, 'DecryptData', error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private enter(method: FinanceSdkMethod): void {
    if (this.closed) throw new Error('FakeFinanceSdk was closed');
    this.calls[method] += 1;
    const code = this.failures.get(method)?.get(this.calls[method]);
    if (code !== undefined) throw FinanceSdkError.fromCode(code, method, 'injected by FakeFinanceSdk');
  }

  private publicKey(version: number): string {
    const key = this.options.publicKeys.get(version);
    if (!key) throw new Error(`FakeFinanceSdk has no public key for version ${version}`);
    return key;
  }
}

/** The envelope repeats the message's msgid, as WeCom's does. */
function msgidOf(plaintext: string): string | undefined {
  try {
    const msgid = (JSON.parse(plaintext) as { msgid?: unknown }).msgid;
    return typeof msgid === 'string' ? msgid : undefined;
  } catch {
    return undefined;
  }
}

function rangeStart(indexBuf: string): number | null {
  const match = /^Range:\s*bytes\s*=\s*(\d+)\s*-\s*\d+$/.exec(indexBuf);
  return match ? Number(match[1]) : null;
}
