import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const corpSchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  /** The chat-archive secret (会话内容存档 Secret). */
  secret: z.string().min(1, 'secret is required'),
  proxy: z.string().optional(),
  proxyPassword: z.string().optional(),
  /** PEM files of the private keys by publickey_ver: old versions stay listed, old records still need them. */
  privateKeyFiles: z
    .record(z.string(), z.string().min(1))
    .refine((files) => Object.keys(files).length > 0, 'at least one private key is required')
    .refine((files) => Object.keys(files).every((version) => /^[1-9]\d*$/.test(version)), 'key versions are positive integers'),
});

const corpsFileSchema = z.object({ corps: z.array(corpSchema).min(1, 'corps must not be empty') });

export interface ArchiveCorpConfig {
  corpId: string;
  secret: string;
  proxy?: string;
  proxyPassword?: string;
  /** PEM by publickey_ver. */
  privateKeys: Map<number, string>;
}

/** Reads the corps file; key file paths are relative to it. Errors name the file and the field. */
export function loadArchiveCorps(path: string): ArchiveCorpConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the chat-archive corps file ${path}: ${(error as Error).message}`);
  }
  const parsed = corpsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid chat-archive corps file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.corps.map(({ privateKeyFiles, ...corp }) => ({
    ...corp,
    privateKeys: new Map(
      Object.entries(privateKeyFiles).map(([version, file]) => {
        const keyPath = resolve(dirname(path), file);
        try {
          return [Number(version), readFileSync(keyPath, 'utf8')];
        } catch (error) {
          throw new Error(`cannot read the private key of version ${version} for corp ${corp.corpId} (${keyPath}): ${(error as Error).message}`);
        }
      }),
    ),
  }));
}
