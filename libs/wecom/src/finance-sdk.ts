/**
 * The chat-archive SDK (会话内容存档, docs 91774) as a port. WeCom ships it only as a native Linux
 * library; the pull, media and decryption semantics below are the header's (WeWorkFinanceSdk_C.h).
 */
export interface FinanceSdk {
  /**
   * Records strictly after `seq` (start at 0 and pass the largest seq seen, never seq + 1),
   * at most `limit` (1..1000) of them.
   */
  getChatData(seq: number, limit: number, timeoutSec?: number): Promise<ChatDataBatch>;
  /** One chunk (≤ 512 KB) of a media file; pass the previous chunk's `outIndexBuf` until `isFinish`. */
  getMediaData(sdkFileId: string, indexBuf: string, timeoutSec?: number): Promise<MediaChunk>;
  /** Plaintext message JSON from the RSA-decrypted random key and `encrypt_chat_msg`. */
  decryptData(randomKey: string, encryptChatMsg: string): Promise<string>;
  close(): Promise<void>;
}

/** One archived message as GetChatData returns it, still encrypted. */
export interface EncryptedChatRecord {
  seq: number;
  msgid: string;
  publickey_ver: number;
  encrypt_random_key: string;
  encrypt_chat_msg: string;
}

export interface ChatDataBatch {
  chatdata: EncryptedChatRecord[];
}

export interface MediaChunk {
  outIndexBuf: string;
  isFinish: boolean;
  data: Buffer;
}

/** The part of the SDK an archive decryptor needs; the pure-TS `decryptChatMessage` also provides it. */
export type ChatMessageDecrypter = Pick<FinanceSdk, 'decryptData'>;

export const MAX_CHAT_DATA_LIMIT = 1000;
export const MAX_MEDIA_CHUNK_BYTES = 512 * 1024;

/** Return codes listed in WeWorkFinanceSdk_C.h. */
export const FINANCE_SDK_ERRORS: Readonly<Record<number, string>> = {
  10000: 'invalid request parameters',
  10001: 'network error',
  10002: 'failed to parse data',
  10003: 'system failure',
  10004: 'encryption failed because of a wrong key',
  10005: 'invalid fileid',
  10006: 'decryption failed',
  10007: 'no private key for the message encryption version: upload the key pair again',
  10008: 'failed to parse encrypt_key',
  10009: 'IP address not allowed',
  10010: 'data expired',
  10011: 'certificate error',
};

/** Network, parse and system failures pass on their own; WeCom's guidance is to retry them. */
const TRANSIENT_CODES = new Set([10001, 10002, 10003]);

export class FinanceSdkError extends Error {
  readonly transient: boolean;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'FinanceSdkError';
    this.transient = TRANSIENT_CODES.has(code);
  }

  static fromCode(code: number, operation: string, detail = ''): FinanceSdkError {
    const meaning = FINANCE_SDK_ERRORS[code] ?? 'unknown error';
    return new FinanceSdkError(code, `${operation} failed with ${code} (${meaning})${detail ? `: ${detail}` : ''}`);
  }
}
