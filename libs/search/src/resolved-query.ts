import { DomainError } from '@chatvault/platform';
import { foldWidth } from './text/fold-width';
import { termsOf } from './text/search-tokenizer';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1_000;
/** Elasticsearch's index.max_result_window: deeper pages need search_after, which the port does not offer. */
const MAX_RESULT_WINDOW = 10_000;

export interface TextPhrase {
  /** The term as the user typed it, width-folded: what Elasticsearch analyzes. */
  text: string;
  /** Its tokens: what the embedded index matches. */
  terms: string[];
}

/** What every query of the port has: text, a time range and a page. */
interface PagedTextQuery {
  text?: string;
  since?: number;
  until?: number;
  offset?: number;
  limit?: number;
}

export type ResolvedQuery<Q extends PagedTextQuery> = Omit<Q, 'text' | 'offset' | 'limit'> & {
  phrases: TextPhrase[];
  offset: number;
  limit: number;
};

/**
 * Validates a query and splits its text into phrases once, for every adapter alike, so they agree
 * on which terms count and which pages exist.
 */
export function resolveQuery<Q extends PagedTextQuery>(query: Q): ResolvedQuery<Q> {
  const { text, offset = 0, limit = DEFAULT_LIMIT, ...filters } = query;
  if (!Number.isInteger(offset) || offset < 0) invalid(`offset must be an integer of at least 0, got ${offset}`);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) invalid(`limit must be an integer from 0 to ${MAX_LIMIT}, got ${limit}`);
  if (offset + limit > MAX_RESULT_WINDOW) invalid(`offset + limit must be at most ${MAX_RESULT_WINDOW}, got ${offset + limit}`);
  for (const bound of ['since', 'until'] as const) {
    const value = filters[bound];
    if (value !== undefined && !Number.isFinite(value)) invalid(`${bound} must be a number of ms since epoch, got ${value}`);
  }
  const phrases = foldWidth(text ?? '')
    .split(/\s+/)
    .map((term) => ({ text: term, terms: termsOf(term) }))
    .filter((phrase) => phrase.terms.length > 0);
  return { ...filters, phrases, offset, limit } as ResolvedQuery<Q>;
}

function invalid(message: string): never {
  throw new DomainError('invalid_request', message);
}
