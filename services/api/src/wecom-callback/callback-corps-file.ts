import { readFileSync } from 'node:fs';
import { z } from 'zod';

const corpSchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  /** The callback Token set in the WeCom admin console (接收事件服务器 → Token). */
  token: z.string().min(1, 'token is required'),
  /** The 43-character EncodingAESKey set beside the Token. */
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'encodingAesKey must be the 43 letters and digits shown in the WeCom admin console'),
});

const corpsFileSchema = z.object({ corps: z.array(corpSchema).min(1, 'corps must not be empty') });

export type CallbackCorpConfig = z.infer<typeof corpSchema>;

/** Reads WECOM_CALLBACK_CORPS_FILE. Errors name the file and the field, never a secret. */
export function loadCallbackCorps(path: string): CallbackCorpConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the WeCom callback corps file ${path}: ${(error as Error).message}`);
  }
  const parsed = corpsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid WeCom callback corps file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ids = parsed.data.corps.map((c) => c.corpId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`invalid WeCom callback corps file ${path}: corp ${repeated} is listed twice`);
  return parsed.data.corps;
}
