import type { Readable } from 'node:stream';

/** What the store knows about one object. */
export interface StoredObject {
  /** SHA-256 of the bytes, lowercase hex: the object's address. */
  sha256: string;
  size: number;
}

export interface PutResult extends StoredObject {
  /** False when identical bytes were already stored: nothing was written. */
  created: boolean;
}

/**
 * Immutable bytes by content address (SHA-256): identical bytes are stored once, whoever puts
 * them, so a file forwarded a thousand times costs one copy.
 */
export interface ObjectStore {
  put(bytes: Buffer): Promise<PutResult>;
  /** Stores a file's bytes without holding them in memory; the file itself is left for the caller. */
  putFile(path: string): Promise<PutResult>;
  /** Null when nothing is stored at the address. */
  get(sha256: string): Promise<Buffer | null>;
  /** The bytes as a stream, for objects too big to hold; null when nothing is stored at the address. */
  open(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<StoredObject | null>;
  close(): Promise<void>;
}

export const OBJECT_STORE = Symbol('ObjectStore');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Addresses come from URLs and events: refuse anything that could escape the store's key space. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 address (64 lowercase hex digits): ${JSON.stringify(sha256.slice(0, 80))}`);
}
