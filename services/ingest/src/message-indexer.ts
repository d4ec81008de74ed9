import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMessageArchivedV1, type ChatMessageArchived } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { toMessageDocument } from './chat-message-normaliser';

/**
 * Indexes archived messages for search, in a consumer group of its own: the archive and everything
 * downstream of it (classification, alerts) never wait for Elasticsearch, and an index that is down
 * only delays search. Indexing is idempotent, so a redelivered batch is indexed again harmlessly.
 */
@Injectable()
export class MessageIndexer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(chatMessageArchivedV1, { group: 'ingest-indexer' }, (deliveries) => this.index(deliveries.map((d) => d.value)));
  }

  async index(events: readonly ChatMessageArchived[]): Promise<void> {
    const indexed = await this.search.indexMessages(events.map((event) => toMessageDocument(event.message)));
    if (indexed.failed.length > 0) {
      throw new Error(`indexing failed for ${indexed.failed.map((f) => `${f.msgid}: ${f.error}`).join('; ')}`);
    }
  }
}
