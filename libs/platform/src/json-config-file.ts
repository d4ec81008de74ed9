import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads a JSON settings file named by a variable (e.g. a corps file) and validates it. Errors name
 * the file and each field at fault, never a value, since these files hold secrets.
 */
export function loadJsonConfigFile<S extends z.ZodType>(path: string, schema: S, description: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the ${description} ${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid ${description} ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
