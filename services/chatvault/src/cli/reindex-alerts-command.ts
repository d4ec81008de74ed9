import type { Config, Logger } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { createSearchIndex } from '@chatvault/search';
import { reindexAlerts } from '@chatvault/service-alerting';

/**
 * `chatvault reindex-alerts`: writes every stored alert into the alerts search index configured by the
 * environment (Elasticsearch or the embedded one). Returns the exit code.
 */
export async function runReindexAlertsCommand(config: Config, logger: Logger, write: (line: string) => void): Promise<number> {
  const store = await createArchiveStore(config, logger);
  const search = createSearchIndex(config, logger);
  try {
    await store.migrate();
    await search.ensureReady();
    const indexed = await reindexAlerts(store, search);
    write(`indexed ${indexed} alert(s)`);
    return 0;
  } catch (error) {
    write(`reindex-alerts failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await search.close();
    await store.close();
  }
}
