import type { ArchiveDaySealed } from '@chatvault/contracts';
import type { DaySeal } from '../archive-store';

/** The event announcing a seal; its eventId is the corp-day, so announcing again is recognisable. */
export function daySealedEvent(seal: DaySeal): ArchiveDaySealed {
  return {
    eventId: `sealed:${seal.corpId}:${seal.day}`,
    occurredAt: new Date(seal.sealedAt).toISOString(),
    schemaVersion: 1,
    corpId: seal.corpId,
    day: seal.day,
    recordCount: seal.recordCount,
    merkleRoot: seal.merkleRoot,
    lastChainHash: seal.lastChainHash,
    sealedAt: new Date(seal.sealedAt).toISOString(),
  };
}
