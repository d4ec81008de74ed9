import { parseArgs } from 'node:util';
import type { Config } from '@chatvault/platform';
import { importProgress } from './import/import-progress';
import { IngestClient, IngestRefusedError } from './import/ingest-client';
import { runNdjsonImport, type ImportOutcome } from './import/ndjson-import';

const USAGE =
  'usage: chatvault import <file.ndjson> [--url http://localhost:8080] [--key KEY] [--corp ID] [--batch 500] [--state FILE] [--rejects FILE] [--retries 10]\n' +
  '  each line is a decrypted chat-archive record, {"corpId":"ww…",…record} or a bare record with --corp;\n' +
  '  the key defaults to CHATVAULT_API_KEY; a rerun resumes where an interrupted one stopped';

/** Exit codes: everything archived; some lines refused (listed in the rejects file); the import stopped before the end. */
export const IMPORT_EXIT = { ok: 0, rejected: 1, stopped: 2 } as const;

export interface ImportCommandIo {
  write: (line: string) => void;
  /** Where the progress bar or progress lines go. */
  progressStream: NodeJS.WriteStream;
  /** Aborted on Ctrl-C: the import stops after its batch in flight. */
  signal?: AbortSignal;
}

/**
 * `chatvault import file.ndjson`: posts the records to a running ChatVault's ingest endpoint, so
 * an import goes through the same validation, deduplication and archiving as any other client.
 */
export async function runImportCommand(args: readonly string[], config: Config, io: ImportCommandIo): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args, config);
  } catch (error) {
    io.write(`${(error as Error).message}\n${USAGE}`);
    return IMPORT_EXIT.stopped;
  }
  const client = new IngestClient({
    url: options.url,
    apiKey: options.key,
    attempts: options.retries + 1,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    onRetry: (attempt, reason, delayMs) => io.write(`batch attempt ${attempt} failed (${reason}); retrying in ${(delayMs / 1000).toFixed(1)} s`),
  });
  let outcome: ImportOutcome;
  try {
    outcome = await runNdjsonImport({ ...options, client, progress: importProgress(io.progressStream), ...(io.signal ? { signal: io.signal } : {}) });
  } catch (error) {
    const kind = error instanceof IngestRefusedError ? '' : 'import stopped: ';
    io.write(`${kind}${(error as Error).message}\nwhat the server accepted is recorded in ${options.statePath}: run the same command again to resume`);
    return IMPORT_EXIT.stopped;
  }
  io.write(summary(outcome, options));
  if (outcome.interrupted) return IMPORT_EXIT.stopped;
  return outcome.state.rejected > 0 ? IMPORT_EXIT.rejected : IMPORT_EXIT.ok;
}

function parse(args: readonly string[], config: Config) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      url: { type: 'string', default: `http://localhost:${config.PORT}` },
      key: { type: 'string' },
      corp: { type: 'string' },
      batch: { type: 'string', default: '500' },
      state: { type: 'string' },
      rejects: { type: 'string' },
      retries: { type: 'string', default: '10' },
    },
  });
  if (positionals.length !== 1) throw new Error('name exactly one NDJSON file to import');
  const input = positionals[0]!;
  const key = values.key ?? config.CHATVAULT_API_KEY;
  if (!key) throw new Error('an API key with the ingest role is required: --key or CHATVAULT_API_KEY');
  const batchSize = wholeNumber(values.batch, '--batch', 1, 1000);
  const retries = wholeNumber(values.retries, '--retries', 0, 1000);
  if (values.corp === '') throw new Error('--corp must not be empty');
  try {
    new URL(values.url);
  } catch {
    throw new Error(`--url ${values.url} is not a URL`);
  }
  return {
    input,
    url: values.url,
    key,
    ...(values.corp === undefined ? {} : { corpId: values.corp }),
    batchSize,
    retries,
    statePath: values.state ?? `${input}.import-state.json`,
    rejectsPath: values.rejects ?? `${input}.rejects.ndjson`,
  };
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${option} must be a whole number from ${min} to ${max}, not ${text}`);
  return value;
}

function summary({ state, resumedFrom, totalBytes, interrupted }: ImportOutcome, paths: { statePath: string; rejectsPath: string }): string {
  const rows: [string, string][] = [
    ['result', interrupted ? 'INTERRUPTED: run the same command again to resume' : state.rejected > 0 ? 'DONE, WITH REJECTED LINES' : 'DONE'],
    ...(resumedFrom ? [['resumed at', `line ${resumedFrom.line} (byte ${resumedFrom.offset})`] as [string, string]] : []),
    ['read', `${state.line - 1} lines, ${state.offset} of ${totalBytes} bytes`],
    ['sent', String(state.sent)],
    ['archived', String(state.archived)],
    ['duplicate', String(state.duplicates)],
    ['rejected', state.rejected > 0 ? `${state.rejected}, listed in ${paths.rejectsPath}` : '0'],
    ['state', paths.statePath],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
