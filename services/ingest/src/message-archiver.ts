import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1, wecomMessageReceivedV1, type ChatMessageArchived, type WecomMessageReceived } from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, businessDayOf, type ArchivedMessageRecord, type ArchiveStore } from '@chatvault/store';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { counter } from '@chatvault/platform';
import { toArchivedRecord, toMessageDocument } from './chat-message-normaliser';

const archived = counter('chatvault_ingest_archived_total', 'Messages archived for the first time', ['source']);
const unknownTypes = counter('chatvault_ingest_unknown_msgtype_total', 'Records of a msgtype ChatVault does not know, archived raw', ['msgtype']);
const duplicates = counter('chatvault_ingest_duplicates_total', 'Messages received again after they were archived', ['source']);

type Received = Pick<Delivery<WecomMessageReceived>, 'value' | 'headers'>;

/**
 * Archives each received record once, announces it and indexes it, a batch at a time: one insert per
 * corp, one publish and one index request for everything waiting on a partition. A redelivered
 * record is announced and indexed again (both idempotent downstream) so a crash between the steps
 * loses nothing; only the archive insert decides what counts as new.
 */
@Injectable()
export class MessageArchiver implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(wecomMessageReceivedV1, { group: 'ingest' }, (deliveries) => this.archive(deliveries));
  }

  async archive(deliveries: readonly Received[]): Promise<void> {
    const now = Date.now();
    const records = deliveries.map(({ value }) => toArchivedRecord(value, now));
    const byCorp = new Map<string, ArchivedMessageRecord[]>();
    for (const record of records) {
      const corpRecords = byCorp.get(record.message.corpId);
      if (corpRecords) corpRecords.push(record);
      else byCorp.set(record.message.corpId, [record]);
    }
    for (const [corpId, corpRecords] of byCorp) await this.insert(corpId, corpRecords, now);
    await this.bus.publish(
      chatMessageArchivedV1,
      deliveries.map(({ value }, i): ChatMessageArchived => ({
        eventId: `archived:${value.corpId}:${value.message.msgid}`,
        occurredAt: new Date(now).toISOString(),
        schemaVersion: 1,
        message: records[i]!.message,
        record: value.message,
        contentHash: records[i]!.contentHash,
      })),
      { causedBy: deliveries },
    );
    // Indexed after the announcement, so classification and alerts never wait for Elasticsearch; a failure
    // here redelivers the batch, which announces it again (downstream is idempotent) and indexes it.
    const indexed = await this.search.indexMessages(records.map((record) => toMessageDocument(record.message)));
    if (indexed.failed.length > 0) {
      throw new Error(`indexing failed for ${indexed.failed.map((f) => `${f.msgid}: ${f.error}`).join('; ')}`);
    }
  }

  private async insert(corpId: string, records: readonly ArchivedMessageRecord[], now: number): Promise<void> {
    const inserted = await this.store.messages.insertNew(records);
    // A msgid twice in one batch is new once at most: the first occurrence is the one inserted.
    const counted = new Set<string>();
    const repeated = new Map<string, number>();
    for (const { message, source } of records) {
      const isNew = inserted.has(message.msgid) && !counted.has(message.msgid);
      counted.add(message.msgid);
      (isNew ? archived : duplicates).inc({ source });
      if (isNew && !message.knownType) unknownTypes.inc({ msgtype: message.msgtype });
      if (!isNew) repeated.set(source, (repeated.get(source) ?? 0) + 1);
    }
    for (const [source, count] of repeated) await this.store.capture.addDuplicates(corpId, businessDayOf(now), source, count);
    // A recall shares the original's conversation and partition, so the original is archived by now,
    // earlier in this batch or before it.
    for (const { message } of records) {
      if (message.recalledMsgid) await this.store.messages.markRecalled(corpId, message.recalledMsgid, message.msgid);
    }
  }
}
