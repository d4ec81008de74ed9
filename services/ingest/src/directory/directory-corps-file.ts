import { readFileSync } from 'node:fs';
import { z } from 'zod';

const corpSchema = z.object({
  corpId: z.string().min(1, 'corpId is required'),
  /** The 通讯录同步 secret, or an app's secret with directory read access. */
  contactSecret: z.string().min(1, 'contactSecret is required'),
  /** The 客户联系 secret; without it customers are not read. */
  customerSecret: z.string().min(1).optional(),
  /** WeCom's API base URL, for a proxy or a test double; https://qyapi.weixin.qq.com when absent. */
  apiBaseUrl: z.url().optional(),
});

const corpsFileSchema = z.object({ corps: z.array(corpSchema).min(1, 'corps must not be empty') });

export type DirectoryCorpConfig = z.infer<typeof corpSchema>;

/** Reads WECOM_DIRECTORY_CORPS_FILE. Errors name the file and the field, never a secret. */
export function loadDirectoryCorps(path: string): DirectoryCorpConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the WeCom directory corps file ${path}: ${(error as Error).message}`);
  }
  const parsed = corpsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid WeCom directory corps file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.corps;
}
