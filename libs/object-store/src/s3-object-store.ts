import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { objectKey, sha256Of, sha256OfFile } from './content-address';
import { assertSha256, type ObjectStore, type PutResult, type StoredObject } from './object-store';

export interface S3Location {
  bucket: string;
  /** Prepended to every key, e.g. `chatvault/`; empty for the bucket's root. */
  prefix: string;
  region: string;
  /** For S3-compatible services (MinIO, OSS, COS, …): addressed path-style. Unset means AWS. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Objects in an S3-compatible bucket; the address is the key, so a second put of the same bytes only asks HEAD. */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    this.client = new S3Client({
      region: location.region,
      // S3-compatible services (s3rver, older MinIO, OSS, COS) store the SDK's default aws-chunked
      // checksum framing of a streamed body as if it were the object: checksum only when required.
      ...(location.endpoint
        ? { endpoint: location.endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const }
        : {}),
      ...(location.accessKeyId && location.secretAccessKey
        ? { credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey } }
        : {}),
    });
  }

  put(bytes: Buffer): Promise<PutResult> {
    return this.store(sha256Of(bytes), bytes.length, () => bytes);
  }

  async putFile(path: string): Promise<PutResult> {
    const { sha256, size } = await sha256OfFile(path);
    return this.store(sha256, size, () => createReadStream(path));
  }

  async get(sha256: string): Promise<Buffer | null> {
    const body = await this.body(sha256);
    return body ? Buffer.from(await body.transformToByteArray()) : null;
  }

  async open(sha256: string): Promise<Readable | null> {
    const body = await this.body(sha256);
    return body ? Readable.from(body.transformToWebStream() as AsyncIterable<Uint8Array>) : null;
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async stat(sha256: string): Promise<StoredObject | null> {
    assertSha256(sha256);
    const head = await this.send('HEAD', sha256, () => this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256) })));
    return head ? { sha256, size: head.ContentLength ?? 0 } : null;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async store(sha256: string, size: number, body: () => Buffer | Readable): Promise<PutResult> {
    if (await this.stat(sha256)) return { sha256, size, created: false };
    await this.send('PUT', sha256, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256), Body: body(), ContentLength: size })),
    );
    return { sha256, size, created: true };
  }

  private async body(sha256: string) {
    assertSha256(sha256);
    const object = await this.send('GET', sha256, () => this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(sha256) })));
    return object?.Body ?? null;
  }

  private keyOf(sha256: string): string {
    return `${this.location.prefix}${objectKey(sha256)}`;
  }

  /**
   * Null for a missing object (HEAD answers a bare 404, GET says NoSuchKey); any other failure, a
   * missing bucket included, names the bucket and the operation, never the credentials.
   */
  private async send<T>(operation: string, sha256: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || (operation === 'HEAD' && error.name === 'NotFound'))) return null;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`object store s3://${this.location.bucket}/${this.location.prefix}: ${operation} ${sha256} failed: ${reason}`);
    }
  }
}
