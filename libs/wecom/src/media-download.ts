import { createHash } from 'node:crypto';
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

/** Follows the indexbuf chain to the end and checks the result against the message's md5sum. */
export async function downloadMedia(sdk: Pick<FinanceSdk, 'getMediaData'>, sdkFileId: string, options: MediaDownloadOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const maxChunks = options.maxChunks ?? 4096;
  let indexBuf = '';
  for (let chunk = 0; chunk < maxChunks; chunk++) {
    const media = await sdk.getMediaData(sdkFileId, indexBuf, options.timeoutSec);
    chunks.push(media.data);
    if (media.isFinish) return verified(sdkFileId, Buffer.concat(chunks), options.md5sum);
    if (!media.outIndexBuf || media.outIndexBuf === indexBuf) {
      throw new MediaDownloadError(sdkFileId, `chunk ${chunk} is not the last but gave no new indexbuf`);
    }
    indexBuf = media.outIndexBuf;
  }
  throw new MediaDownloadError(sdkFileId, `not finished after ${maxChunks} chunks`);
}

function verified(sdkFileId: string, data: Buffer, md5sum: string | undefined): Buffer {
  if (md5sum) {
    const actual = createHash('md5').update(data).digest('hex');
    if (actual !== md5sum.toLowerCase()) throw new MediaDownloadError(sdkFileId, `md5 ${actual} does not match the message's md5sum ${md5sum}`);
  }
  return data;
}
