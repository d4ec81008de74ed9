import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chatMediaStoredV1, chatMessageClassifiedV1, type ChatMediaStored } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { CACHE, type Cache } from '@chatvault/cache';
import { OBJECT_STORE, type ObjectStore } from '@chatvault/object-store';
import { counter } from '@chatvault/platform';
import type { ClassifierInput } from '@chatvault/policy-engine';
import { SEARCH_INDEX, type SearchIndex } from '@chatvault/search';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { ActivePolicies } from './active-policies';
import { facetsOf, publishedHits } from './hits';
import { rateWindowCounter } from './rate-window-counter';
import { employeeDirectory } from './employee-departments';

/** The formats the QR decoder reads; other media carry nothing an image rule could judge. */
const DECODABLE = new Set(['image/png', 'image/jpeg']);

const skipped = counter('chatvault_classification_media_skipped_total', 'Stored media not classified because no image rule can read them', ['content_type']);

/**
 * Classifies each stored image with its message, so image rules (a personal WeChat or payment QR
 * code sent to a customer) fire once the bytes are there. Only the hits the image adds are
 * published: the message's text was judged when it was archived.
 */
@Injectable()
export class MediaClassifier implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(OBJECT_STORE) private readonly objects: ObjectStore,
    @Inject(SEARCH_INDEX) private readonly search: SearchIndex,
    @Inject(CACHE) private readonly cache: Cache,
    private readonly policies: ActivePolicies,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(chatMediaStoredV1, { group: 'classification-media' }, ({ value }) => this.classify(value));
  }

  async classify(event: ChatMediaStored): Promise<void> {
    if (!DECODABLE.has(event.contentType)) {
      skipped.inc({ content_type: event.contentType });
      return;
    }
    const archived = await this.store.messages.find(event.corpId, event.msgid);
    if (!archived) throw new Error(`media ${event.msgid}#${event.index} of ${event.corpId} is stored but its message is not archived`);
    const image = await this.objects.get(event.sha256);
    if (!image) throw new Error(`media ${event.msgid}#${event.index}: the object store does not hold ${event.sha256}`);

    const classifier = this.policies.current;
    const judged = { message: archived.message, record: recordOf(archived.rawJson) };
    const employeeId = classifier.employeeOf(judged);
    // The message's text was judged with the employee's departments: its images are too.
    const input: ClassifierInput = { ...judged, directory: await employeeDirectory(this.store, classifier, event.corpId, [employeeId]) };
    const textHits = classifier.classify(input);
    const fromText = new Set(textHits.map((hit) => hit.ruleId));
    const imageHitsOf = (bytes: Uint8Array) => classifier.classify({ ...input, image: bytes }).filter((hit) => !fromText.has(hit.ruleId));
    const imageHits = imageHitsOf(image);
    if (imageHits.length === 0) return;

    const subjectId = `${event.corpId}:${event.msgid}:media${event.index}`;
    const counted = classifier.rateEscalator(rateWindowCounter(this.cache, subjectId));
    const hits = publishedHits(subjectId, await counted.escalate(imageHits, employeeId));
    // Tags replace the message's facets: they carry its text's hits and every stored image's, not only this one's.
    const otherImages = await this.otherImages(event);
    await this.search.tagMessage(event.corpId, event.msgid, facetsOf([...textHits, ...hits, ...otherImages.flatMap(imageHitsOf)]));
    await this.bus.publish(chatMessageClassifiedV1, [
      {
        eventId: `classified:${subjectId}:${classifier.policies.map((p) => `${p.id}@${p.version}`).join(',')}`,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        message: archived.message,
        employeeId: employeeId ?? '',
        hits,
      },
    ]);
  }

  /** The message's other stored images, for a `mixed` message that carries several. */
  private async otherImages(event: ChatMediaStored): Promise<Buffer[]> {
    const media = await this.store.media.list(event.corpId, [event.msgid]);
    const others = media.filter((m) => m.index !== event.index && m.state === 'stored' && m.sha256 && DECODABLE.has(m.contentType ?? ''));
    const images = await Promise.all(others.map((m) => this.objects.get(m.sha256!)));
    return images.filter((bytes): bytes is Buffer => bytes !== null);
  }
}

function recordOf(rawJson: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(rawJson);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
