import { describe, expect, it } from 'vitest';
import { WorkingHours } from './working-hours';

/** Local time in UTC+8 as epoch ms. */
function cst(iso: string): number {
  return Date.parse(`${iso}+08:00`);
}

describe('working hours', () => {
  it('holds on working days between start and end, in the schedule’s offset', () => {
    const hours = new WorkingHours({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', utcOffsetMinutes: 480 });
    expect(hours.contains(cst('2024-03-06T09:00:00'))).toBe(true);
    expect(hours.contains(cst('2024-03-06T17:59:00'))).toBe(true);
    expect(hours.contains(cst('2024-03-06T18:00:00'))).toBe(false);
    expect(hours.contains(cst('2024-03-06T08:59:00'))).toBe(false);
    expect(hours.contains(cst('2024-03-09T10:00:00'))).toBe(false);
  });

  it('lets a night shift run past midnight, belonging to the day it starts', () => {
    const hours = new WorkingHours({ days: [5], start: '22:00', end: '06:00', utcOffsetMinutes: 480 });
    expect(hours.contains(cst('2024-03-08T23:00:00'))).toBe(true);
    expect(hours.contains(cst('2024-03-09T05:00:00'))).toBe(true);
    expect(hours.contains(cst('2024-03-09T23:00:00'))).toBe(false);
  });
});
