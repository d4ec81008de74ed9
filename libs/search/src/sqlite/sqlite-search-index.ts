import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Severity } from '@chatvault/contracts';
import { assertValidAlert, assertValidTags, documentProblem, type MessageTags } from '../document-problem';
import { resolveQuery, type ResolvedQuery, type TextPhrase } from '../resolved-query';
import type { AlertDocument, AlertQuery, AlertSearchResult, IndexResult, MessageDocument, MessageQuery, MessageSearchResult, SearchIndex } from '../search-index';
import { indexedDocuments, searchDuration } from '../search-metrics';
import { highlightFragments } from '../text/highlight-fragments';
import { phraseMatches } from '../text/phrase-matches';
import { termsOf, tokenize } from '../text/search-tokenizer';
import { SEARCH_SCHEMA } from './sqlite-search-schema';

export interface SqliteSearchIndexOptions {
  /** A file (created with its directory when missing), or `:memory:` for tests. */
  readonly path: string;
}

interface MessageColumns {
  corp_id: string;
  msgid: string;
  conversation_id: string;
  msgtype: string;
  action: string;
  from_id: string;
  tolist: string;
  roomid: string;
  msgtime: number;
  text: string;
}

interface MessageRow extends MessageColumns {
  rule_ids: string | null;
  categories: string | null;
  severities: string | null;
}

const FACETS = [
  { field: 'ruleIds', kind: 'rule' },
  { field: 'categories', kind: 'category' },
  { field: 'severities', kind: 'severity' },
] as const;

interface AlertColumns {
  alert_id: string;
  corp_id: string;
  employee_id: string;
  rule_id: string;
  category: string;
  severity: string;
  status: string;
  version: number;
  hit_count: number;
  created_at: number;
  document: string;
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

const ALERT_SEARCH: SearchShape = { columns: 'a.document', from: 'search_alerts a', join: '', order: 'a.created_at DESC, a.alert_id' };

/**
 * The `SearchIndex` port on SQLite FTS5, for the embedded mode: one file, no server, the same
 * matching, ordering and highlights as Elasticsearch. Writes are synchronous and visible on
 * commit, so `refresh` has nothing to do. Each `indexMessages` call is one transaction over
 * prepared statements.
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly db: Database.Database;
  private statements?: ReturnType<SqliteSearchIndex['prepare']>;
  /** Search statements by WHERE clause: there are few combinations of filters, each prepared once. */
  private readonly searches = new Map<string, { page: Database.Statement; count: Database.Statement }>();

  constructor(private readonly options: SqliteSearchIndexOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // Losing the last transactions in an OS crash costs a re-index from the archive, not data.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  async ensureReady(): Promise<void> {
    if (this.statements) return;
    this.db.exec(SEARCH_SCHEMA);
    this.statements = this.prepare();
  }

  async indexMessages(documents: readonly MessageDocument[]): Promise<IndexResult> {
    const { writeDocuments } = this.ready();
    const failed: IndexResult['failed'] = [];
    const valid: MessageDocument[] = [];
    for (const document of documents) {
      const problem = documentProblem(document);
      if (problem) failed.push({ msgid: String(document.msgid), error: problem });
      else valid.push(document);
    }
    writeDocuments(valid);
    indexedDocuments.inc({ adapter: 'sqlite', outcome: 'indexed' }, valid.length);
    indexedDocuments.inc({ adapter: 'sqlite', outcome: 'failed' }, failed.length);
    return { indexed: valid.length, failed };
  }

  async tagMessage(corpId: string, msgid: string, tags: { ruleIds: string[]; categories: string[]; severities: Severity[] }): Promise<void> {
    assertValidTags(corpId, msgid, tags);
    this.ready().writeTags(corpId, msgid, tags);
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
    this.ready().writeAlert(document);
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
    if (this.db.open) this.db.close();
  }

  private ready(): NonNullable<SqliteSearchIndex['statements']> {
    if (!this.statements) throw new Error(`the search index at ${this.options.path} is not ready: call ensureReady() first`);
    return this.statements;
  }

  private prepare() {
    // Inserting and updating apart: only a message indexed before has text in the FTS table to delete,
    // and deleting from a contentless FTS5 table costs as much as inserting into it.
    const insertMessage = this.db.prepare<MessageColumns, { id: number }>(`
      INSERT INTO search_messages (corp_id, msgid, conversation_id, msgtype, action, from_id, tolist, roomid, msgtime, text)
      VALUES (@corp_id, @msgid, @conversation_id, @msgtype, @action, @from_id, @tolist, @roomid, @msgtime, @text)
      ON CONFLICT (corp_id, msgid) DO NOTHING
      RETURNING id`);
    const updateMessage = this.db.prepare<MessageColumns, { id: number }>(`
      UPDATE search_messages SET
        conversation_id = @conversation_id, msgtype = @msgtype, action = @action, from_id = @from_id,
        tolist = @tolist, roomid = @roomid, msgtime = @msgtime, text = @text
      WHERE corp_id = @corp_id AND msgid = @msgid
      RETURNING id`);
    const deleteText = this.db.prepare<[number]>('DELETE FROM search_message_text WHERE rowid = ?');
    const insertText = this.db.prepare<[number, string]>('INSERT INTO search_message_text (rowid, terms) VALUES (?, ?)');
    const upsertTags = this.db.prepare<[string, string, string | null, string | null, string | null]>(`
      INSERT INTO search_message_tags (corp_id, msgid, rule_ids, categories, severities) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (corp_id, msgid) DO UPDATE SET
        rule_ids = COALESCE(excluded.rule_ids, rule_ids),
        categories = COALESCE(excluded.categories, categories),
        severities = COALESCE(excluded.severities, severities)`);
    const deleteFacets = this.db.prepare<[string, string, string]>('DELETE FROM search_message_facets WHERE corp_id = ? AND msgid = ? AND kind = ?');
    const insertFacet = this.db.prepare<[string, string, string, string]>(
      'INSERT OR IGNORE INTO search_message_facets (corp_id, msgid, kind, value) VALUES (?, ?, ?, ?)',
    );

    // Only the fields given are replaced: a document indexed without tags keeps those classification set.
    const writeTags = (corpId: string, msgid: string, tags: MessageTags): void => {
      const json = (values: readonly string[] | undefined) => (values === undefined ? null : JSON.stringify(values));
      upsertTags.run(corpId, msgid, json(tags.ruleIds), json(tags.categories), json(tags.severities));
      for (const { field, kind } of FACETS) {
        const values = tags[field];
        if (values === undefined) continue;
        deleteFacets.run(corpId, msgid, kind);
        for (const value of values) insertFacet.run(corpId, msgid, kind, value);
      }
    };

    const writeDocuments = this.db.transaction((documents: readonly MessageDocument[]) => {
      for (const d of documents) {
        const row: MessageColumns = {
          corp_id: d.corpId,
          msgid: d.msgid,
          conversation_id: d.conversationId,
          msgtype: d.msgtype,
          action: d.action,
          from_id: d.from,
          tolist: JSON.stringify(d.tolist),
          roomid: d.roomid,
          msgtime: d.msgtime,
          text: d.text,
        };
        const inserted = insertMessage.get(row);
        const id = inserted?.id ?? updateMessage.get(row)!.id;
        if (!inserted) deleteText.run(id);
        insertText.run(id, termsOf(d.text).join(' '));
        if (d.ruleIds !== undefined || d.categories !== undefined || d.severities !== undefined) writeTags(d.corpId, d.msgid, d);
      }
    });

    // A later state already indexed stays: the WHERE makes the upsert a no-op that returns no row.
    const upsertAlert = this.db.prepare<AlertColumns, { id: number }>(`
      INSERT INTO search_alerts (alert_id, corp_id, employee_id, rule_id, category, severity, status, version, hit_count, created_at, document)
      VALUES (@alert_id, @corp_id, @employee_id, @rule_id, @category, @severity, @status, @version, @hit_count, @created_at, @document)
      ON CONFLICT (alert_id) DO UPDATE SET
        corp_id = excluded.corp_id, employee_id = excluded.employee_id, rule_id = excluded.rule_id, category = excluded.category,
        severity = excluded.severity, status = excluded.status, version = excluded.version, hit_count = excluded.hit_count,
        created_at = excluded.created_at, document = excluded.document
      WHERE excluded.version > search_alerts.version
        OR (excluded.version = search_alerts.version AND excluded.hit_count >= search_alerts.hit_count)
      RETURNING id`);
    const deleteAlertText = this.db.prepare<[number]>('DELETE FROM search_alert_text WHERE rowid = ?');
    const insertAlertText = this.db.prepare<[number, string]>('INSERT INTO search_alert_text (rowid, terms) VALUES (?, ?)');
    const writeAlert = this.db.transaction((d: AlertDocument) => {
      const written = upsertAlert.get({
        alert_id: d.alertId,
        corp_id: d.corpId,
        employee_id: d.employeeId,
        rule_id: d.ruleId,
        category: d.category,
        severity: d.severity,
        status: d.status,
        version: d.version,
        hit_count: d.hitCount,
        created_at: d.createdAt,
        document: JSON.stringify(d),
      });
      if (!written) return;
      deleteAlertText.run(written.id);
      insertAlertText.run(written.id, termsOf(d.excerpt).join(' '));
    });

    return { writeDocuments, writeTags: this.db.transaction(writeTags), writeAlert };
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
