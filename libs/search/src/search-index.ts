import type { Severity } from '@chatvault/contracts';

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
  /** Filled in once classification has run. */
  ruleIds?: string[];
  categories?: string[];
  severities?: Severity[];
}

export interface MessageQuery {
  corpId?: string;
  /** Free text; Chinese is matched as a phrase of characters, so 飞单 never matches 飞机单程. */
  text?: string;
  conversationId?: string;
  from?: string;
  ruleId?: string;
  category?: string;
  severity?: Severity;
  /** ms since epoch, inclusive */
  since?: number;
  until?: number;
  /** Newest first. */
  offset?: number;
  limit?: number;
}

export interface MessageSearchHit {
  document: MessageDocument;
  /** Fragments of text with each match wrapped in <em>…</em>. */
  highlights: string[];
}

export interface MessageSearchResult {
  total: number;
  hits: MessageSearchHit[];
}

export interface IndexResult {
  indexed: number;
  failed: { msgid: string; error: string }[];
}

export interface SearchIndex {
  /** Creates templates/tables; safe to call on every start. */
  ensureReady(): Promise<void>;
  /** Idempotent on (corpId, msgid): indexing a message again replaces it. */
  indexMessages(documents: readonly MessageDocument[]): Promise<IndexResult>;
  /** Adds classification facets to messages already indexed. */
  tagMessage(corpId: string, msgid: string, tags: { ruleIds: string[]; categories: string[]; severities: Severity[] }): Promise<void>;
  searchMessages(query: MessageQuery): Promise<MessageSearchResult>;
  /** Makes everything indexed so far searchable (tests; the index refreshes on its own within a second). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export const SEARCH_INDEX = Symbol('SearchIndex');
