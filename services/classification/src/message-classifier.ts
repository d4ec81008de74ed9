import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { groupBy } from '@chatvault/platform';
import { chatMessageArchivedV1, chatMessageClassifiedV1, type ChatMessageArchived, type ChatMessageClassified } from '@chatvault/contracts';
import { MESSAGE_BUS, type Delivery, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { CACHE, type Cache } from '@chatvault/cache';
import { ActivePolicies } from './active-policies';
import type { ClassifierInput, Directory, PolicyClassifier } from '@chatvault/policy-engine';
import { employeeDirectory } from './employee-departments';
import { facetsOf, publishedHits } from './hits';
import { rateWindowCounter } from './rate-window-counter';

/**
 * Classifies each archived message with the active policies, tags it in the search index so
 * readers can filter on rule, category and severity, and publishes the messages that have hits: a
 * batch of whatever waits on a partition at a time, in order, with one publish. A message without
 * hits is not announced, as the media classifier announces only an image's hits: most messages have
 * none, and alerting, the topic's consumer, decoded and validated every one for nothing. A rule
 * that throws fails the batch; the bus then hands its messages over one by one, retries the failing
 * one and dead-letters it with the reason.
 */
@Injectable()
export class MessageClassifier implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    @Inject(CACHE) private readonly cache: Cache,
    private readonly policies: ActivePolicies,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(chatMessageArchivedV1, { group: 'classification' }, (deliveries) => this.classifyAll(deliveries));
  }

  private async classifyAll(deliveries: readonly Delivery<ChatMessageArchived>[]): Promise<void> {
    const classifier = this.policies.current;
    const directories = await this.directoriesOf(classifier, deliveries.map((d) => d.value));
    const classified: ChatMessageClassified[] = [];
    const causes: Delivery<ChatMessageArchived>[] = [];
    // One after another: rate rules count a conversation's hits in order.
    for (const delivery of deliveries) {
      const event = await this.classify(classifier, delivery.value, directories.get(delivery.value.message.corpId));
      if (event.hits.length === 0) continue;
      classified.push(event);
      causes.push(delivery);
    }
    await this.bus.publish(chatMessageClassifiedV1, classified, { causedBy: causes });
    // Tagged after the announcement, so alerts never wait for Elasticsearch; a failure here redelivers
    // the batch, which is classified and announced again (alerting files each hit once) and tagged.
    for (const { message, hits } of classified) await this.search.tagMessage(message.corpId, message.msgid, facetsOf(hits));
  }

  /** The departments of the batch's employees, one directory read per corp, for policies scoped to departments. */
  private async directoriesOf(classifier: PolicyClassifier, events: readonly ChatMessageArchived[]): Promise<Map<string, Directory>> {
    if (!classifier.needsDepartments) return new Map();
    const employees = groupBy(events, ({ message }) => message.corpId, ({ message, record }) => classifier.employeeOf({ message, record }));
    return new Map(await Promise.all([...employees].map(async ([corpId, ids]) => [corpId, await employeeDirectory(this.store, classifier, corpId, ids)] as const)));
  }

  private async classify(classifier: PolicyClassifier, event: ChatMessageArchived, directory: Directory | undefined): Promise<ChatMessageClassified> {
    const { message } = event;
    const input: ClassifierInput = { message, record: event.record, recalledText: await this.recalledText(event), directory };
    const employeeId = classifier.employeeOf(input);
    const counted = classifier.rateEscalator(rateWindowCounter(this.cache, `${message.corpId}:${message.msgid}`));
    const hits = publishedHits(`${message.corpId}:${message.msgid}`, await counted.escalate(classifier.classify(input), employeeId));
    return {
      eventId: `classified:${message.corpId}:${message.msgid}:${classifier.policies.map((p) => `${p.id}@${p.version}`).join(',')}`,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      message,
      employeeId: employeeId ?? '',
      hits,
    };
  }

  /** A recall is judged by what it recalled too: that text is what the employee wanted gone. */
  private async recalledText(event: ChatMessageArchived): Promise<string | undefined> {
    const { recalledMsgid, corpId } = event.message;
    if (!recalledMsgid) return undefined;
    // The recall shares the original's conversation, hence its partition: the original is archived by now.
    const original = await this.store.messages.find(corpId, recalledMsgid);
    return original?.message.text || undefined;
  }
}
