import { createHash, randomBytes } from 'node:crypto';

export function generateApiKey(): string {
  return `cv_${randomBytes(32).toString('base64url')}`;
}

/** Keys are long random strings, so a fast hash is enough; only the hash is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
