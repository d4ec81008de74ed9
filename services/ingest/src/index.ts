import type { ServiceDefinition } from '@chatvault/platform';
import { IngestModule } from './ingest.module';

export const ingestService: ServiceDefinition = {
  name: 'ingest',
  module: IngestModule,
  needs: ['bus', 'store', 'search', 'objects'],
};

/** How ingest turns a WeCom record into the canonical message, for tools that judge records as classification would. */
export { toChatMessage } from './chat-message-normaliser';
