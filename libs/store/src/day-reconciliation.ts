import type { ArchiveDayReconciled, CaptureProblemKind } from '@chatvault/contracts';
import type { ArchiveStore, ReceivedCounts } from './archive-store';
import { businessDayRange } from './tamper/business-day';

export interface DayReconciliation {
  corpId: string;
  /** China business day, YYYY-MM-DD. */
  day: string;
  /** Chat-archive records the puller stored that day, and the state they are in now. */
  pulled: number;
  decrypted: number;
  decryptFailed: number;
  pendingDecrypt: number;
  /** What the archiver received that day, per source. */
  received: ReceivedCounts[];
  archived: number;
  duplicate: number;
  /** Records or files each kind of capture problem reported that day concerns. */
  problems: Partial<Record<CaptureProblemKind, number>>;
  /** Nothing failed, is still waiting, or was reported missing. */
  complete: boolean;
}

/** Counts a corp's capture of one business day from the store; recomputed on every call, so it never goes stale. */
export async function reconcileDay(store: Pick<ArchiveStore, 'envelopes' | 'capture'>, corpId: string, day: string): Promise<DayReconciliation> {
  const { fromMs, toMs } = businessDayRange(day);
  const [envelopes, received, problems] = await Promise.all([
    store.envelopes.storedBetween(corpId, fromMs, toMs),
    store.capture.received(corpId, day),
    store.capture.problemTotals(corpId, fromMs, toMs),
  ]);
  const sum = (field: 'archived' | 'duplicate') => received.reduce((total, counts) => total + counts[field], 0);
  return {
    corpId,
    day,
    pulled: envelopes.pending + envelopes.decrypted + envelopes.failed,
    decrypted: envelopes.decrypted,
    decryptFailed: envelopes.failed,
    pendingDecrypt: envelopes.pending,
    received,
    archived: sum('archived'),
    duplicate: sum('duplicate'),
    problems,
    complete: envelopes.failed === 0 && envelopes.pending === 0 && Object.keys(problems).length === 0,
  };
}

export function dayReconciledEvent(reconciliation: DayReconciliation): ArchiveDayReconciled {
  return {
    eventId: `reconciled:${reconciliation.corpId}:${reconciliation.day}`,
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    ...reconciliation,
  };
}
