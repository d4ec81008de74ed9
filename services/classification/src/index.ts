import type { ServiceDefinition } from '@chatvault/platform';
import { ClassificationModule } from './classification.module';

export const classificationService: ServiceDefinition = {
  name: 'classification',
  module: ClassificationModule,
  needs: ['bus', 'store', 'search', 'cache', 'objects'],
};
