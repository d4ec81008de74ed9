import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FinanceSdkLoadError, KoffiFinanceSdk } from './koffi-finance-sdk';

const open = (libraryPath: string) => KoffiFinanceSdk.open({ libraryPath, corpId: 'wwcorp', secret: 'archive-secret' });

describe('KoffiFinanceSdk without the vendor library', () => {
  it('says where it looked when the library is missing', async () => {
    await expect(open('/nonexistent/libWeWorkFinanceSdk_C.so')).rejects.toThrow(
      new FinanceSdkLoadError('WeCom finance SDK not found at /nonexistent/libWeWorkFinanceSdk_C.so: download libWeWorkFinanceSdk_C.so from the WeCom admin console and set its path'),
    );
  });

  it('says the file is not a shared library', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'finance-sdk-')), 'libWeWorkFinanceSdk_C.so');
    writeFileSync(path, 'not an ELF file');
    await expect(open(path)).rejects.toThrow(/cannot load .* as a shared library/);
  });

  it('says a library without the SDK’s functions is not the SDK', async () => {
    // libm is on every glibc system and has none of the SDK's symbols.
    await expect(open('/lib/x86_64-linux-gnu/libm.so.6')).rejects.toThrow(/has no usable NewSdk\(\): is it the WeCom finance SDK\?/);
  });
});
