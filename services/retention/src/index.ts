import type { ServiceDefinition } from '@chatvault/platform';
import { RetentionModule } from './retention.module';

export const retentionService: ServiceDefinition = {
  name: 'retention',
  module: RetentionModule,
  needs: ['store'],
};
