import { join } from 'node:path';
import type { Config, Logger } from '@chatvault/platform';
import { FsObjectStore } from './fs-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore, type S3Location } from './s3-object-store';

/** An S3-compatible bucket when OBJECT_STORE_URL is `s3://bucket/prefix`; otherwise files under DATA_DIR/objects. */
export function createObjectStore(config: Config, logger: Logger): ObjectStore {
  if (config.OBJECT_STORE_URL) {
    const location = s3LocationOf(config);
    logger.child({ component: 'object-store' }).info({ bucket: location.bucket, prefix: location.prefix, endpoint: location.endpoint }, 'storing media in S3');
    return new S3ObjectStore(location);
  }
  return new FsObjectStore(join(config.DATA_DIR, 'objects'));
}

export function s3LocationOf(config: Config): S3Location {
  const raw = config.OBJECT_STORE_URL ?? '';
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(raw);
  if (!match) throw new Error('OBJECT_STORE_URL must look like s3://bucket or s3://bucket/prefix');
  const path = match[2] ?? '';
  return {
    bucket: match[1]!,
    prefix: path === '' || path.endsWith('/') ? path : `${path}/`,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
  };
}
