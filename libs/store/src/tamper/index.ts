export { businessDayOf, businessDayRange, previousBusinessDay } from './business-day';
export { canonicalBytes, recordHash } from './record-hash';
export { chainHashes, genesisHash, nextChainHash } from './hash-chain';
export { merkleRoot } from './merkle-root';
export { DaySealer, type AnnounceSeal, type SealResult } from './day-sealer';
export { DayVerifier, type VerifyResult } from './day-verifier';
export { daySealedEvent } from './day-sealed-event';
