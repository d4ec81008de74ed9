import type { ArchiveStore } from '@chatvault/store';
import type { SearchIndex } from '@chatvault/search';
import { alertDocument } from './alert-indexer';

const PAGE = 500;

/**
 * Indexes every alert the store holds, for an index that missed some (alerts raised before SOC indexing
 * existed, a dead-lettered event, a new `-vN` index). Indexing is idempotent and keeps the latest state,
 * so running it while alerts change is safe. Returns how many alerts it indexed.
 */
export async function reindexAlerts(store: ArchiveStore, search: SearchIndex): Promise<number> {
  let indexed = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await store.alerts.list({ offset, limit: PAGE });
    for (const alert of items) await search.indexAlert(alertDocument(alert));
    indexed += items.length;
    if (items.length < PAGE) return indexed;
  }
}
