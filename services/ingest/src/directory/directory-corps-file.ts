import { z } from 'zod';
import { loadJsonConfigFile } from '@chatvault/platform';

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

/** Reads WECOM_DIRECTORY_CORPS_FILE. */
export function loadDirectoryCorps(path: string): DirectoryCorpConfig[] {
  return loadJsonConfigFile(path, corpsFileSchema, 'WeCom directory corps file').corps;
}
