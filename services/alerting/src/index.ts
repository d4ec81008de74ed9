import type { ServiceDefinition } from '@chatvault/platform';
import { AlertingModule } from './alerting.module';

export const alertingService: ServiceDefinition = {
  name: 'alerting',
  module: AlertingModule,
  needs: ['bus', 'store', 'search', 'cache'],
};
export { reindexAlerts } from './soc/alert-reindex';
