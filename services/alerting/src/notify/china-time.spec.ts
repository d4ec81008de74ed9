import { describe, expect, it } from 'vitest';
import { isQuiet, minuteOfDay, nextTimeOfDay, parseClock, parseQuietHours } from './china-time';

const at = (text: string) => Date.parse(`${text}+08:00`);

describe('China time for quiet hours and the digest', () => {
  it('reads the UTC+8 clock of an instant', () => {
    expect(minuteOfDay(at('2026-11-25T23:59:30'))).toBe(23 * 60 + 59);
    expect(minuteOfDay(Date.parse('2026-11-25T16:00:00Z'))).toBe(0);
  });

  it('parses clock times and ranges, and refuses what is not one', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('9:30')).toBeNull();
    expect(parseQuietHours('22:00-08:00')).toEqual({ from: 1320, to: 480 });
    expect(parseQuietHours('22:00-22:00')).toBeNull();
    expect(parseQuietHours('22:00')).toBeNull();
    expect(parseQuietHours('22:00-08:00-09:00')).toBeNull();
  });

  it('tells quiet hours over midnight and within a day', () => {
    const overnight = parseQuietHours('22:00-08:00')!;
    expect(isQuiet(overnight, at('2026-11-25T22:00:00'))).toBe(true);
    expect(isQuiet(overnight, at('2026-11-26T07:59:00'))).toBe(true);
    expect(isQuiet(overnight, at('2026-11-26T08:00:00'))).toBe(false);
    expect(isQuiet(overnight, at('2026-11-26T12:00:00'))).toBe(false);
    const lunch = parseQuietHours('12:00-13:30')!;
    expect(isQuiet(lunch, at('2026-11-26T12:45:00'))).toBe(true);
    expect(isQuiet(lunch, at('2026-11-26T13:30:00'))).toBe(false);
    expect(isQuiet(undefined, at('2026-11-26T03:00:00'))).toBe(false);
  });

  it('finds the next time the clock shows a minute, never the present one', () => {
    expect(nextTimeOfDay(at('2026-11-25T08:59:59'), 540)).toBe(at('2026-11-25T09:00:00'));
    expect(nextTimeOfDay(at('2026-11-25T09:00:00'), 540)).toBe(at('2026-11-26T09:00:00'));
    expect(nextTimeOfDay(at('2026-11-25T23:30:00'), 540)).toBe(at('2026-11-26T09:00:00'));
  });
});
