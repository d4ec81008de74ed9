import { customerGroupPost, managerChat, newCustomer, relationshipRoutine, salesConversation, teamGroupDay } from './benign-scenes';
import { INDUSTRIES } from './industries';
import { MessageBodies } from './message-bodies';
import { MISCONDUCT_SCENES, misconductSlots, type MisconductScene } from './misconduct-scenes';
import { buildOrg } from './org-builder';
import { SceneClock, type SceneContext } from './scene-context';
import { SeededRandom } from './seeded-random';
import type { SimulatedCustomer, SimulatedEmployee, Simulation, WecomRecord } from './simulation';
import { SimulationRecorder } from './simulation-recorder';
import { WecomIds } from './wecom-ids';

export interface SimulateOptions {
  seed: number;
  days: number;
  employees: number;
  corpId: string;
  corpName: string;
  /** The first day, in UTC+8. */
  start: string;
  customersPerSales: number;
  /** Chance that a salesperson misbehaves on a given day, beyond the one seeded instance of each scene. */
  misconductRate: number;
}

export const SIMULATION_DEFAULTS: SimulateOptions = {
  seed: 1,
  days: 3,
  employees: 20,
  corpId: 'wwsimulated000001',
  corpName: '华信集团',
  start: '2024-03-04',
  customersPerSales: 6,
  misconductRate: 0.1,
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DAYS = ['明天', '后天', '周六', '周日', '下周二'];
const TIMES = ['上午十点', '上午十一点', '下午两点', '下午三点半', '晚上七点'];

/**
 * WeCom traffic of a corp over some days, the same for the same options: chat-archive records of
 * every msgtype, contact and group events, and seeded misconduct with its ground-truth labels. Every
 * misconduct scene is played at least once (on the first day), more at random after that.
 */
export function simulate(overrides: Partial<SimulateOptions> = {}): Simulation {
  const options = { ...SIMULATION_DEFAULTS, ...overrides };
  const startMs = startOf(options);
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error(`days must be a whole number of at least 1, got ${options.days}`);
  if (options.customersPerSales < 1) throw new Error(`customersPerSales must be at least 1, got ${options.customersPerSales}`);
  const rng = new SeededRandom(options.seed);
  const ids = new WecomIds(rng);
  const bodies = new MessageBodies(rng, ids);
  const org = buildOrg(rng, ids, options);
  const rec = new SimulationRecorder(options.corpId, ids, options.seed);
  const sales = org.employees.filter((e) => e.role === 'sales');
  const customersOf = (e: SimulatedEmployee) => org.customers.filter((c) => c.followers.includes(e.userid));

  const scene = (employee: SimulatedEmployee, customer: SimulatedCustomer, dayStart: number, fromMinute: number, toMinute: number): SceneContext => {
    const industry = INDUSTRIES.find((i) => i.id === employee.industry)!;
    const product = rng.pick(industry.products);
    const price = Math.round(rng.int(product.price[0], product.price[1]) / 100) * 100;
    return {
      rng,
      bodies,
      rec,
      org,
      industry,
      employee,
      manager: org.employees.find((e) => e.industry === industry.id && e.role === 'manager')!,
      customer,
      customerGroup: org.groups.find((g) => g.industry === industry.id && g.kind === 'customer')!,
      teamGroup: org.groups.find((g) => g.industry === industry.id && g.kind === 'internal')!,
      clock: new SceneClock(rng, dayStart + rng.int(fromMinute, toMinute) * MINUTE_MS),
      slots: {
        customer: customer.salutation,
        me: employee.name,
        product: product.name,
        price: String(price),
        day: rng.pick(DAYS),
        time: rng.pick(TIMES),
        place: industry.place,
        ...misconductSlots({ rng }),
      },
    };
  };
  // Customer-facing scenes stay between 09:00 and 20:00 so only the seeded late message is after hours.
  const daytime = (employee: SimulatedEmployee, dayStart: number) => scene(employee, rng.pick(customersOf(employee)), dayStart, 9 * 60, 20 * 60);

  const introduced = new Set<string>();
  for (let day = 0; day < options.days; day++) {
    const dayStart = startMs + day * DAY_MS;
    for (const employee of sales) {
      for (const customer of rng.sample(customersOf(employee), rng.int(2, 5))) {
        const ctx = scene(employee, customer, dayStart, 9 * 60, 19 * 60);
        if (!introduced.has(customer.externalUserId) && rng.chance(0.5)) newCustomer(ctx);
        introduced.add(customer.externalUserId);
        salesConversation(ctx, false);
      }
      if (rng.chance(options.misconductRate)) rng.pick(MISCONDUCT_SCENES).play(daytime(employee, dayStart));
    }
    org.employees
      .filter((e) => e.role === 'manager')
      .forEach((manager, i) => {
        const seller = sales.find((e) => e.industry === manager.industry)!;
        const showcase = day === 0 && i === 0;
        teamGroupDay({ ...daytime(seller, dayStart), employee: manager }, showcase);
        if (showcase || rng.chance(0.6)) managerChat(daytime(seller, dayStart), showcase);
        if (showcase) salesConversation(daytime(seller, dayStart), true);
        if (showcase || rng.chance(0.7)) customerGroupPost(daytime(seller, dayStart), showcase);
        if (rng.chance(0.5)) relationshipRoutine(daytime(seller, dayStart));
      });
    const switches = Math.max(day === 0 ? 1 : 0, rng.int(0, 2));
    for (let n = 0; n < switches; n++) rec.switchEnterprise(dayStart + rng.int(8 * 60, 22 * 60) * MINUTE_MS, rng.pick(org.employees).userid);
  }
  playEveryScene(MISCONDUCT_SCENES, sales, (employee) => daytime(employee, startMs));

  return {
    org,
    records: [...rec.records].sort((a, b) => timeOf(a) - timeOf(b)),
    events: [...rec.events].sort((a, b) => a.change.occurredAt - b.change.occurredAt),
    labels: rec.labels,
    images: rec.images,
  };
}

/** Each scene once, handed round the salespeople, so every kind of misconduct is in every simulation. */
function playEveryScene(scenes: readonly MisconductScene[], sales: readonly SimulatedEmployee[], contextFor: (e: SimulatedEmployee) => SceneContext): void {
  scenes.forEach((scene, i) => scene.play(contextFor(sales[i % sales.length]!)));
}

function startOf(options: SimulateOptions): number {
  const ms = Date.parse(`${options.start}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start) || Number.isNaN(ms)) throw new Error(`start must be a date like 2024-03-04, got "${options.start}"`);
  return ms;
}

function timeOf(record: WecomRecord): number {
  return (record.msgtime ?? record.time) as number;
}
