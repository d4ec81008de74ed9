import type { ValueTransformer } from 'typeorm';

/**
 * Millisecond timestamps are stored as bigint. node-postgres returns bigint as a string (it may not
 * fit a double); ours always do, so they come back as numbers on both databases.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
