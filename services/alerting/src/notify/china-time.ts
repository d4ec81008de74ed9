/** China Standard Time has no daylight saving: managers' hours are always UTC+8. */
const UTC_PLUS_8_MS = 8 * 3_600_000;
const DAY_MINUTES = 24 * 60;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight, UTC+8, of an instant. */
export function minuteOfDay(ms: number): number {
  return Math.floor((ms + UTC_PLUS_8_MS) / 60_000) % DAY_MINUTES;
}

/** `HH:MM` as minutes after midnight, or null when it is not a 24-hour clock time. */
export function parseClock(text: string): number | null {
  const match = CLOCK.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export interface QuietHours {
  /** Minutes after midnight, UTC+8; `from` may be later than `to` (overnight). */
  from: number;
  to: number;
}

/** `HH:MM-HH:MM`, UTC+8; null when malformed or empty. */
export function parseQuietHours(text: string): QuietHours | null {
  const [from, to, extra] = text.split('-').map(parseClock);
  if (from === null || from === undefined || to === null || to === undefined || extra !== undefined || from === to) return null;
  return { from, to };
}

export function isQuiet(hours: QuietHours | undefined, ms: number): boolean {
  if (!hours) return false;
  const minute = minuteOfDay(ms);
  return hours.from < hours.to ? minute >= hours.from && minute < hours.to : minute >= hours.from || minute < hours.to;
}

/** The next instant after `ms` at which the UTC+8 clock shows `minute`. */
export function nextTimeOfDay(ms: number, minute: number): number {
  const startOfMinute = ms - (ms % 60_000);
  const ahead = (minute - minuteOfDay(ms) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  return startOfMinute + ahead * 60_000;
}
