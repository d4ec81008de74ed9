import type { Visibility } from './visibility';

/**
 * Matches read, newest first, to answer a scoped key whose scope the query cannot carry (departments,
 * several corps): the search index pages no deeper, and the filtering happens here.
 */
export const SCOPE_SCAN_LIMIT = 10_000;
const SCAN_BATCH = 1_000;

export interface ScopedPage<T> {
  /** In scope among the matches read. */
  total: number;
  items: T[];
  /** True when there were more than SCOPE_SCAN_LIMIT matches: older ones in scope are not counted or listed. */
  partial: boolean;
}

/** One page of the items in scope among the first SCOPE_SCAN_LIMIT matches of a query. */
async function pageInScope<T>(
  fetch: (offset: number, limit: number) => Promise<{ total: number; items: T[] }>,
  sees: (item: T) => boolean,
  page: { offset: number; limit: number },
): Promise<ScopedPage<T>> {
  const inScope: T[] = [];
  let read = 0;
  let matches = Infinity;
  while (read < Math.min(matches, SCOPE_SCAN_LIMIT)) {
    const batch = await fetch(read, SCAN_BATCH);
    matches = batch.total;
    inScope.push(...batch.items.filter(sees));
    if (batch.items.length === 0) break;
    read += batch.items.length;
  }
  return { total: inScope.length, items: inScope.slice(page.offset, page.offset + page.limit), partial: matches > SCOPE_SCAN_LIMIT };
}

/**
 * A page of what the key may see: the query narrowed to the scope's corp when that is all the scope
 * asks, else filtered item by item. `fetch` runs the query for a corp filter and a window.
 */
export async function visiblePage<T>(
  visibility: Visibility,
  askedCorp: string | undefined,
  fetch: (corpId: string | undefined, offset: number, limit: number) => Promise<{ total: number; items: T[] }>,
  sees: (item: T) => boolean,
  page: { offset: number; limit: number },
): Promise<ScopedPage<T>> {
  const corp = visibility.corpFilter(askedCorp);
  if (corp === 'excluded') return { total: 0, items: [], partial: false };
  if (!visibility.needsFiltering(corp.corpId)) return { ...(await fetch(corp.corpId, page.offset, page.limit)), partial: false };
  return pageInScope((offset, limit) => fetch(corp.corpId, offset, limit), sees, page);
}
