export { businessDayOf, businessDayRange, previousBusinessDay } from './business-day';
export { canonicalBytes, recordHash } from './record-hash';
export { chainHashes, continueChain, genesisHash, nextChainHash } from './hash-chain';
export { merkleRoot } from './merkle-root';
export { DaySealer, LATE_RECORD_MARGIN_MS, type AnnounceSeal, type SealResult } from './day-sealer';
export { DayVerifier, type VerifyResult } from './day-verifier';
export { dayAmendedEvent, daySealedEvent } from './day-sealed-event';
