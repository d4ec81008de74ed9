import { describe, expect, it } from 'vitest';
import type { MessageBus } from '@chatvault/bus';
import { createLogger, metricsRegistry } from '@chatvault/platform';
import type { ArchivePullerService } from './archive-puller.service';
import { ArchiveNotifyListener } from './archive-notify-listener';

async function notified(outcome: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('chatvault_ingest_archive_notify_total')!.get();
  return metric.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

const notify = (corpId: string) => ({ eventId: `n-${corpId}`, occurredAt: new Date().toISOString(), schemaVersion: 1 as const, corpId, receivedAt: Date.now() });

describe('ArchiveNotifyListener', () => {
  it('pulls the notified corp and counts it', async () => {
    const pulled: string[] = [];
    const puller = { pullNow: async (corpId: string) => void pulled.push(corpId) } as unknown as ArchivePullerService;
    const before = await notified('pulled');
    new ArchiveNotifyListener(undefined as unknown as MessageBus, createLogger('silent'), puller).onNotify(notify('wwa'));
    await expect.poll(() => notified('pulled')).toBe(before + 1);
    expect(pulled).toEqual(['wwa']);
  });

  it('counts a pull that cannot run (a corp not configured for pulling) without failing the message', async () => {
    const puller = { pullNow: () => Promise.reject(new Error('corp wwb is not configured for chat-archive pulling')) } as unknown as ArchivePullerService;
    const before = await notified('failed');
    expect(() => new ArchiveNotifyListener(undefined as unknown as MessageBus, createLogger('silent'), puller).onNotify(notify('wwb'))).not.toThrow();
    await expect.poll(() => notified('failed')).toBe(before + 1);
  });
});
