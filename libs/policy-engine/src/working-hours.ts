import type { Schedule } from './policy-schema';

const DAY_MS = 86_400_000;

/** Working hours as numbers, so a check is arithmetic rather than a Date per message. */
export class WorkingHours {
  private readonly days: ReadonlySet<number>;
  private readonly startMinute: number;
  private readonly endMinute: number;
  private readonly offsetMs: number;

  constructor(schedule: Schedule) {
    this.days = new Set(schedule.days);
    this.startMinute = minutes(schedule.start);
    this.endMinute = minutes(schedule.end);
    this.offsetMs = schedule.utcOffsetMinutes * 60_000;
  }

  /** An end before the start means the shift runs past midnight; it belongs to the day it starts. */
  contains(epochMs: number): boolean {
    const local = epochMs + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    const minute = Math.floor((local - day * DAY_MS) / 60_000);
    if (this.startMinute <= this.endMinute) {
      return this.days.has(isoWeekday(day)) && minute >= this.startMinute && minute < this.endMinute;
    }
    if (minute >= this.startMinute) return this.days.has(isoWeekday(day));
    return minute < this.endMinute && this.days.has(isoWeekday(day - 1));
  }
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekday(daysSinceEpoch: number): number {
  return ((((daysSinceEpoch + 3) % 7) + 7) % 7) + 1;
}

function minutes(hhmm: string): number {
  const [hours, mins] = hhmm.split(':').map(Number);
  return hours! * 60 + mins!;
}
