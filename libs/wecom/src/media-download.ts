import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FinanceSdk } from './finance-sdk';

export class MediaDownloadError extends Error {
  constructor(
    readonly sdkFileId: string,
    message: string,
  ) {
    super(`media ${sdkFileId}: ${message}`);
    this.name = 'MediaDownloadError';
  }
}

export interface MediaDownloadOptions {
  /** The message's md5sum; WeCom sometimes leaves it empty, then nothing is checked. */
  md5sum?: string;
  timeoutSec?: number;
  /** Bounds the loop if an SDK never reports is_finish (2 GB at 512 KB per chunk by default). */
  maxChunks?: number;
}

type MediaSdk = Pick<FinanceSdk, 'getMediaData'>;

/** Follows the indexbuf chain to the end and checks the result against the message's md5sum. */
export async function downloadMedia(sdk: MediaSdk, sdkFileId: string, options: MediaDownloadOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const md5 = createHash('md5');
  for await (const chunk of mediaChunks(sdk, sdkFileId, options)) {
    chunks.push(chunk);
    md5.update(chunk);
  }
  verify(sdkFileId, md5.digest('hex'), options.md5sum);
  return Buffer.concat(chunks);
}

/**
 * Like `downloadMedia`, but writes each chunk to `path` as it arrives, so a meeting recording of a
 * gigabyte never sits in memory. The file is left for the caller, also when the md5 check fails.
 */
export async function downloadMediaToFile(sdk: MediaSdk, sdkFileId: string, path: string, options: MediaDownloadOptions = {}): Promise<{ size: number }> {
  const md5 = createHash('md5');
  let size = 0;
  const file = await open(path, 'w');
  try {
    for await (const chunk of mediaChunks(sdk, sdkFileId, options)) {
      await file.write(chunk);
      md5.update(chunk);
      size += chunk.length;
    }
  } finally {
    await file.close();
  }
  verify(sdkFileId, md5.digest('hex'), options.md5sum);
  return { size };
}

async function* mediaChunks(sdk: MediaSdk, sdkFileId: string, options: MediaDownloadOptions): AsyncGenerator<Buffer> {
  const maxChunks = options.maxChunks ?? 4096;
  let indexBuf = '';
  for (let chunk = 0; chunk < maxChunks; chunk++) {
    const media = await sdk.getMediaData(sdkFileId, indexBuf, options.timeoutSec);
    yield media.data;
    if (media.isFinish) return;
    if (!media.outIndexBuf || media.outIndexBuf === indexBuf) {
      throw new MediaDownloadError(sdkFileId, `chunk ${chunk} is not the last but gave no new indexbuf`);
    }
    indexBuf = media.outIndexBuf;
  }
  throw new MediaDownloadError(sdkFileId, `not finished after ${maxChunks} chunks`);
}

function verify(sdkFileId: string, actual: string, md5sum: string | undefined): void {
  if (md5sum && actual !== md5sum.toLowerCase()) throw new MediaDownloadError(sdkFileId, `md5 ${actual} does not match the message's md5sum ${md5sum}`);
}
