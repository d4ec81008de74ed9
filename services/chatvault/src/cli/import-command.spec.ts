import { describe, expect, it } from 'vitest';
import { loadConfig } from '@chatvault/platform';
import { IMPORT_EXIT, runImportCommand } from './import-command';

const config = loadConfig({});

async function run(args: string[], key?: string): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runImportCommand(args, { ...config, CHATVAULT_API_KEY: key }, { write: (line) => lines.push(line), progressStream: process.stdout });
  return { code, output: lines.join('\n') };
}

describe('chatvault import', () => {
  it('names what is wrong with its arguments, with the usage, and stops', async () => {
    const key = 'k'.repeat(24);
    expect(await run([], key)).toEqual({ code: IMPORT_EXIT.stopped, output: expect.stringMatching(/^name exactly one NDJSON file to import\nusage: chatvault import <file.ndjson>/) });
    expect((await run(['a.ndjson'])).output).toMatch(/^an API key with the ingest role is required: --key or CHATVAULT_API_KEY\n/);
    expect((await run(['a.ndjson', '--batch', '1001'], key)).output).toMatch(/^--batch must be a whole number from 1 to 1000, not 1001\n/);
    expect((await run(['a.ndjson', '--url', 'localhost'], key)).output).toMatch(/^--url localhost is not a URL\n/);
    expect((await run(['a.ndjson', '--nope'], key)).output).toMatch(/^Unknown option '--nope'/);
  });

  it('stops, saying so, when the file cannot be read', async () => {
    const { code, output } = await run(['/nonexistent/records.ndjson', '--key', 'k'.repeat(24)]);
    expect(code).toBe(IMPORT_EXIT.stopped);
    expect(output).toMatch(/^import stopped: ENOENT.*records\.ndjson/);
  });
});
