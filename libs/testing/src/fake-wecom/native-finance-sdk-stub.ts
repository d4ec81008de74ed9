import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles fake-finance-sdk-native.c into a shared library exporting the WeCom finance SDK's C
 * functions, so the koffi binding can be exercised without the vendor library. Needs gcc.
 */
export function buildNativeFinanceSdkStub(): string {
  return compile('fake-finance-sdk-native.c', []);
}

/**
 * Compiles archive-directory-sdk-native.c into a finance SDK library that serves what
 * `FakeFinanceSdk.exportTo(join(archiveDir, corpId))` wrote, for a ChatVault process to pull from.
 * Needs gcc and OpenSSL's headers (libssl-dev).
 */
export function buildArchiveDirectorySdk(archiveDir: string): string {
  return compile('archive-directory-sdk-native.c', [`-DARCHIVE_DIR=${JSON.stringify(archiveDir)}`, '-lcrypto']);
}

/** The flags follow the source, as libraries must follow what needs them. */
function compile(source: string, flags: readonly string[]): string {
  const output = join(mkdtempSync(join(tmpdir(), 'finance-sdk-stub-')), 'libWeWorkFinanceSdk_C.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-o', output, join(__dirname, source), ...flags], { stdio: 'pipe' });
  return output;
}
