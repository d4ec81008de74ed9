import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchiveCorps } from './archive-corps-file';

const dir = mkdtempSync(join(tmpdir(), 'chatvault-corps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function corpsFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadArchiveCorps', () => {
  it('reads each corp with its private keys by version, key paths relative to the file', () => {
    writeFileSync(join(dir, 'v1.pem'), 'PEM ONE');
    writeFileSync(join(dir, 'v3.pem'), 'PEM THREE');
    const path = corpsFile('ok.json', { corps: [{ corpId: 'ww1', secret: 's3cret', privateKeyFiles: { '1': 'v1.pem', '3': join(dir, 'v3.pem') } }] });
    expect(loadArchiveCorps(path)).toEqual([
      {
        corpId: 'ww1',
        secret: 's3cret',
        privateKeys: new Map([
          [1, 'PEM ONE'],
          [3, 'PEM THREE'],
        ]),
      },
    ]);
  });

  it('names the file and the field that is wrong', () => {
    const path = corpsFile('bad.json', { corps: [{ corpId: 'ww1', secret: '', privateKeyFiles: { v2: 'k.pem' } }] });
    expect(() => loadArchiveCorps(path)).toThrow(`invalid chat-archive corps file ${path}: corps.0.secret: secret is required; corps.0.privateKeyFiles: key versions are positive integers`);
    expect(() => loadArchiveCorps(corpsFile('empty.json', { corps: [] }))).toThrow('corps: corps must not be empty');
    expect(() => loadArchiveCorps(corpsFile('nokeys.json', { corps: [{ corpId: 'ww1', secret: 's', privateKeyFiles: {} }] }))).toThrow(
      'corps.0.privateKeyFiles: at least one private key is required',
    );
  });

  it('says which file cannot be read or parsed, and which key file is missing', () => {
    expect(() => loadArchiveCorps(join(dir, 'absent.json'))).toThrow(`cannot read the chat-archive corps file ${join(dir, 'absent.json')}: `);
    expect(() => loadArchiveCorps(corpsFile('broken.json', '{"corps": ['))).toThrow('cannot read the chat-archive corps file');
    const path = corpsFile('missing-key.json', { corps: [{ corpId: 'ww9', secret: 's', privateKeyFiles: { '2': 'nope.pem' } }] });
    expect(() => loadArchiveCorps(path)).toThrow(`cannot read the private key of version 2 for corp ww9 (${join(dir, 'nope.pem')}): `);
  });
});
