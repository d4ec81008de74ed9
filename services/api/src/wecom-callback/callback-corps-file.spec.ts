import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCallbackCorps } from './callback-corps-file';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-callback-corps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function file(content: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadCallbackCorps', () => {
  it('reads each corp with its token and key', () => {
    expect(loadCallbackCorps(file({ corps: [{ corpId: 'wwa', token: 't', encodingAesKey: AES_KEY }] }))).toEqual([{ corpId: 'wwa', token: 't', encodingAesKey: AES_KEY }]);
  });

  it('names the file and the field at fault, never the secret', () => {
    const badKey = file({ corps: [{ corpId: 'wwa', token: 'secret-token', encodingAesKey: 'short' }] });
    expect(() => loadCallbackCorps(badKey)).toThrow(`invalid WeCom callback corps file ${badKey}: corps.0.encodingAesKey: encodingAesKey must be the 43 letters`);
    expect(() => loadCallbackCorps(badKey)).not.toThrow('secret-token');
    expect(() => loadCallbackCorps(file({ corps: [{ corpId: 'wwa', encodingAesKey: AES_KEY }] }))).toThrow('corps.0.token');
    expect(() => loadCallbackCorps(file('{'))).toThrow('cannot read the WeCom callback corps file');
  });

  it('refuses a corp listed twice', () => {
    const corp = { corpId: 'wwa', token: 't', encodingAesKey: AES_KEY };
    expect(() => loadCallbackCorps(file({ corps: [corp, corp] }))).toThrow('corp wwa is listed twice');
  });
});
