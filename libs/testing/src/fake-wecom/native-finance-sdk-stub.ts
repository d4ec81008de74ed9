import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles fake-finance-sdk-native.c into a shared library exporting the WeCom finance SDK's C
 * functions, so the koffi binding can be exercised without the vendor library. Needs gcc.
 */
export function buildNativeFinanceSdkStub(): string {
  const output = join(mkdtempSync(join(tmpdir(), 'finance-sdk-stub-')), 'libWeWorkFinanceSdk_C.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-o', output, join(__dirname, 'fake-finance-sdk-native.c')], { stdio: 'pipe' });
  return output;
}
