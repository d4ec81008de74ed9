import { z } from 'zod';
import { loadJsonConfigFile } from '@chatvault/platform';

const corpSchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  /** The callback Token set in the WeCom admin console (接收事件服务器 → Token). */
  token: z.string().min(1, 'token is required'),
  /** The 43-character EncodingAESKey set beside the Token. */
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'encodingAesKey must be the 43 letters and digits shown in the WeCom admin console'),
});

const corpsFileSchema = z.object({ corps: z.array(corpSchema).min(1, 'corps must not be empty') });

export type CallbackCorpConfig = z.infer<typeof corpSchema>;

/** Reads WECOM_CALLBACK_CORPS_FILE; a corp listed twice would leave which key applies to chance. */
export function loadCallbackCorps(path: string): CallbackCorpConfig[] {
  const { corps } = loadJsonConfigFile(path, corpsFileSchema, 'WeCom callback corps file');
  const ids = corps.map((c) => c.corpId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`invalid WeCom callback corps file ${path}: corp ${repeated} is listed twice`);
  return corps;
}
