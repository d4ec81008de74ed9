import { counter, gauge } from '@chatvault/platform';

/** Topic and group labels are the names services use, without the bus namespace. */
export const busMetrics = {
  published: counter('chatvault_bus_published_total', 'Messages accepted by publish', ['topic']),
  delivered: counter('chatvault_bus_delivered_total', 'Messages whose handler resolved', ['topic', 'group']),
  handlerFailures: counter('chatvault_bus_handler_failures_total', 'Handler attempts that threw', ['topic', 'group']),
  deadLetters: counter('chatvault_bus_dead_letters_total', 'Messages moved to <topic>.dlt', ['topic', 'group']),
  consumerLag: gauge('chatvault_bus_consumer_lag', 'Messages in a partition not yet consumed by the group', ['topic', 'group', 'partition']),
};
