import type Database from 'better-sqlite3';
import type { MessageTags } from '../document-problem';
import type { AlertDocument, MessageDocument } from '../search-index';
import { termsOf } from '../text/search-tokenizer';

/** A change to the embedded index, already validated: what the writer thread is sent. */
export type SearchWrite =
  | { readonly kind: 'messages'; readonly documents: readonly MessageDocument[] }
  | { readonly kind: 'tags'; readonly corpId: string; readonly msgid: string; readonly tags: MessageTags }
  | { readonly kind: 'alert'; readonly document: AlertDocument };

/** A message's row in search_messages, as written and as read back. */
export interface MessageColumns {
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

const FACETS = [
  { field: 'ruleIds', kind: 'rule' },
  { field: 'categories', kind: 'category' },
  { field: 'severities', kind: 'severity' },
] as const;

/**
 * Prepares every statement that changes the index and returns what applies one write. It opens no
 * transaction: the caller wraps as many writes as it has in one, so their FTS5 segments and pages
 * are written once.
 */
export function prepareSearchWrites(db: Database.Database): (write: SearchWrite) => void {
  // Inserting and updating apart: only a message indexed before has text in the FTS table to delete,
  // and deleting from a contentless FTS5 table costs as much as inserting into it.
  const insertMessage = db.prepare<MessageColumns, { id: number }>(`
    INSERT INTO search_messages (corp_id, msgid, conversation_id, msgtype, action, from_id, tolist, roomid, msgtime, text)
    VALUES (@corp_id, @msgid, @conversation_id, @msgtype, @action, @from_id, @tolist, @roomid, @msgtime, @text)
    ON CONFLICT (corp_id, msgid) DO NOTHING
    RETURNING id`);
  const updateMessage = db.prepare<MessageColumns, { id: number }>(`
    UPDATE search_messages SET
      conversation_id = @conversation_id, msgtype = @msgtype, action = @action, from_id = @from_id,
      tolist = @tolist, roomid = @roomid, msgtime = @msgtime, text = @text
    WHERE corp_id = @corp_id AND msgid = @msgid
    RETURNING id`);
  const deleteText = db.prepare<[number]>('DELETE FROM search_message_text WHERE rowid = ?');
  const insertText = db.prepare<[number, string]>('INSERT INTO search_message_text (rowid, terms) VALUES (?, ?)');
  const upsertTags = db.prepare<[string, string, string | null, string | null, string | null]>(`
    INSERT INTO search_message_tags (corp_id, msgid, rule_ids, categories, severities) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (corp_id, msgid) DO UPDATE SET
      rule_ids = COALESCE(excluded.rule_ids, rule_ids),
      categories = COALESCE(excluded.categories, categories),
      severities = COALESCE(excluded.severities, severities)`);
  const deleteFacets = db.prepare<[string, string, string]>('DELETE FROM search_message_facets WHERE corp_id = ? AND msgid = ? AND kind = ?');
  const insertFacet = db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO search_message_facets (corp_id, msgid, kind, value) VALUES (?, ?, ?, ?)');

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

  const writeDocuments = (documents: readonly MessageDocument[]): void => {
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
  };

  // A later state already indexed stays: the WHERE makes the upsert a no-op that returns no row.
  const upsertAlert = db.prepare<AlertColumns, { id: number }>(`
    INSERT INTO search_alerts (alert_id, corp_id, employee_id, rule_id, category, severity, status, version, hit_count, created_at, document)
    VALUES (@alert_id, @corp_id, @employee_id, @rule_id, @category, @severity, @status, @version, @hit_count, @created_at, @document)
    ON CONFLICT (alert_id) DO UPDATE SET
      corp_id = excluded.corp_id, employee_id = excluded.employee_id, rule_id = excluded.rule_id, category = excluded.category,
      severity = excluded.severity, status = excluded.status, version = excluded.version, hit_count = excluded.hit_count,
      created_at = excluded.created_at, document = excluded.document
    WHERE excluded.version > search_alerts.version
      OR (excluded.version = search_alerts.version AND excluded.hit_count >= search_alerts.hit_count)
    RETURNING id`);
  const deleteAlertText = db.prepare<[number]>('DELETE FROM search_alert_text WHERE rowid = ?');
  const insertAlertText = db.prepare<[number, string]>('INSERT INTO search_alert_text (rowid, terms) VALUES (?, ?)');
  const writeAlert = (d: AlertDocument): void => {
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
  };

  return (write) => {
    if (write.kind === 'messages') writeDocuments(write.documents);
    else if (write.kind === 'tags') writeTags(write.corpId, write.msgid, write.tags);
    else writeAlert(write.document);
  };
}
