import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureProblemV1, type CaptureProblem } from '@chatvault/contracts';
import { InProcessBus, MemoryBusLog } from '@chatvault/bus';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { buildNativeFinanceSdkStub } from '@chatvault/testing';
import { ArchivePullerService } from './archive-puller.service';

const logger = createLogger('silent');
const dir = mkdtempSync(join(tmpdir(), 'chatvault-puller-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The service wired from configuration to the koffi adapter over a native stub of the SDK (needs gcc). */
describe('ArchivePullerService', () => {
  it('does nothing without WECOM_ARCHIVE_CORPS_FILE and says so when asked to pull', async () => {
    const service = new ArchivePullerService(loadConfig({ DATA_DIR: dir }), logger, undefined as never, undefined as never);
    expect(() => service.sourceFor('wwcorp')).toThrow('the chat-archive SDK sessions are not open yet');
    await service.onApplicationBootstrap();
    await expect(service.pullNow('wwcorp')).rejects.toThrow('the chat-archive puller is not configured (WECOM_ARCHIVE_CORPS_FILE)');
    expect(service.sourceFor('wwcorp')).toBeUndefined();
    await service.onApplicationShutdown();
  });

  it('refuses a corps file without the SDK library', async () => {
    const config = loadConfig({ DATA_DIR: dir, WECOM_ARCHIVE_CORPS_FILE: join(dir, 'corps.json') });
    const service = new ArchivePullerService(config, logger, undefined as never, undefined as never);
    await expect(service.onApplicationBootstrap()).rejects.toThrow('WECOM_ARCHIVE_CORPS_FILE is set but WECOM_FINANCE_SDK_LIBRARY is not');
  });

  it('pulls each configured corp through the native SDK into the envelope store', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(join(dir, 'v3.pem'), privateKey);
    writeFileSync(join(dir, 'corps.json'), JSON.stringify({ corps: [{ corpId: 'wwcorp', secret: 'archive-secret', privateKeyFiles: { '3': 'v3.pem' } }] }));
    const config = loadConfig({
      DATA_DIR: dir,
      WECOM_ARCHIVE_CORPS_FILE: join(dir, 'corps.json'),
      WECOM_FINANCE_SDK_LIBRARY: buildNativeFinanceSdkStub(),
      WECOM_ARCHIVE_PULL_INTERVAL_MS: '3600000',
    });
    const store = await createArchiveStore(config, logger);
    await store.migrate();
    const bus = new InProcessBus({ log: new MemoryBusLog(), logger });
    const problems: CaptureProblem[] = [];
    await bus.subscribe(captureProblemV1, { group: 'test' }, async ({ value }) => {
      problems.push(value);
    });
    await bus.start();
    const service = new ArchivePullerService(config, logger, store, bus);
    try {
      await service.onApplicationBootstrap();
      await service.pullNow('wwcorp');
      expect(service.sourceFor('wwcorp')).toBeDefined();
      expect(service.sourceFor('wwother')).toBeUndefined();
      // The stub's three records carry placeholder keys no RSA key opens: stored, kept as failed, each reported.
      expect(await store.envelopes.cursor('wwcorp')).toBe(3);
      expect(await store.envelopes.countByState('wwcorp', 'failed')).toBe(3);
      await expect.poll(() => problems.map((p) => [p.kind, p.seqFrom]).sort()).toEqual([
        ['decrypt-failed', 1],
        ['decrypt-failed', 2],
        ['decrypt-failed', 3],
      ]);
    } finally {
      await service.onApplicationShutdown();
      await bus.stop();
      await store.close();
    }
  });
});
