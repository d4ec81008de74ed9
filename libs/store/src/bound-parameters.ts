/** SQLite's limit on values bound to one statement (PostgreSQL allows 65535): bigger batches are split. */
export const MAX_BOUND_PARAMETERS = 32_766;

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
