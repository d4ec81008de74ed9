import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Severity } from '@chatvault/contracts';
import { assertValidTags, documentProblem, type MessageTags } from '../document-problem';
import { resolveQuery, type ResolvedQuery } from '../resolved-query';
import type { IndexResult, MessageDocument, MessageQuery, MessageSearchResult, SearchIndex } from '../search-index';
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

const MESSAGE_COLUMNS = `m.corp_id, m.msgid, m.conversation_id, m.msgtype, m.action, m.from_id, m.tolist, m.roomid, m.msgtime, m.text,
  t.rule_ids, t.categories, t.severities`;

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
      const { page, count } = this.searchStatements(where);
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
    const upsertMessage = this.db.prepare<MessageColumns, { id: number }>(`
      INSERT INTO search_messages (corp_id, msgid, conversation_id, msgtype, action, from_id, tolist, roomid, msgtime, text)
      VALUES (@corp_id, @msgid, @conversation_id, @msgtype, @action, @from_id, @tolist, @roomid, @msgtime, @text)
      ON CONFLICT (corp_id, msgid) DO UPDATE SET
        conversation_id = excluded.conversation_id, msgtype = excluded.msgtype, action = excluded.action,
        from_id = excluded.from_id, tolist = excluded.tolist, roomid = excluded.roomid,
        msgtime = excluded.msgtime, text = excluded.text
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
        const { id } = upsertMessage.get({
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
        })!;
        deleteText.run(id);
        insertText.run(id, termsOf(d.text).join(' '));
        if (d.ruleIds !== undefined || d.categories !== undefined || d.severities !== undefined) writeTags(d.corpId, d.msgid, d);
      }
    });

    return { writeDocuments, writeTags: this.db.transaction(writeTags) };
  }

  private searchStatements(where: string): { page: Database.Statement; count: Database.Statement } {
    let statements = this.searches.get(where);
    if (!statements) {
      const whereClause = where === '' ? '' : `WHERE ${where}`;
      statements = {
        page: this.db.prepare(`
          SELECT ${MESSAGE_COLUMNS}
          FROM search_messages m LEFT JOIN search_message_tags t ON t.corp_id = m.corp_id AND t.msgid = m.msgid
          ${whereClause}
          ORDER BY m.msgtime DESC, m.corp_id, m.msgid
          LIMIT ? OFFSET ?`),
        count: this.db.prepare(`SELECT COUNT(*) AS total FROM search_messages m ${whereClause}`),
      };
      this.searches.set(where, statements);
    }
    return statements;
  }
}

function conditionsOf(query: ResolvedQuery): { where: string; params: (string | number)[] } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const add = (condition: string, value: string | number | undefined, ...leading: string[]) => {
    if (value === undefined) return;
    conditions.push(condition);
    params.push(...leading, value);
  };
  if (query.phrases.length > 0) {
    add('m.id IN (SELECT rowid FROM search_message_text WHERE search_message_text MATCH ?)', ftsMatch(query.phrases.map((p) => p.terms)));
  }
  add('m.corp_id = ?', query.corpId);
  add('m.conversation_id = ?', query.conversationId);
  add('m.from_id = ?', query.from);
  const facet = '(m.corp_id, m.msgid) IN (SELECT corp_id, msgid FROM search_message_facets WHERE kind = ? AND value = ?)';
  add(facet, query.ruleId, 'rule');
  add(facet, query.category, 'category');
  add(facet, query.severity, 'severity');
  add('m.msgtime >= ?', query.since);
  add('m.msgtime <= ?', query.until);
  return { where: conditions.join(' AND '), params };
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
