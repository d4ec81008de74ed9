import type { KeyObject } from 'node:crypto';
import { decryptRandomKey, parsePrivateKey } from './archive-random-key';
import { FinanceSdkError, type ChatMessageDecrypter, type EncryptedChatRecord } from './finance-sdk';

export type ArchiveDecryptErrorCode =
  /** No private key for the record's publickey_ver: load it and retry. */
  | 'missing_key_version'
  /** The configured key for that version is not a usable RSA private key. */
  | 'invalid_private_key'
  /** RSA decryption of encrypt_random_key failed: a wrong key filed under this version, or corrupt data. */
  | 'random_key_undecryptable'
  /** DecryptData failed; `retryable` says whether trying again later can help. */
  | 'message_undecryptable';

/** Why one record could not be decrypted. The puller keeps the envelope and retries later; it never skips. */
export class ArchiveDecryptError extends Error {
  constructor(
    readonly code: ArchiveDecryptErrorCode,
    readonly record: Pick<EncryptedChatRecord, 'seq' | 'msgid' | 'publickey_ver'>,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`seq ${record.seq} (msgid ${record.msgid}, key version ${record.publickey_ver}): ${message}`, options);
    this.name = 'ArchiveDecryptError';
  }
}

/**
 * Decrypts archive records with a ring of private keys, one per public-key version: WeCom encrypts
 * each record with the public key current when it was sent, and old records outlive key rotations.
 */
export class ArchiveDecryptor {
  private readonly parsed = new Map<number, KeyObject>();

  constructor(
    private readonly keyRing: ReadonlyMap<number, string>,
    private readonly decrypter: ChatMessageDecrypter,
  ) {}

  /** The plaintext message JSON of one record. */
  async decrypt(record: EncryptedChatRecord): Promise<string> {
    const key = this.keyFor(record);
    let randomKey: string;
    try {
      randomKey = decryptRandomKey(key, record.encrypt_random_key);
    } catch (error) {
      throw new ArchiveDecryptError('random_key_undecryptable', record, (error as Error).message, false, { cause: error });
    }
    try {
      return await this.decrypter.decryptData(randomKey, record.encrypt_chat_msg);
    } catch (error) {
      const retryable = error instanceof FinanceSdkError && error.transient;
      throw new ArchiveDecryptError('message_undecryptable', record, (error as Error).message, retryable, { cause: error });
    }
  }

  private keyFor(record: EncryptedChatRecord): KeyObject {
    const cached = this.parsed.get(record.publickey_ver);
    if (cached) return cached;
    const pem = this.keyRing.get(record.publickey_ver);
    if (pem === undefined) {
      const known = [...this.keyRing.keys()].sort((a, b) => a - b).join(', ') || 'none';
      throw new ArchiveDecryptError('missing_key_version', record, `no private key for this version (loaded versions: ${known})`, true);
    }
    try {
      const key = parsePrivateKey(pem);
      this.parsed.set(record.publickey_ver, key);
      return key;
    } catch (error) {
      throw new ArchiveDecryptError('invalid_private_key', record, `the configured private key cannot be used: ${(error as Error).message}`, false, { cause: error });
    }
  }
}
