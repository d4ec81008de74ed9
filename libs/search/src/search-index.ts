import type { AlertResolution, AlertStatus, ReadScope, Severity } from '@chatvault/contracts';

export interface MessageDocument {
  corpId: string;
  msgid: string;
  conversationId: string;
  msgtype: string;
  action: string;
  from: string;
  tolist: string[];
  roomid: string;
  /** ms since epoch */
  msgtime: number;
  text: string;
  /**
   * Filled in once classification has run. When indexing, a field left out keeps what the index
   * already holds for the message (e.g. from an earlier `tagMessage`); a field given replaces it.
   */
  ruleIds?: string[];
  categories?: string[];
  severities?: Severity[];
}

export interface MessageQuery {
  corpId?: string;
  /** Only messages whose sender or a recipient is in scope; absent: no restriction. */
  within?: ReadScope;
  /**
   * Free text, split on whitespace into terms that must all match. Each term matches as a phrase
   * of tokens (a token is one Han character, or a word of Latin letters and digits), so 飞单 finds
   * 飞单 and never 飞机单程. Case and full/half width do not matter (`WX` finds `ｗｘ`), and
   * punctuation or spaces between the characters of a phrase do not break it (飞单 finds 飞，单 and
   * 飞 单: the usual ways to dodge a keyword filter). Every character is literal: there are no
   * operators, and a term with nothing searchable in it (only punctuation) is ignored.
   */
  text?: string;
  conversationId?: string;
  from?: string;
  ruleId?: string;
  category?: string;
  severity?: Severity;
  /** ms since epoch, inclusive */
  since?: number;
  until?: number;
  /**
   * Paging over results ordered newest first (msgtime descending, then corpId and msgid).
   * offset defaults to 0 and limit to 20; limit is at most 1000 (0 asks for the total only) and
   * offset + limit at most 10,000, otherwise the search rejects with DomainError `invalid_request`.
   */
  offset?: number;
  limit?: number;
}

export interface MessageSearchHit {
  document: MessageDocument;
  /**
   * Fragments of text with each match wrapped in <em>…</em>, adjacent matches merged
   * (`<em>飞单</em>`). The text is HTML-escaped, so a fragment can be rendered as HTML as it is.
   * A text of up to 100 characters is one fragment; a longer one gives up to 3 fragments of about
   * 100 characters around its matches. Empty when the query has no text.
   */
  highlights: string[];
}

export interface MessageSearchResult {
  /** Exact count of matching messages, whatever the page. */
  total: number;
  hits: MessageSearchHit[];
}

export interface IndexResult {
  indexed: number;
  /** Documents the index refused (invalid fields, rejected by the server); the others are indexed. */
  failed: { msgid: string; error: string }[];
}

/**
 * An alert as SOC tools see it: its state after the latest change (ReviewedAlert in the store, without
 * the grouping keys). Times are ms since epoch.
 */
export interface AlertDocument {
  alertId: string;
  corpId: string;
  /** '' for alerts about no single employee (capture problems). */
  employeeId: string;
  conversationId: string;
  ruleId: string;
  category: string;
  severity: Severity;
  status: AlertStatus;
  resolution: AlertResolution | null;
  assignee: string | null;
  msgids: string[];
  hitCount: number;
  excerpt: string;
  policyId: string;
  policyVersion: number;
  /** The review version; with hitCount it orders the states of one alert. */
  version: number;
  createdAt: number;
  updatedAt: number;
  lastHitAt: number;
}

export interface AlertQuery {
  corpId?: string;
  /** Only alerts whose employee is in scope; absent: no restriction. */
  within?: ReadScope;
  employeeId?: string;
  ruleId?: string;
  category?: string;
  severity?: Severity;
  status?: AlertStatus;
  /** Over the excerpt, matched as MessageQuery.text is. */
  text?: string;
  /** On createdAt, ms since epoch, inclusive. */
  since?: number;
  until?: number;
  /** Newest first (createdAt descending, then alertId); the limits of MessageQuery. */
  offset?: number;
  limit?: number;
}

export interface AlertSearchResult {
  /** Exact count of matching alerts, whatever the page. */
  total: number;
  items: AlertDocument[];
}

export interface SearchIndex {
  /** Creates templates/tables; safe to call on every start. Connects, so a wrong URL fails here. */
  ensureReady(): Promise<void>;
  /** Idempotent on (corpId, msgid): indexing a message again replaces it. */
  indexMessages(documents: readonly MessageDocument[]): Promise<IndexResult>;
  /**
   * Adds classification facets to messages already indexed, replacing earlier ones. Order does not
   * matter: tags for a message not indexed yet are kept and apply once it is (until then the message
   * is not found).
   */
  tagMessage(corpId: string, msgid: string, tags: { ruleIds: string[]; categories: string[]; severities: Severity[] }): Promise<void>;
  searchMessages(query: MessageQuery): Promise<MessageSearchResult>;
  /**
   * Idempotent on alertId: indexing an alert again replaces it, unless the index already holds a later
   * state of it (a higher version, or the same version with more hits), which stays: states read at
   * different times may arrive in any order. Rejects an invalid document with DomainError `invalid_request`.
   */
  indexAlert(document: AlertDocument): Promise<void>;
  searchAlerts(query: AlertQuery): Promise<AlertSearchResult>;
  /** Makes everything indexed so far searchable (tests; the index refreshes on its own within a second). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export const SEARCH_INDEX = Symbol('SearchIndex');
