import type { ServiceDefinition } from '@chatvault/platform';
import { ApiModule } from './api.module';

export const apiService: ServiceDefinition = {
  name: 'api',
  module: ApiModule,
  needs: ['bus', 'store', 'search', 'cache', 'objects'],
};
