import type { Type } from '@nestjs/common';

/** The shared infrastructure a service can ask for; a process starts only what its services need. */
export type Capability = 'bus' | 'store' | 'search' | 'cache' | 'objects';

export interface ServiceDefinition {
  /** The name used in TARGET. */
  readonly name: string;
  readonly module: Type<unknown>;
  readonly needs: readonly Capability[];
}
