import { counter, histogram } from '@chatvault/platform';

export const indexedDocuments = counter(
  'chatvault_search_indexed_documents_total',
  'Documents handed to the search index, by adapter and outcome (indexed|failed)',
  ['adapter', 'outcome'],
);

export const searchDuration = histogram('chatvault_search_query_duration_seconds', 'Time to answer a message search', ['adapter']);
