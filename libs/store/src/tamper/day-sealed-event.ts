import type { ArchiveDaySealed } from '@chatvault/contracts';
import type { DayAmendment, DaySeal } from '../archive-store';

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

/** The event announcing an amendment of a sealed day; its eventId names the amendment. */
export function dayAmendedEvent(amendment: DayAmendment): ArchiveDaySealed {
  return {
    eventId: `sealed:${amendment.corpId}:${amendment.day}:${amendment.amendment}`,
    occurredAt: new Date(amendment.sealedAt).toISOString(),
    schemaVersion: 1,
    corpId: amendment.corpId,
    day: amendment.day,
    recordCount: amendment.recordCount,
    merkleRoot: amendment.merkleRoot,
    lastChainHash: amendment.lastChainHash,
    sealedAt: new Date(amendment.sealedAt).toISOString(),
    amendment: amendment.amendment,
  };
}
