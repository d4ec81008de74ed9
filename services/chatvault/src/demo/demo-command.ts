import { randomBytes } from 'node:crypto';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import type { Config, Logger } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { startChatVault, type RunningChatVault } from '../chatvault';
import { loadDemoTraffic } from './demo-traffic';

/**
 * `npm start -- --demo`: ChatVault as `npm start` runs it, then filled with a simulated corp's
 * directory and last three days of traffic, seeded misconduct included, so there is something to
 * search, review and be alerted about at once. Needs the api and ingest services in this process.
 */
export async function startDemo(config: Config, logger: Logger, write: (text: string) => void): Promise<RunningChatVault> {
  const apiKey = config.CHATVAULT_API_KEY ?? `cv_demo_${randomBytes(18).toString('hex')}`;
  const running = await startChatVault({ ...config, CHATVAULT_API_KEY: apiKey }, logger);
  const missing = ['api', 'ingest'].filter((name) => !running.services.includes(name));
  if (missing.length > 0) {
    await running.close();
    throw new Error(`--demo loads its traffic through this process's ${missing.join(' and ')} service; run it with TARGET=all`);
  }
  const summary = await loadDemoTraffic({ url: running.url, apiKey, store: running.app.get<ArchiveStore>(ARCHIVE_STORE), bus: running.app.get<MessageBus>(MESSAGE_BUS) });
  write(`\n${summary}\n`);
  if (!config.CHATVAULT_API_KEY) write(`\n  Demo admin API key (set CHATVAULT_API_KEY to choose your own):\n\n    ${apiKey}\n\n`);
  return running;
}
