import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createLogger, loadConfig } from '@chatvault/platform';
import { createArchiveStore } from '@chatvault/store';
import { describeArchivePuller } from './archive-puller-suite';

const dataDir = mkdtempSync(join(tmpdir(), 'chatvault-puller-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeArchivePuller('SQLite', () => createArchiveStore(loadConfig({ DATA_DIR: dataDir }), createLogger('silent')));
