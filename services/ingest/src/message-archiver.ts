import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1, relationshipChangedV1, wecomMessageReceivedV1, type ChatMessageArchived, type WecomMessageReceived } from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, businessDayOf, type ArchivedMessageRecord, type ArchiveStore } from '@chatvault/store';
import { counter, groupBy } from '@chatvault/platform';
import { toArchivedRecord } from './chat-message-normaliser';
import { consentChangeOf } from './consent-change';

const archived = counter('chatvault_ingest_archived_total', 'Messages archived for the first time', ['source']);
const unknownTypes = counter('chatvault_ingest_unknown_msgtype_total', 'Records of a msgtype ChatVault does not know, archived raw', ['msgtype']);
const duplicates = counter('chatvault_ingest_duplicates_total', 'Messages received again after they were archived', ['source']);

type Received = Pick<Delivery<WecomMessageReceived>, 'value' | 'headers'>;

/**
 * Archives each received record once and announces it, a batch at a time: one insert per corp and
 * one publish for everything waiting on a partition (MessageIndexer indexes what is announced).
 * A customer's agree or disagree record is announced as a consent change too. A
 * redelivered record is announced again (idempotent downstream) so a crash between the steps loses
 * nothing; only the archive insert decides what counts as new.
 */
@Injectable()
export class MessageArchiver implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(wecomMessageReceivedV1, { group: 'ingest' }, (deliveries) => this.archive(deliveries));
  }

  async archive(deliveries: readonly Received[]): Promise<void> {
    const now = Date.now();
    const records = deliveries.map(({ value }) => toArchivedRecord(value, now));
    for (const [corpId, corpRecords] of groupBy(records, (r) => r.message.corpId)) await this.insert(corpId, corpRecords, now);
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
    const consent = deliveries.flatMap((delivery, i) => {
      const change = consentChangeOf(records[i]!.message, delivery.value.message);
      return change ? [{ change, delivery }] : [];
    });
    if (consent.length > 0) await this.bus.publish(relationshipChangedV1, consent.map((c) => c.change), { causedBy: consent.map((c) => c.delivery) });
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
