import { INDUSTRIES, type Industry } from './industries';
import { PeopleNames } from './people-names';
import type { SeededRandom } from './seeded-random';
import type { SimulatedCustomer, SimulatedDepartment, SimulatedEmployee, SimulatedGroup, SimulatedOrg } from './simulation';
import type { WecomIds } from './wecom-ids';

const PARTNER_CORPS = ['成都鼎盛贸易有限公司', '蓉城物业服务有限公司', '西部数据科技有限公司', '天府会展有限公司'];

export interface OrgOptions {
  corpId: string;
  corpName: string;
  employees: number;
  customersPerSales: number;
}

/**
 * A corp with one division per industry (as many as the headcount allows, three people each at
 * least), each led by a manager to whom its salespeople report, a sales team under it, customers per
 * salesperson, a customer group per division with a colleague in it, and the team's own group.
 */
export function buildOrg(rng: SeededRandom, ids: WecomIds, options: OrgOptions): SimulatedOrg {
  if (options.employees < 2) throw new Error(`employees must be at least 2 (a manager and a salesperson), got ${options.employees}`);
  const names = new PeopleNames(rng);
  const industries = INDUSTRIES.slice(0, Math.max(1, Math.min(INDUSTRIES.length, Math.floor(options.employees / 3))));
  const departments: SimulatedDepartment[] = [{ id: 1, name: options.corpName, parentId: 0, leaderIds: [] }];
  const employees: SimulatedEmployee[] = [];
  const customers: SimulatedCustomer[] = [];
  const groups: SimulatedGroup[] = [];

  industries.forEach((industry, i) => {
    const headcount = Math.floor(options.employees / industries.length) + (i < options.employees % industries.length ? 1 : 0);
    const divisionId = 10 + i * 10;
    const teamId = divisionId + 1;
    const manager = person(names, industry, divisionId, 'manager');
    departments.push({ id: divisionId, name: industry.division, parentId: 1, leaderIds: [manager.userid] });
    departments.push({ id: teamId, name: `${industry.division}销售一组`, parentId: divisionId, leaderIds: [manager.userid] });
    const sales = Array.from({ length: headcount - 1 }, () => ({ ...person(names, industry, teamId, 'sales'), directLeader: manager.userid }));
    employees.push(manager, ...sales);
    const industryCustomers = sales.flatMap((s) => Array.from({ length: options.customersPerSales }, () => customer(rng, ids, names, industry, s.userid)));
    customers.push(...industryCustomers);
    const owner = sales[0]!;
    groups.push({
      roomid: ids.room(),
      name: `${industry.division}客户服务群`,
      ownerId: owner.userid,
      memberIds: [owner.userid, manager.userid, ...rng.sample(industryCustomers, 6).map((c) => c.externalUserId)],
      kind: 'customer',
      industry: industry.id,
    });
    groups.push({
      roomid: ids.room(),
      name: `${industry.division}工作群`,
      ownerId: manager.userid,
      memberIds: [manager.userid, ...sales.map((s) => s.userid)],
      kind: 'internal',
      industry: industry.id,
    });
  });
  return { corpId: options.corpId, corpName: options.corpName, departments, employees, customers, groups };
}

function person(names: PeopleNames, industry: Industry, departmentId: number, role: SimulatedEmployee['role']): SimulatedEmployee {
  const name = names.name();
  return { userid: names.userid(name), name, departmentId, industry: industry.id, role };
}

function customer(rng: SeededRandom, ids: WecomIds, names: PeopleNames, industry: Industry, follower: string): SimulatedCustomer {
  const name = names.name();
  const fromCorp = rng.chance(0.15);
  return {
    externalUserId: ids.externalUser(fromCorp ? 'wo' : 'wm'),
    name,
    salutation: PeopleNames.honorific(name, rng.chance(0.5)),
    type: fromCorp ? 2 : 1,
    ...(fromCorp ? { corpName: rng.pick(PARTNER_CORPS) } : {}),
    followers: [follower],
    industry: industry.id,
  };
}
