/**
 * The embedded index. FTS5 indexes a shadow of each text that is already split into our tokens
 * and joined by spaces; its tokenizer is told that everything but spaces and control characters
 * is part of a token, so it keeps our tokens exactly (a Han character, `abc123`, `a.b`, 👍) and
 * phrase queries over them behave like Elasticsearch's. The FTS table keeps no copy of the text
 * (contentless, with deletes): the original lives in search_messages.
 *
 * Tags live apart from messages, keyed by (corp_id, msgid), because classification may tag a
 * message before it is indexed; search_message_facets holds one row per tag value so filters use
 * an index, search_message_tags the arrays as given.
 *
 * Alerts keep their whole document as JSON and the fields searched on as columns; their excerpt is
 * indexed in search_alert_text as messages' texts are.
 */
export const SEARCH_SCHEMA = `
  CREATE TABLE IF NOT EXISTS search_messages (
    id INTEGER PRIMARY KEY,
    corp_id TEXT NOT NULL,
    msgid TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    msgtype TEXT NOT NULL,
    action TEXT NOT NULL,
    from_id TEXT NOT NULL,
    tolist TEXT NOT NULL,
    roomid TEXT NOT NULL,
    msgtime INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (corp_id, msgid)
  );
  CREATE INDEX IF NOT EXISTS search_messages_newest ON search_messages (msgtime DESC, corp_id, msgid);
  CREATE INDEX IF NOT EXISTS search_messages_corp_newest ON search_messages (corp_id, msgtime DESC, msgid);
  CREATE INDEX IF NOT EXISTS search_messages_conversation_newest ON search_messages (conversation_id, msgtime DESC);
  CREATE INDEX IF NOT EXISTS search_messages_sender_newest ON search_messages (from_id, msgtime DESC);

  CREATE VIRTUAL TABLE IF NOT EXISTS search_message_text USING fts5(
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Cf Cn Co Cs'"
  );

  CREATE TABLE IF NOT EXISTS search_message_tags (
    corp_id TEXT NOT NULL,
    msgid TEXT NOT NULL,
    rule_ids TEXT,
    categories TEXT,
    severities TEXT,
    PRIMARY KEY (corp_id, msgid)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS search_message_facets (
    corp_id TEXT NOT NULL,
    msgid TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (corp_id, msgid, kind, value)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS search_message_facets_by_value ON search_message_facets (kind, value, corp_id, msgid);

  CREATE TABLE IF NOT EXISTS search_alerts (
    id INTEGER PRIMARY KEY,
    alert_id TEXT NOT NULL UNIQUE,
    corp_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    hit_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    document TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS search_alerts_newest ON search_alerts (created_at DESC, alert_id);
  CREATE INDEX IF NOT EXISTS search_alerts_corp_newest ON search_alerts (corp_id, created_at DESC, alert_id);

  CREATE VIRTUAL TABLE IF NOT EXISTS search_alert_text USING fts5(
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Cf Cn Co Cs'"
  );
`;
