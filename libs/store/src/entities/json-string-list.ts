import type { ValueTransformer } from 'typeorm';

/** Short id lists (departments, leaders, followers) read whole with their row, kept as JSON text on both databases. */
export const jsonStringList: ValueTransformer = {
  to: (value: readonly string[] | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? [] : (JSON.parse(value) as string[])),
};
