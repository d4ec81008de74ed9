import { Inject, Injectable } from '@nestjs/common';
import {
  MAX_RECORD_BYTES,
  ingestBatchSchema,
  wecomArchiveMessageSchema,
  wecomMessageReceivedV1,
  type WecomMessageReceived,
} from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, businessDayOf, type ApiKeyRecord, type ArchiveStore } from '@chatvault/store';
import { CACHE, type Cache } from '@chatvault/cache';
import { DomainError, counter } from '@chatvault/platform';
import { describeZodIssues } from '../http/zod-issues';
import { Visibilities } from '../auth/visibilities';
import { rawArrayElements } from './raw-json-elements';

export interface Rejection {
  index: number;
  msgid?: string;
  error: string;
}

export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/** Long enough for ingest to archive what was published, after which the archive answers for it. */
const IN_FLIGHT_TTL_MS = 10 * 60_000;

const received = counter('chatvault_ingest_http_messages_total', 'Messages posted to the ingest endpoint, by outcome', ['outcome']);

/**
 * Validates each message of a batch on its own, so one bad record never costs the good ones, and
 * reports a message as duplicate when it is archived or already on its way to the archive. A key
 * scoped to corps has every record of another corp refused.
 */
@Injectable()
export class IngestBatchAcceptor {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CACHE) private readonly cache: Cache,
    private readonly visibilities: Visibilities,
  ) {}

  /**
   * `principal` is the posting key, whose scope names the corps it may post; `rawBody` is the request's
   * text, when there is one: each record is archived as written in it.
   */
  async accept(body: unknown, principal: ApiKeyRecord, rawBody?: string): Promise<IngestReport> {
    // Express leaves the body undefined, or a string, when the content type is not JSON.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError('invalid_request', 'the batch must be a JSON object {"corpId", "messages"} sent with Content-Type: application/json');
    }
    const batch = ingestBatchSchema.safeParse(body);
    if (!batch.success) throw new DomainError('invalid_request', describeZodIssues(batch.error.issues));
    const { corpId, source, messages } = batch.data;
    // Refused record by record like any invalid record, so an import of several corps goes on with the others.
    if (!(await this.visibilities.of(principal)).seesCorp(corpId)) {
      const error = `the key's scope does not include corp ${corpId}`;
      received.inc({ outcome: 'rejected' }, messages.length);
      return { accepted: 0, duplicates: 0, rejected: messages.map((raw, index) => ({ index, ...msgidOf(raw), error })) };
    }
    const rawRecords = rawBody === undefined ? undefined : rawArrayElements(rawBody, 'messages');
    const rawJsonOf = (index: number) => (rawRecords?.length === messages.length ? rawRecords[index]! : JSON.stringify(messages[index]));

    const rejected: Rejection[] = [];
    const valid = new Map<string, WecomMessageReceived>();
    let duplicates = 0;
    messages.forEach((raw, index) => {
      const rawJson = rawJsonOf(index);
      const bytes = Buffer.byteLength(rawJson, 'utf8');
      if (bytes > MAX_RECORD_BYTES) {
        rejected.push({ index, ...msgidOf(raw), error: `the record is ${bytes} bytes, over the limit of ${MAX_RECORD_BYTES}` });
        return;
      }
      const parsed = wecomArchiveMessageSchema.safeParse(raw);
      if (!parsed.success) {
        rejected.push({ index, ...msgidOf(raw), error: describeZodIssues(parsed.error.issues) });
        return;
      }
      if (valid.has(parsed.data.msgid)) {
        duplicates++;
        return;
      }
      valid.set(parsed.data.msgid, {
        eventId: `received:${corpId}:${parsed.data.msgid}`,
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        corpId,
        source,
        rawJson,
        message: parsed.data,
      });
    });

    // Asked at once, the archive and the cache cost one round trip on the way to every alert instead of
    // two. Issued together, the marks share one round trip to the cache instead of one each; a message
    // found archived is a duplicate whatever its mark says, and a mark on it only repeats that.
    const [archived, marked] = await Promise.all([
      this.store.messages.existing(corpId, [...valid.keys()]),
      Promise.all([...valid.values()].map((event) => this.cache.setIfAbsent(inFlightKey(corpId, event.message.msgid), '1', IN_FLIGHT_TTL_MS))),
    ]);
    const fresh = [...valid.values()].filter((event, i) => marked[i] && !archived.has(event.message.msgid));
    duplicates += valid.size - fresh.length;

    try {
      await this.bus.publish(wecomMessageReceivedV1, fresh);
    } catch (error) {
      // Nothing was accepted: forget the in-flight marks so the client's retry is not taken for a duplicate.
      await this.cache.delete(...fresh.map((e) => inFlightKey(corpId, e.message.msgid)));
      throw new DomainError('unavailable', `could not queue the batch for archiving, retry it: ${(error as Error).message}`);
    }
    if (duplicates > 0) await this.store.capture.addDuplicates(corpId, businessDayOf(Date.now()), source, duplicates);
    received.inc({ outcome: 'accepted' }, fresh.length);
    received.inc({ outcome: 'duplicate' }, duplicates);
    received.inc({ outcome: 'rejected' }, rejected.length);
    return { accepted: fresh.length, duplicates, rejected };
  }
}

function inFlightKey(corpId: string, msgid: string): string {
  return `ingest:in-flight:${corpId}:${msgid}`;
}

function msgidOf(raw: unknown): { msgid?: string } {
  const msgid = (raw as { msgid?: unknown } | null)?.msgid;
  return typeof msgid === 'string' ? { msgid } : {};
}
