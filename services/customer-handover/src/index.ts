import type { ServiceDefinition } from '@chatvault/platform';
import { CustomerHandoverModule } from './customer-handover.module';

export const customerHandoverService: ServiceDefinition = {
  name: 'customer-handover',
  module: CustomerHandoverModule,
  needs: ['bus', 'store'],
};
