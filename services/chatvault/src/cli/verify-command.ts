import { parseArgs } from 'node:util';
import type { Config, Logger } from '@chatvault/platform';
import { createArchiveStore, DayVerifier, type VerifyResult } from '@chatvault/store';

const USAGE = 'usage: chatvault verify --corp <corpId> --day <YYYY-MM-DD>';

/**
 * `chatvault verify --corp X --day YYYY-MM-DD`: re-derives a sealed day's hashes from the archive
 * configured by the environment and prints what changed. Returns the exit code: 0 intact, 1 not.
 */
export async function runVerifyCommand(args: readonly string[], config: Config, logger: Logger, write: (line: string) => void): Promise<number> {
  let corpId: string | undefined;
  let day: string | undefined;
  try {
    ({ values: { corp: corpId, day } } = parseArgs({ args: [...args], options: { corp: { type: 'string' }, day: { type: 'string' } } }));
  } catch (error) {
    write(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!corpId || !day) {
    write(`--corp and --day are required\n${USAGE}`);
    return 1;
  }
  const store = await createArchiveStore(config, logger);
  try {
    await store.migrate();
    const result = await new DayVerifier(store).verify(corpId, day);
    write(report(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    write(`verify failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}

function report(result: VerifyResult): string {
  const rows: [string, string][] = [
    ['corp', result.corpId],
    ['day (UTC+8)', result.day],
    ['result', result.ok ? 'INTACT' : 'TAMPERED'],
    ['sealed records', String(result.sealedCount)],
    ['current records', String(result.currentCount)],
    ['merkle root matches', result.rootMatches ? 'yes' : 'NO'],
    ['chain intact', result.chainIntact ? 'yes' : 'NO'],
    ['altered', result.altered.join(', ') || '-'],
    ['inserted', result.inserted.join(', ') || '-'],
    ['missing', result.missing.join(', ') || '-'],
    ['amended (arrived late)', result.amended.join(', ') || '-'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
