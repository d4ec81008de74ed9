import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { freePort } from '@chatvault/testing';
import { createObjectStore } from './create-object-store';
import { describeObjectStoreConformance } from './object-store-conformance';
import { S3ObjectStore, type S3Location } from './s3-object-store';

const BUCKET = 'chatvault-media';
const directory = mkdtempSync(join(tmpdir(), 'chatvault-s3rver-'));
let server: S3rver;
let location: S3Location;

beforeAll(async () => {
  const port = await freePort();
  server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
  await server.run();
  location = { bucket: BUCKET, prefix: 'tenant-a/', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

describeObjectStoreConformance('S3ObjectStore on s3rver', async () => new S3ObjectStore(location));

describe('S3ObjectStore', () => {
  it('is chosen by OBJECT_STORE_URL and keeps every key under its prefix', async () => {
    const config = loadConfig({
      OBJECT_STORE_URL: `s3://${BUCKET}/from-config`,
      S3_ENDPOINT: location.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    const store = createObjectStore(config, createLogger('silent'));
    const client = new S3Client({ region: 'us-east-1', endpoint: location.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      expect(store).toBeInstanceOf(S3ObjectStore);
      const { sha256 } = await store.put(Buffer.from('文件内容'));
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'from-config/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([`from-config/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`]);
    } finally {
      client.destroy();
      await store.close();
    }
  });

  it('names the bucket and operation, not the secret, when the bucket does not exist', async () => {
    const store = new S3ObjectStore({ ...location, bucket: 'no-such-bucket', secretAccessKey: 'hunter2-secret' });
    try {
      const error = await store.put(Buffer.from('x')).then(
        () => new Error('stored into a bucket that does not exist'),
        (e: Error) => e,
      );
      expect(error.message).toMatch(/^object store s3:\/\/no-such-bucket\/tenant-a\/: PUT [0-9a-f]{64} failed: NoSuchBucket/);
      await expect(store.get('0'.repeat(64))).rejects.toThrow(/GET 0{64} failed: NoSuchBucket/);
      expect(error.message).not.toContain('hunter2');
    } finally {
      await store.close();
    }
  });
});
