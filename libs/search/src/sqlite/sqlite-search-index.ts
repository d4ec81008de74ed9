import type Database from 'better-sqlite3';
import type { ReadScope, Severity } from '@chatvault/contracts';
import { assertValidAlert, assertValidTags, documentProblem } from '../document-problem';
import { resolveQuery, type ResolvedQuery, type TextPhrase } from '../resolved-query';
import type { AlertDocument, AlertQuery, AlertSearchResult, IndexResult, MessageDocument, MessageQuery, MessageSearchResult, SearchIndex } from '../search-index';
import { indexedDocuments, searchDuration } from '../search-metrics';
import { highlightFragments } from '../text/highlight-fragments';
import { phraseMatches } from '../text/phrase-matches';
import { tokenize } from '../text/search-tokenizer';
import { openSearchDatabase } from './open-search-database';
import { SearchWriterThread } from './search-writer-thread';
import type { MessageColumns } from './sqlite-search-writes';

export interface SqliteSearchIndexOptions {
  /** A file, created with its directory when missing. */
  readonly path: string;
}

interface MessageRow extends MessageColumns {
  rule_ids: string | null;
  categories: string | null;
  severities: string | null;
}

/** What a search reads and in which order; the WHERE clause comes from the query. */
interface SearchShape {
  columns: string;
  from: string;
  join: string;
  order: string;
}

const MESSAGE_SEARCH: SearchShape = {
  columns: `m.corp_id, m.msgid, m.conversation_id, m.msgtype, m.action, m.from_id, m.tolist, m.roomid, m.msgtime, m.text,
    t.rule_ids, t.categories, t.severities`,
  from: 'search_messages m',
  join: 'LEFT JOIN search_message_tags t ON t.corp_id = m.corp_id AND t.msgid = m.msgid',
  order: 'm.msgtime DESC, m.corp_id, m.msgid',
};

/**
 * In the userids of a scope, bound as one JSON array: no limit on bound parameters, and SQLite reads
 * the list into a lookup once per search, not once per row.
 */
const IN_USERIDS = 'IN (SELECT value FROM json_each(?))';

const ALERT_SEARCH: SearchShape = { columns: 'a.document', from: 'search_alerts a', join: '', order: 'a.created_at DESC, a.alert_id' };

/**
 * The `SearchIndex` port on SQLite FTS5, for the embedded mode: one file, no server, the same
 * matching, ordering and highlights as Elasticsearch. Writes go to a thread of their own (see
 * sqlite-search-worker) and resolve once committed, so `refresh` has nothing to do; searches read
 * the file on the caller's thread. Documents are validated here, so a bad one fails before any write.
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly db: Database.Database;
  private writer?: SearchWriterThread;
  /** Search statements by WHERE clause: there are few combinations of filters, each prepared once. */
  private readonly searches = new Map<string, { page: Database.Statement; count: Database.Statement }>();

  constructor(private readonly options: SqliteSearchIndexOptions) {
    this.db = openSearchDatabase(options.path);
  }

  /** The writer creates the schema before it reports ready. */
  async ensureReady(): Promise<void> {
    this.writer ??= await SearchWriterThread.start(this.options.path);
  }

  async indexMessages(documents: readonly MessageDocument[]): Promise<IndexResult> {
    const writer = this.ready();
    const failed: IndexResult['failed'] = [];
    const valid: MessageDocument[] = [];
    for (const document of documents) {
      const problem = documentProblem(document);
      if (problem) failed.push({ msgid: String(document.msgid), error: problem });
      else valid.push(document);
    }
    if (valid.length > 0) await writer.write({ kind: 'messages', documents: valid });
    indexedDocuments.inc({ adapter: 'sqlite', outcome: 'indexed' }, valid.length);
    indexedDocuments.inc({ adapter: 'sqlite', outcome: 'failed' }, failed.length);
    return { indexed: valid.length, failed };
  }

  async tagMessage(corpId: string, msgid: string, tags: { ruleIds: string[]; categories: string[]; severities: Severity[] }): Promise<void> {
    assertValidTags(corpId, msgid, tags);
    await this.ready().write({ kind: 'tags', corpId, msgid, tags });
  }

  async searchMessages(query: MessageQuery): Promise<MessageSearchResult> {
    this.ready();
    const resolved = resolveQuery(query);
    const stopTimer = searchDuration.startTimer({ adapter: 'sqlite' });
    try {
      const { where, params } = conditionsOf(resolved);
      const { page, count } = this.searchStatements(where, MESSAGE_SEARCH);
      const { total } = count.get(params) as { total: number };
      const rows = resolved.limit === 0 ? [] : (page.all(...params, resolved.limit, resolved.offset) as MessageRow[]);
      const phrases = resolved.phrases.map((phrase) => phrase.terms);
      return {
        total,
        hits: rows.map((row) => ({
          document: documentOf(row),
          highlights: phrases.length === 0 ? [] : highlightFragments(row.text, phraseMatches(tokenize(row.text), phrases)),
        })),
      };
    } finally {
      stopTimer();
    }
  }

  async indexAlert(document: AlertDocument): Promise<void> {
    assertValidAlert(document);
    await this.ready().write({ kind: 'alert', document });
  }

  async searchAlerts(query: AlertQuery): Promise<AlertSearchResult> {
    this.ready();
    const resolved = resolveQuery(query);
    const { where, params } = alertConditionsOf(resolved);
    const { page, count } = this.searchStatements(where, ALERT_SEARCH);
    const { total } = count.get(params) as { total: number };
    const rows = resolved.limit === 0 ? [] : (page.all(...params, resolved.limit, resolved.offset) as { document: string }[]);
    return { total, items: rows.map((row) => JSON.parse(row.document) as AlertDocument) };
  }

  async refresh(): Promise<void> {
    this.ready();
  }

  async close(): Promise<void> {
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }

  private ready(): SearchWriterThread {
    if (!this.writer) throw new Error(`the search index at ${this.options.path} is not ready: call ensureReady() first`);
    return this.writer;
  }

  private searchStatements(where: string, shape: SearchShape): { page: Database.Statement; count: Database.Statement } {
    const key = `${shape.from}|${where}`;
    let statements = this.searches.get(key);
    if (!statements) {
      const whereClause = where === '' ? '' : `WHERE ${where}`;
      statements = {
        page: this.db.prepare(`SELECT ${shape.columns} FROM ${shape.from} ${shape.join} ${whereClause} ORDER BY ${shape.order} LIMIT ? OFFSET ?`),
        count: this.db.prepare(`SELECT COUNT(*) AS total FROM ${shape.from} ${whereClause}`),
      };
      this.searches.set(key, statements);
    }
    return statements;
  }
}

class Conditions {
  readonly conditions: string[] = [];
  readonly params: (string | number)[] = [];

  add(condition: string, value: string | number | undefined, ...leading: string[]): void {
    if (value === undefined) return;
    this.conditions.push(condition);
    this.params.push(...leading, value);
  }

  text(rowid: string, table: string, phrases: readonly TextPhrase[]): void {
    if (phrases.length > 0) this.add(`${rowid} IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`, ftsMatch(phrases.map((p) => p.terms)));
  }

  /**
   * Rows of the scope's corps whose employee passes one of `employeeTests`: conditions with one
   * placeholder each, bound to the corp's userids in scope as a JSON array, however many there are.
   */
  scope(within: ReadScope | undefined, corpColumn: string, employeeTests: readonly string[]): void {
    if (within === undefined) return;
    const corps = within.map(({ corpId, userids }) => {
      this.params.push(corpId);
      if (userids === undefined) return `${corpColumn} = ?`;
      const json = JSON.stringify(userids);
      this.params.push(...employeeTests.map(() => json));
      return `(${corpColumn} = ? AND (${employeeTests.join(' OR ')}))`;
    });
    this.conditions.push(corps.length === 0 ? 'FALSE' : `(${corps.join(' OR ')})`);
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}

function conditionsOf(query: ResolvedQuery<MessageQuery>): { where: string; params: (string | number)[] } {
  const c = new Conditions();
  c.text('m.id', 'search_message_text', query.phrases);
  c.add('m.corp_id = ?', query.corpId);
  c.add('m.conversation_id = ?', query.conversationId);
  c.add('m.from_id = ?', query.from);
  const facet = '(m.corp_id, m.msgid) IN (SELECT corp_id, msgid FROM search_message_facets WHERE kind = ? AND value = ?)';
  c.add(facet, query.ruleId, 'rule');
  c.add(facet, query.category, 'category');
  c.add(facet, query.severity, 'severity');
  c.add('m.msgtime >= ?', query.since);
  c.add('m.msgtime <= ?', query.until);
  c.scope(query.within, 'm.corp_id', [`m.from_id ${IN_USERIDS}`, `EXISTS (SELECT 1 FROM json_each(m.tolist) r WHERE r.value ${IN_USERIDS})`]);
  return { where: c.where, params: c.params };
}

function alertConditionsOf(query: ResolvedQuery<AlertQuery>): { where: string; params: (string | number)[] } {
  const c = new Conditions();
  c.text('a.id', 'search_alert_text', query.phrases);
  c.add('a.corp_id = ?', query.corpId);
  c.add('a.employee_id = ?', query.employeeId);
  c.add('a.rule_id = ?', query.ruleId);
  c.add('a.category = ?', query.category);
  c.add('a.severity = ?', query.severity);
  c.add('a.status = ?', query.status);
  c.add('a.created_at >= ?', query.since);
  c.add('a.created_at <= ?', query.until);
  c.scope(query.within, 'a.corp_id', [`a.employee_id ${IN_USERIDS}`]);
  return { where: c.where, params: c.params };
}

/**
 * Every phrase quoted, so nothing the user typed is FTS5 syntax: `"*:()-` are plain characters
 * inside a string, and a double quote inside one is doubled.
 */
function ftsMatch(phrases: readonly (readonly string[])[]): string {
  return phrases.map((terms) => `"${terms.map((term) => term.replaceAll('"', '""')).join(' ')}"`).join(' AND ');
}

function documentOf(row: MessageRow): MessageDocument {
  const document: MessageDocument = {
    corpId: row.corp_id,
    msgid: row.msgid,
    conversationId: row.conversation_id,
    msgtype: row.msgtype,
    action: row.action,
    from: row.from_id,
    tolist: JSON.parse(row.tolist) as string[],
    roomid: row.roomid,
    msgtime: row.msgtime,
    text: row.text,
  };
  if (row.rule_ids !== null) document.ruleIds = JSON.parse(row.rule_ids) as string[];
  if (row.categories !== null) document.categories = JSON.parse(row.categories) as string[];
  if (row.severities !== null) document.severities = JSON.parse(row.severities) as Severity[];
  return document;
}
