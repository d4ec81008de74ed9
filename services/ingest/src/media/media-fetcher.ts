import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { captureProblemV1, chatMediaStoredV1, type ChatMediaStored, type ChatMessage, type ChatMessageArchived, type MediaRef } from '@chatvault/contracts';
import type { MessageBus } from '@chatvault/bus';
import type { ObjectStore } from '@chatvault/object-store';
import { counter, groupBy, type Logger } from '@chatvault/platform';
import { mediaFileKey, type ArchiveStore, type MessageMediaRecord } from '@chatvault/store';
import { downloadMediaToFile, FinanceSdkError, type FinanceSdk } from '@chatvault/wecom';
import { SNIFF_BYTES, sniffContentType } from './content-type';

const fetched = counter('chatvault_media_files_total', 'Media files of archived messages by outcome', ['outcome']);

export type MediaSource = Pick<FinanceSdk, 'getMediaData'>;

/** Where a corp's media can be downloaded; undefined for a corp with no archive SDK (HTTP batch ingest). */
export interface MediaSources {
  sourceFor(corpId: string): MediaSource | undefined;
}

export interface MediaFetcherOptions {
  /** Download attempts per file before it is given up as failed. */
  attempts: number;
  /** Delay before the second attempt; doubled before each further one. */
  retryDelayMs: number;
  /** Where downloads are written before they are stored; on the data disk, as recordings can be gigabytes. */
  downloadDir: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Downloads each media file of an archived message through the corp's archive SDK, checks its
 * md5sum, stores it by content address and records where it is. A file already stored is not
 * downloaded again; a file that cannot be had is recorded with the reason and announced as a
 * capture problem, and the message's other files still go ahead.
 */
export class MediaFetcher {
  constructor(
    private readonly sources: MediaSources,
    private readonly store: ArchiveStore,
    private readonly objects: ObjectStore,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly options: MediaFetcherOptions,
  ) {}

  /**
   * A batch of messages takes one read of what is recorded of their files and one write for those
   * without a source (all files of messages that came through the HTTP endpoint), where reading and
   * saving each file on its own took three round trips a file.
   */
  async fetchAll(events: readonly ChatMessageArchived[]): Promise<void> {
    const files = distinctFiles(events);
    if (files.length === 0) return;
    const recorded = await this.recorded(files);
    const noSource: MessageMediaRecord[] = [];
    for (const file of files) {
      const known = recorded.get(mediaFileKey(file.message.corpId, file.message.msgid, file.index));
      // Announced again on redelivery: the crash may have come between saving and publishing.
      if (known?.state === 'stored') {
        await this.announce(file.message, known);
        continue;
      }
      const source = this.sources.sourceFor(file.message.corpId);
      if (source) await this.fetch(file, source);
      else noSource.push(this.outcome(file, { state: 'no-source', error: 'no archive SDK is configured for this corp: media of HTTP-ingested messages cannot be fetched' }));
    }
    if (noSource.length === 0) return;
    fetched.inc({ outcome: 'no_source' }, noSource.length);
    await this.store.media.save(noSource);
  }

  /** What is recorded of these files, by mediaFileKey: one read per corp. */
  private async recorded(files: readonly MediaFile[]): Promise<Map<string, MessageMediaRecord>> {
    const recorded = new Map<string, MessageMediaRecord>();
    for (const [corpId, msgids] of groupBy(files, ({ message }) => message.corpId, ({ message }) => message.msgid)) {
      for (const media of await this.store.media.list(corpId, msgids)) recorded.set(mediaFileKey(media.corpId, media.msgid, media.index), media);
    }
    return recorded;
  }

  private async fetch(file: MediaFile, source: MediaSource): Promise<void> {
    await mkdir(this.options.downloadDir, { recursive: true });
    const download = join(this.options.downloadDir, randomUUID());
    try {
      await this.storeDownloaded(file, source, download);
    } finally {
      await rm(download, { force: true });
    }
  }

  private async storeDownloaded(file: MediaFile, source: MediaSource, download: string): Promise<void> {
    const { message, index, ref } = file;
    try {
      await this.download(source, ref, download);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      fetched.inc({ outcome: 'failed' });
      await this.store.media.save([this.outcome(file, { state: 'failed', error: reason })]);
      await this.bus.publish(captureProblemV1, [
        {
          eventId: `media-failed:${message.corpId}:${message.msgid}:${index}`,
          occurredAt: new Date(this.options.now()).toISOString(),
          schemaVersion: 1,
          corpId: message.corpId,
          kind: 'media-failed',
          detail: `media #${index} (${message.msgtype}) of message ${message.msgid}: ${reason}`,
          msgid: message.msgid,
          count: 1,
          ...(message.seq === undefined ? {} : { seqFrom: message.seq, seqTo: message.seq }),
        },
      ]);
      return;
    }
    const put = await this.objects.putFile(download);
    fetched.inc({ outcome: put.created ? 'stored' : 'deduplicated' });
    const contentType = sniffContentType(await headOf(download));
    const [saved] = await this.store.media.save([this.outcome(file, { state: 'stored', sha256: put.sha256, size: put.size, contentType })]);
    await this.announce(message, saved!);
  }

  /** Transient SDK failures and corrupt transfers (md5 mismatch) are retried with backoff; a permanent SDK error is not. */
  private async download(source: MediaSource, ref: MediaRef, path: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await downloadMediaToFile(source, ref.sdkfileid, path, { md5sum: ref.md5sum });
        return;
      } catch (error) {
        const permanent = error instanceof FinanceSdkError && !error.transient;
        if (permanent || attempt >= this.options.attempts) throw error;
        this.logger.warn({ sdkfileid: ref.sdkfileid, attempt, err: error }, 'media download failed, retrying');
        await this.options.sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  private outcome({ message, index, ref }: MediaFile, outcome: Pick<MessageMediaRecord, 'state'> & Partial<MessageMediaRecord>): MessageMediaRecord {
    return {
      corpId: message.corpId,
      msgid: message.msgid,
      index,
      sdkfileid: ref.sdkfileid,
      sha256: null,
      size: null,
      md5: ref.md5sum,
      contentType: null,
      error: null,
      updatedAt: this.options.now(),
      ...outcome,
    };
  }

  private async announce(message: ChatMessage, media: MessageMediaRecord): Promise<void> {
    const event: ChatMediaStored = {
      eventId: `media-stored:${media.corpId}:${media.msgid}:${media.index}`,
      occurredAt: new Date(this.options.now()).toISOString(),
      schemaVersion: 1,
      corpId: media.corpId,
      msgid: media.msgid,
      conversationId: message.conversationId,
      index: media.index,
      sha256: media.sha256!,
      contentType: media.contentType ?? 'application/octet-stream',
      size: media.size ?? 0,
    };
    await this.bus.publish(chatMediaStoredV1, [event]);
  }
}

/** One media file of an archived message: its position in `media[]` and what the message says of it. */
interface MediaFile {
  readonly message: ChatMessage;
  readonly index: number;
  readonly ref: MediaRef;
}

/** Each file once, however often its message came in the batch (an announcement redelivered). */
function distinctFiles(events: readonly ChatMessageArchived[]): MediaFile[] {
  const files = new Map<string, MediaFile>();
  for (const { message } of events) {
    for (const [index, ref] of message.media.entries()) files.set(mediaFileKey(message.corpId, message.msgid, index), { message, index, ref });
  }
  return [...files.values()];
}

/** Enough of the file's start for every signature `sniffContentType` knows. */
async function headOf(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(SNIFF_BYTES), position: 0 });
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
