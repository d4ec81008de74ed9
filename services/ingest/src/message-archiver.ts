import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1, wecomMessageReceivedV1, type WecomMessageReceived } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, businessDayOf, type ArchiveStore } from '@chatvault/store';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { counter } from '@chatvault/platform';
import { toArchivedRecord, toMessageDocument } from './chat-message-normaliser';

const archived = counter('chatvault_ingest_archived_total', 'Messages archived for the first time', ['source']);
const unknownTypes = counter('chatvault_ingest_unknown_msgtype_total', 'Records of a msgtype ChatVault does not know, archived raw', ['msgtype']);
const duplicates = counter('chatvault_ingest_duplicates_total', 'Messages received again after they were archived', ['source']);

/**
 * Archives each received record once, indexes it and announces it. A redelivered record is
 * indexed and announced again (both idempotent downstream) so a crash between the steps loses
 * nothing; only the archive insert decides what counts as new.
 */
@Injectable()
export class MessageArchiver implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(wecomMessageReceivedV1, { group: 'ingest' }, ({ value }) => this.archive(value));
  }

  async archive(event: WecomMessageReceived): Promise<void> {
    const now = Date.now();
    const record = toArchivedRecord(event, now);
    const inserted = await this.store.messages.insertNew([record]);
    const { message } = record;
    const isNew = inserted.has(message.msgid);
    (isNew ? archived : duplicates).inc({ source: event.source });
    if (!isNew) await this.store.capture.addDuplicates(message.corpId, businessDayOf(now), event.source, 1);
    if (isNew && !message.knownType) unknownTypes.inc({ msgtype: message.msgtype });
    // The recall shares the original's conversation and partition, so the original is archived by now.
    if (message.recalledMsgid) await this.store.messages.markRecalled(message.corpId, message.recalledMsgid, message.msgid);
    const indexed = await this.search.indexMessages([toMessageDocument(message)]);
    if (indexed.failed.length > 0) {
      throw new Error(`indexing ${message.msgid} failed: ${indexed.failed[0]!.error}`);
    }
    await this.bus.publish(chatMessageArchivedV1, [
      {
        eventId: `archived:${message.corpId}:${message.msgid}`,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        message,
        record: event.message,
        contentHash: record.contentHash,
      },
    ]);
  }
}

