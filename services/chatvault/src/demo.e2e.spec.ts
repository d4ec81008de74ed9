import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatVaultProcess, waitFor } from '@chatvault/testing';

describe('npm start -- --demo on a fresh data directory', () => {
  let dataDir: string;
  let demo: ChatVaultProcess;
  let key: string;
  const get = async (path: string): Promise<any> => (await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${key}` } })).json();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatvault-demo-'));
    demo = await ChatVaultProcess.start('demo', { TARGET: 'all', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, ['--demo']);
    key = await waitFor(() => /Demo admin API key[^\n]*\n\s*\n\s*(cv_demo_[0-9a-f]+)/.exec(demo.log)?.[1], { timeoutMs: 120_000, description: 'the demo key after its traffic was loaded' });
  }, 180_000);

  afterAll(async () => {
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads a simulated corp whose seeded misconduct raises alerts naming the employees', async () => {
    expect(demo.log).toMatch(/ingested \d+ records/);
    const seeded = ['off-book-deal', 'off-platform-contact', 'payment-diversion', 'card-push', 'message-recall', 'private-group'];
    await waitFor(
      async () => {
        const totals = await Promise.all(seeded.map(async (category) => (await get(`/api/v1/alerts?category=${category}&pageSize=1`)).total));
        return totals.every((total) => total > 0);
      },
      { timeoutMs: 120_000, description: 'alerts of the seeded kinds of misconduct' },
    );
    const { items } = await get('/api/v1/alerts?pageSize=100');
    expect(items.filter((a: any) => a.employeeName).length).toBeGreaterThan(0);
    const found = await get(`/api/v1/messages/search?q=${encodeURIComponent('微信')}`);
    expect(found.total).toBeGreaterThan(0);
  });
});
