import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { ReadScope, Severity } from '@chatvault/contracts';
import { chunksOf, DomainError, type Logger } from '@chatvault/platform';
import { assertValidAlert, assertValidTags, documentProblem, type MessageTags } from '../document-problem';
import { resolveQuery, type ResolvedQuery, type TextPhrase } from '../resolved-query';
import type { AlertDocument, AlertQuery, AlertSearchResult, IndexResult, MessageDocument, MessageQuery, MessageSearchResult, SearchIndex } from '../search-index';
import { indexedDocuments, searchDuration } from '../search-metrics';
import { foldWidth, MATCH_END, MATCH_START } from '../text/fold-width';
import { highlightFragments } from '../text/highlight-fragments';
import { elasticsearchEndpoint } from './elasticsearch-endpoint';
import { markedMatches } from './marked-highlight';
import { ALERT_MAPPINGS, MESSAGE_MAPPINGS, indexNames, indexTemplate, type IndexNames } from './index-templates';

export interface ElasticsearchIndexOptions {
  readonly url: string;
  /** ELASTICSEARCH_INDEX_PREFIX: installations and test runs sharing a cluster use different ones. */
  readonly indexPrefix: string;
  readonly logger: Logger;
}

type StoredDocument = MessageDocument & { searchText: string };
type StoredAlert = AlertDocument & { searchText: string };

/** Tags arrive before the message when classification outruns indexing; such a stub has no msgtime. */
const INDEXED_MESSAGES_ONLY: estypes.QueryDslQueryContainer = { exists: { field: 'msgtime' } };
const RETRY_ON_CONFLICT = 3;
/** index.max_terms_count: a `terms` query holds at most this many values, so a bigger scope is split. */
const MAX_TERMS = 65_536;
// Elasticsearch refuses a whole bulk request when one id is longer, so such a document is set aside first.
const MAX_ID_BYTES = 512;
// Highlighting a field longer than index.highlight.max_analyzed_offset fails the whole search;
// with this it stops highlighting there instead.
const MAX_ANALYZED_OFFSET = 1_000_000;
/**
 * Alerts are written with an external version that grows with the review version and then the hit
 * count (both only grow), so a state read earlier but written later loses to the one already there.
 */
const HITS_PER_VERSION = 1_000_000_000;

/**
 * The `SearchIndex` port on Elasticsearch 9 with nothing but the core analyzers (see
 * message-index-template.ts). Reads and writes go through an alias; documents are keyed
 * `${corpId}:${msgid}` (WeCom corp ids hold no colon) and written as partial updates with upsert,
 * so indexing again replaces what is given and keeps tags set by classification in between.
 */
export class ElasticsearchIndex implements SearchIndex {
  private readonly client: Client;
  private readonly endpoint: string;
  private readonly names: IndexNames;
  private readonly alertNames: IndexNames;
  private readonly logger: Logger;

  constructor(options: ElasticsearchIndexOptions) {
    this.endpoint = elasticsearchEndpoint(options.url);
    this.names = indexNames(options.indexPrefix, 'messages');
    this.alertNames = indexNames(options.indexPrefix, 'alerts');
    this.logger = options.logger.child({ component: 'search', elasticsearch: this.endpoint });
    // The client's retries (3, with backoff) ride out a node restart; a server that is down fails in seconds.
    this.client = new Client({ node: options.url });
  }

  async ensureReady(): Promise<void> {
    await this.ensureIndex(indexTemplate(this.names, 'ChatVault messages', MESSAGE_MAPPINGS), this.names);
    await this.ensureIndex(indexTemplate(this.alertNames, 'ChatVault alerts', ALERT_MAPPINGS), this.alertNames);
  }

  private async ensureIndex(template: estypes.IndicesPutIndexTemplateRequest, names: IndexNames): Promise<void> {
    const { alias, firstIndex } = names;
    await this.call(`creating the index template ${names.template}`, () => this.client.indices.putIndexTemplate(template));
    if (await this.aliasExists(alias)) return;
    try {
      await this.client.indices.create({ index: firstIndex, aliases: { [alias]: { is_write_index: true } } });
      this.logger.info(`created index ${firstIndex} behind alias ${alias}`);
    } catch (error) {
      // Another process starting at the same time created it first.
      if (errorType(error) !== 'resource_already_exists_exception') throw this.failure(`creating index ${firstIndex}`, error);
    }
    if (!(await this.aliasExists(alias))) {
      await this.call(`adding alias ${alias} to ${firstIndex}`, () => this.client.indices.putAlias({ index: firstIndex, name: alias, is_write_index: true }));
    }
  }

  async indexMessages(documents: readonly MessageDocument[]): Promise<IndexResult> {
    const failed: IndexResult['failed'] = [];
    const valid: MessageDocument[] = [];
    for (const document of documents) {
      const problem = documentProblem(document) ?? idProblem(document.corpId, document.msgid);
      if (problem) failed.push({ msgid: String(document.msgid), error: problem });
      else valid.push(document);
    }
    // Most documents are new, and `create` writes one without first reading the stored one back, as an
    // `update` must (Elasticsearch took 48-61 µs of CPU a message instead of 65-96, measured). The few
    // it already holds (indexed before, or tagged by classification first) are merged into by an update.
    const held: MessageDocument[] = [];
    await this.bulkWrite(valid, (d) => [{ create: { _id: documentId(d.corpId, d.msgid) } }, storedDocument(d)], (d, item) => {
      if (item.create?.status === 409) held.push(d);
      else if (item.create?.error) failed.push({ msgid: d.msgid, error: describeCause(item.create.error) });
    });
    await this.bulkWrite(held, (d) => [{ update: { _id: documentId(d.corpId, d.msgid), retry_on_conflict: RETRY_ON_CONFLICT } }, { doc: storedDocument(d), doc_as_upsert: true }], (d, item) => {
      if (item.update?.error) failed.push({ msgid: d.msgid, error: describeCause(item.update.error) });
    });
    indexedDocuments.inc({ adapter: 'elasticsearch', outcome: 'indexed' }, documents.length - failed.length);
    indexedDocuments.inc({ adapter: 'elasticsearch', outcome: 'failed' }, failed.length);
    return { indexed: documents.length - failed.length, failed };
  }

  /** One bulk request of each document's operations; `outcome` sees each document with its response item. */
  private async bulkWrite(
    documents: readonly MessageDocument[],
    operationsOf: (document: MessageDocument) => unknown[],
    outcome: (document: MessageDocument, item: Partial<Record<estypes.BulkOperationType, estypes.BulkResponseItem>>) => void,
  ): Promise<void> {
    if (documents.length === 0) return;
    // require_alias: writing before ensureReady must fail, not auto-create an index without our mapping.
    const response = await this.call('bulk indexing', () => this.client.bulk({ index: this.names.alias, require_alias: true, operations: documents.flatMap(operationsOf) }));
    response.items.forEach((item, i) => outcome(documents[i]!, item));
  }

  async tagMessage(corpId: string, msgid: string, tags: { ruleIds: string[]; categories: string[]; severities: Severity[] }): Promise<void> {
    assertValidTags(corpId, msgid, tags);
    const problem = idProblem(corpId, msgid);
    if (problem) throw new DomainError('invalid_request', `cannot tag message: ${problem}`);
    const doc: Pick<MessageDocument, 'corpId' | 'msgid'> & MessageTags = { corpId, msgid, ruleIds: tags.ruleIds, categories: tags.categories, severities: tags.severities };
    await this.call(`tagging message ${msgid}`, () =>
      this.client.update({
        index: this.names.alias,
        id: documentId(corpId, msgid),
        require_alias: true,
        retry_on_conflict: RETRY_ON_CONFLICT,
        doc,
        doc_as_upsert: true,
      }),
    );
  }

  async searchMessages(query: MessageQuery): Promise<MessageSearchResult> {
    const resolved = resolveQuery(query);
    const stopTimer = searchDuration.startTimer({ adapter: 'elasticsearch' });
    try {
      const response = await this.call('searching messages', () =>
        this.client.search<StoredDocument>({
          index: this.names.alias,
          query: { bool: { filter: filtersOf(resolved) } },
          sort: [{ msgtime: 'desc' }, { corpId: 'asc' }, { msgid: 'asc' }],
          from: resolved.offset,
          size: resolved.limit,
          track_total_hits: true,
          _source: { excludes: ['searchText'] },
          ...(resolved.phrases.length > 0 ? { highlight: highlightOf(resolved) } : {}),
        }),
      );
      return {
        total: totalOf(response.hits.total),
        hits: response.hits.hits.map((hit) => {
          const document = hit._source as MessageDocument;
          const marked = hit.highlight?.searchText?.[0];
          return { document, highlights: marked ? highlightFragments(document.text, markedMatches(marked, foldWidth(document.text))) : [] };
        }),
      };
    } finally {
      stopTimer();
    }
  }

  async indexAlert(document: AlertDocument): Promise<void> {
    assertValidAlert(document);
    const stored: StoredAlert = { ...document, searchText: foldWidth(document.excerpt) };
    try {
      await this.client.index({
        index: this.alertNames.alias,
        id: document.alertId,
        require_alias: true,
        version: document.version * HITS_PER_VERSION + document.hitCount,
        version_type: 'external_gte',
        document: stored,
      });
    } catch (error) {
      // The index holds a later state of the alert: it stays.
      if (errorType(error) === 'version_conflict_engine_exception') return;
      throw this.failure(`indexing alert ${document.alertId}`, error);
    }
  }

  async searchAlerts(query: AlertQuery): Promise<AlertSearchResult> {
    const resolved = resolveQuery(query);
    const response = await this.call('searching alerts', () =>
      this.client.search<StoredAlert>({
        index: this.alertNames.alias,
        query: { bool: { filter: alertFiltersOf(resolved) } },
        sort: [{ createdAt: 'desc' }, { alertId: 'asc' }],
        from: resolved.offset,
        size: resolved.limit,
        track_total_hits: true,
        _source: { excludes: ['searchText'] },
      }),
    );
    return { total: totalOf(response.hits.total), items: response.hits.hits.map((hit) => hit._source as AlertDocument) };
  }

  async refresh(): Promise<void> {
    await this.call('refreshing', () => this.client.indices.refresh({ index: [this.names.alias, this.alertNames.alias] }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async aliasExists(alias: string): Promise<boolean> {
    return this.call(`looking up alias ${alias}`, () => this.client.indices.existsAlias({ name: alias }));
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  private failure(operation: string, error: unknown): Error {
    if (error instanceof errors.ResponseError) {
      const cause = (error.body as { error?: estypes.ErrorCause } | undefined)?.error;
      const reason = cause ? describeCause(cause) : error.message;
      return new Error(`Elasticsearch at ${this.endpoint}: ${operation} failed with HTTP ${error.statusCode}: ${reason}`, { cause: error });
    }
    if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
      return new Error(`cannot reach Elasticsearch at ${this.endpoint}: ${operation} failed: ${error.message}`, { cause: error });
    }
    return new Error(`Elasticsearch at ${this.endpoint}: ${operation} failed: ${(error as Error).message}`, { cause: error });
  }
}

function documentId(corpId: string, msgid: string): string {
  return `${corpId}:${msgid}`;
}

function idProblem(corpId: string, msgid: string): string | undefined {
  const bytes = Buffer.byteLength(documentId(corpId, msgid));
  return bytes > MAX_ID_BYTES ? `corpId:msgid is ${bytes} bytes long; Elasticsearch ids are at most ${MAX_ID_BYTES} bytes` : undefined;
}

function storedDocument(d: MessageDocument): StoredDocument {
  const stored: StoredDocument = {
    corpId: d.corpId,
    msgid: d.msgid,
    conversationId: d.conversationId,
    msgtype: d.msgtype,
    action: d.action,
    from: d.from,
    tolist: d.tolist,
    roomid: d.roomid,
    msgtime: d.msgtime,
    text: d.text,
    searchText: foldWidth(d.text),
  };
  // Left out, not null: a partial update keeps what classification already set.
  if (d.ruleIds !== undefined) stored.ruleIds = d.ruleIds;
  if (d.categories !== undefined) stored.categories = d.categories;
  if (d.severities !== undefined) stored.severities = d.severities;
  return stored;
}

function filtersOf(query: ResolvedQuery<MessageQuery>): estypes.QueryDslQueryContainer[] {
  return [
    INDEXED_MESSAGES_ONLY,
    ...termFilters({
      corpId: query.corpId,
      conversationId: query.conversationId,
      from: query.from,
      ruleIds: query.ruleId,
      categories: query.category,
      severities: query.severity,
    }),
    ...rangeAndTextFilters('msgtime', query),
    ...scopeFilters(query.within, ['from', 'tolist']),
  ];
}

function alertFiltersOf(query: ResolvedQuery<AlertQuery>): estypes.QueryDslQueryContainer[] {
  const { corpId, employeeId, ruleId, category, severity, status } = query;
  return [...termFilters({ corpId, employeeId, ruleId, category, severity, status }), ...rangeAndTextFilters('createdAt', query), ...scopeFilters(query.within, ['employeeId'])];
}

/** Documents of the scope's corps whose `employeeFields` (any of them) name one of the corp's employees in scope. */
function scopeFilters(within: ReadScope | undefined, employeeFields: readonly string[]): estypes.QueryDslQueryContainer[] {
  if (within === undefined) return [];
  const corps = within.map(({ corpId, userids }): estypes.QueryDslQueryContainer => {
    if (userids === undefined) return { term: { corpId } };
    const employees = employeeFields.flatMap((field) => chunksOf(userids, MAX_TERMS).map((chunk) => ({ terms: { [field]: chunk } })));
    return { bool: { filter: [{ term: { corpId } }, anyOf(employees)] } };
  });
  return [anyOf(corps)];
}

/**
 * Matches what one of the clauses matches. Not a bare `should`: with no clauses, minimum_should_match
 * is lowered to 0 and it would match everything.
 */
function anyOf(clauses: estypes.QueryDslQueryContainer[]): estypes.QueryDslQueryContainer {
  return clauses.length === 0 ? { match_none: {} } : { bool: { should: clauses, minimum_should_match: 1 } };
}

function termFilters(values: Record<string, string | undefined>): estypes.QueryDslQueryContainer[] {
  return Object.entries(values).flatMap(([field, value]) => (value === undefined ? [] : [{ term: { [field]: value } }]));
}

function rangeAndTextFilters(timeField: string, query: { since?: number; until?: number; phrases: readonly TextPhrase[] }): estypes.QueryDslQueryContainer[] {
  const filters: estypes.QueryDslQueryContainer[] = [];
  if (query.since !== undefined || query.until !== undefined) {
    filters.push({ range: { [timeField]: { gte: query.since, lte: query.until } } });
  }
  for (const phrase of query.phrases) {
    filters.push({ match_phrase: { searchText: { query: phrase.text, zero_terms_query: 'all' } } });
  }
  return filters;
}

function totalOf(total: number | estypes.SearchTotalHits | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}

/**
 * The whole text comes back with private-use markers around each match, which the shared
 * fragmenter turns into the same highlights the embedded index gives. The phrases are asked for
 * again as intervals: a phrase query answered from the index_phrases field highlights nothing.
 */
function highlightOf(query: ResolvedQuery<MessageQuery>): estypes.SearchHighlight {
  return {
    pre_tags: [MATCH_START],
    post_tags: [MATCH_END],
    fields: {
      searchText: {
        type: 'unified',
        number_of_fragments: 0,
        max_analyzed_offset: MAX_ANALYZED_OFFSET,
        highlight_query: {
          bool: {
            should: query.phrases.map((phrase) => ({
              intervals: { searchText: { match: { query: phrase.text, ordered: true, max_gaps: 0 } } },
            })),
          },
        },
      },
    },
  };
}

function errorType(error: unknown): string | undefined {
  return error instanceof errors.ResponseError ? (error.body as { error?: { type?: string } } | undefined)?.error?.type : undefined;
}

/** `type: reason`, short enough for a log line even when the reason quotes a huge value. */
function describeCause(cause: estypes.ErrorCause): string {
  const text = `${cause.type}: ${cause.reason ?? ''}`;
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
