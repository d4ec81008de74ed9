import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ndjsonLines, type NdjsonLine } from './ndjson-lines';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-ndjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function file(content: string | Buffer): string {
  const path = join(dir, `f${files++}.ndjson`);
  writeFileSync(path, content);
  return path;
}

async function all(path: string, from = { offset: 0, line: 1 }, maxLineBytes = 1000): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of ndjsonLines(path, from, maxLineBytes)) lines.push(line);
  return lines;
}

describe('ndjsonLines', () => {
  it('gives each line with its number and the byte offset after it, CRLF, blank and unterminated last lines included', async () => {
    const path = file('{"a":"你好"}\r\n\n{"b":2}\n{"c":3}');
    expect(await all(path)).toEqual([
      { number: 1, end: 16, text: '{"a":"你好"}', bytes: 14 },
      { number: 2, end: 17, text: '', bytes: 0 },
      { number: 3, end: 25, text: '{"b":2}', bytes: 7 },
      { number: 4, end: 32, text: '{"c":3}', bytes: 7 },
    ]);
  });

  it('resumes at a saved offset with the line numbers going on', async () => {
    const path = file('{"a":1}\n{"b":2}\n{"c":3}\n');
    expect(await all(path, { offset: 8, line: 2 })).toEqual([
      { number: 2, end: 16, text: '{"b":2}', bytes: 7 },
      { number: 3, end: 24, text: '{"c":3}', bytes: 7 },
    ]);
  });

  it('reports a line longer than the limit by its length only, and reads on after it', async () => {
    const path = file(`${'x'.repeat(200_000)}\n{"ok":1}\n`);
    expect(await all(path, { offset: 0, line: 1 }, 100)).toEqual([
      { number: 1, end: 200_001, text: undefined, bytes: 200_000 },
      { number: 2, end: 200_010, text: '{"ok":1}', bytes: 8 },
    ]);
  });

  it('agrees with splitting the whole file, and every offset it gives resumes at the next line, whatever the lines', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', '中', '😀', '"', ' ', '\r'), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), async (lines, lastBreak) => {
        const content = lines.join('\n') + (lastBreak ? '\n' : '');
        const path = file(content);
        const read = await all(path, { offset: 0, line: 1 }, 10_000);
        // A final line break ends the last line rather than starting another.
        const expected = content.split('\n');
        if (expected.at(-1) === '') expected.pop();
        expect(read.map((l) => l.text)).toEqual(expected.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
        for (const [i, at] of read.entries()) expect((await all(path, { offset: at.end, line: at.number + 1 }, 10_000)).map((l) => l.number)).toEqual(read.slice(i + 1).map((l) => l.number));
      }),
      { numRuns: 100 },
    );
  });
});
