import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadJsonConfigFile } from './json-config-file';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-json-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = z.object({ corps: z.array(z.object({ corpId: z.string().min(1, 'corpId is required'), secret: z.string() })) });

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

describe('loadJsonConfigFile', () => {
  it('returns the validated content', () => {
    expect(loadJsonConfigFile(file('ok.json', '{"corps":[{"corpId":"wwa","secret":"s"}]}'), schema, 'test file')).toEqual({ corps: [{ corpId: 'wwa', secret: 's' }] });
  });

  it('names the file and every field at fault, without the values', () => {
    const path = file('bad.json', '{"corps":[{"corpId":"","secret":"very-secret"},{"corpId":"wwb"}]}');
    let message = '';
    try {
      loadJsonConfigFile(path, schema, 'test file');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^invalid test file ${path}: corps\\.0\\.corpId: corpId is required; corps\\.1\\.secret: `));
    expect(message).not.toContain('very-secret');
  });

  it('says when the file cannot be read or is not JSON', () => {
    expect(() => loadJsonConfigFile(join(dir, 'missing.json'), schema, 'test file')).toThrow(`cannot read the test file ${join(dir, 'missing.json')}: ENOENT`);
    expect(() => loadJsonConfigFile(file('broken.json', '{'), schema, 'test file')).toThrow('cannot read the test file');
  });
});
