import { StoreError } from '../store-error';

const DAY_MS = 86_400_000;
/** China Standard Time has no daylight saving: a business day is always UTC+8. */
const UTC_PLUS_8_MS = 8 * 3_600_000;
const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The [fromMs, toMs) msgtime range of a China business day written YYYY-MM-DD. */
export function businessDayRange(day: string): { fromMs: number; toMs: number } {
  const match = DAY_FORMAT.exec(day);
  const startUtc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(startUtc) || new Date(startUtc).toISOString().slice(0, 10) !== day) {
    throw new StoreError('invalid_day', `day must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  const fromMs = startUtc - UTC_PLUS_8_MS;
  return { fromMs, toMs: fromMs + DAY_MS };
}

/** The China business day (YYYY-MM-DD) an instant falls in. */
export function businessDayOf(ms: number): string {
  return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 10);
}

/** The business day before the one an instant falls in. */
export function previousBusinessDay(ms: number): string {
  return businessDayOf(ms - DAY_MS);
}
