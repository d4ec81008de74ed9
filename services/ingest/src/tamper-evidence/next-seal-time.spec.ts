import { describe, expect, it } from 'vitest';
import { nextSealTime } from './next-seal-time';

// 2026-01-05 00:00 China time is 2026-01-04 16:00 UTC.
const chinaMidnight = Date.UTC(2026, 0, 4, 16);
const tenPast = chinaMidnight + 10 * 60_000;

describe('nextSealTime', () => {
  it('is the coming 00:10 China time', () => {
    expect(nextSealTime(chinaMidnight)).toBe(tenPast);
    expect(nextSealTime(chinaMidnight - 1)).toBe(tenPast);
    expect(nextSealTime(tenPast - 86_400_000 - 1)).toBe(tenPast - 86_400_000);
  });

  it('is the next day at 00:10 China time once that has passed, and never now itself', () => {
    expect(nextSealTime(tenPast)).toBe(tenPast + 86_400_000);
    expect(nextSealTime(tenPast + 1)).toBe(tenPast + 86_400_000);
    expect(nextSealTime(Date.UTC(2026, 0, 5, 15, 59))).toBe(tenPast + 86_400_000);
  });
});
