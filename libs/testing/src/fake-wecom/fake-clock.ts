/** Time the fakes run on, so a test can jump past WeCom's 24-hour and 90-day windows. */
export class FakeClock {
  constructor(private current = Date.UTC(2025, 0, 6, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
