const DAY_MS = 86_400_000;
const UTC_PLUS_8_MS = 8 * 3_600_000;
/** A few minutes after midnight China time, so records stamped just before midnight have arrived. */
export const SEAL_DELAY_AFTER_MIDNIGHT_MS = 10 * 60_000;

/** The first sealing time (ms since epoch) strictly after `now`: 00:10 China time (UTC+8) each day. */
export function nextSealTime(now: number): number {
  const chinaMidnight = Math.floor((now + UTC_PLUS_8_MS) / DAY_MS) * DAY_MS - UTC_PLUS_8_MS;
  const today = chinaMidnight + SEAL_DELAY_AFTER_MIDNIGHT_MS;
  return today > now ? today : today + DAY_MS;
}
