import type { ServiceDefinition } from '@chatvault/platform';
import { IngestModule } from './ingest.module';

export const ingestService: ServiceDefinition = {
  name: 'ingest',
  module: IngestModule,
  needs: ['bus', 'store', 'search', 'objects'],
};
