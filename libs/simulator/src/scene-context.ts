import type { Industry } from './industries';
import type { MessageBodies } from './message-bodies';
import type { SeededRandom } from './seeded-random';
import type { SimulatedCustomer, SimulatedEmployee, SimulatedGroup, SimulatedOrg } from './simulation';
import type { Chat, SimulationRecorder } from './simulation-recorder';

const MINUTE_MS = 60_000;

/** Time within a scene: each message comes a little after the one before, as people type. */
export class SceneClock {
  constructor(
    private readonly rng: SeededRandom,
    public now: number,
  ) {}

  /** Moves on by minMinutes..maxMinutes (and a few seconds) and returns the new time. */
  next(minMinutes = 0, maxMinutes = 4): number {
    this.now += this.rng.int(minMinutes, maxMinutes) * MINUTE_MS + this.rng.int(5, 59) * 1_000 + this.rng.int(0, 999);
    return this.now;
  }
}

/** Everything a scene needs: who talks, in which business, when, and where to record it. */
export interface SceneContext {
  rng: SeededRandom;
  bodies: MessageBodies;
  rec: SimulationRecorder;
  org: SimulatedOrg;
  industry: Industry;
  employee: SimulatedEmployee;
  manager: SimulatedEmployee;
  customer: SimulatedCustomer;
  /** The division's groups: one with customers, one of the team. */
  customerGroup: SimulatedGroup;
  teamGroup: SimulatedGroup;
  clock: SceneClock;
  /** {customer}, {me}, {product}, {price}, {day}, {time}, {place}. */
  slots: Readonly<Record<string, string>>;
}

export function oneToOne(a: string, b: string): Chat {
  return { roomid: '', members: [a, b] };
}

export function groupChat(group: SimulatedGroup): Chat {
  return { roomid: group.roomid, members: group.memberIds };
}
