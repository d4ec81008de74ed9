import { describe, expect, it } from 'vitest';
import { departmentLevelsAbove, type DirectoryDepartment, type DirectoryEmployee } from '@chatvault/store';
import { Visibility } from './visibility';

const department = (id: string, parentId: string | null): DirectoryDepartment => ({ id, name: `部门${id}`, parentId, leaders: [] });
const employee = (userid: string, departmentIds: string[]): DirectoryEmployee => ({ userid, name: userid, departmentIds, directLeaders: [], email: '', status: 1 });

describe('visibility of a scoped key', () => {
  // 1 总部 ─┬─ 2 华东 ── 21 上海 ── 211 浦东
  //         └─ 3 华南
  const departments = [department('1', null), department('2', '1'), department('21', '2'), department('211', '21'), department('3', '1')];
  const staff = [employee('boss', ['1']), employee('east', ['2']), employee('pudong', ['211']), employee('south', ['3']), employee('both', ['3', '21'])];

  const useridsOf = (departmentIds: string[]) => Visibility.employeesOf(departmentIds, departments, staff).map((e) => e.userid);
  const scopedTo = (departmentIds: string[]) => {
    const employees = Visibility.employeesOf(departmentIds, departments, staff);
    const routed = departmentLevelsAbove(employees.flatMap((e) => e.departmentIds), new Map(departments.map((d) => [d.id, d])));
    return new Visibility([{ corpId: 'ww1', userids: employees.map((e) => e.userid) }, { corpId: 'ww2' }], new Map([['ww1', routed.flat().map((d) => d.id)]]));
  };
  const route = (corpId: string, departmentIds?: string[]) => ({ corpId, match: departmentIds === undefined ? {} : { departmentIds } });

  it('takes in every department below the ones named, at any depth', () => {
    expect(useridsOf(['2']).sort()).toEqual(['both', 'east', 'pudong']);
    expect(useridsOf(['3']).sort()).toEqual(['both', 'south']);
  });

  it('sees the routes that could route an alert of an employee in scope, and none of a corp out of scope', () => {
    const east = scopedTo(['2']);
    expect(east.seesRoute(route('ww1'))).toBe(true);
    for (const above of ['1', '2', '21', '211']) expect(east.seesRoute(route('ww1', [above]))).toBe(true);
    // Reaches "both", who is in 华东 through 上海 and in 华南 too.
    expect(east.seesRoute(route('ww1', ['3']))).toBe(true);
    expect(scopedTo(['211']).seesRoute(route('ww1', ['3']))).toBe(false);
    expect(scopedTo(['211']).seesRoute(route('ww1', ['unknown', '21']))).toBe(true);
    expect(east.seesRoute(route('ww2', ['99']))).toBe(true);
    expect(east.seesRoute(route('ww3'))).toBe(false);
    expect(Visibility.EVERYTHING.seesRoute(route('ww3', ['99']))).toBe(true);
    expect(new Visibility([{ corpId: 'ww1', userids: ['east'] }]).seesRoute(route('ww1', ['2']))).toBe(false);
  });

  it('sees the employees in scope of its corps, and a message when its sender or a recipient is one', () => {
    const visibility = new Visibility([{ corpId: 'ww1', userids: useridsOf(['2']) }]);
    expect(visibility.unrestricted).toBe(false);
    expect(visibility.seesEmployee('ww1', 'pudong')).toBe(true);
    expect(visibility.seesEmployee('ww1', 'south')).toBe(false);
    expect(visibility.seesEmployee('ww2', 'pudong')).toBe(false);
    expect(visibility.seesEmployee('ww1', '')).toBe(false);
    expect(visibility.seesMessage({ corpId: 'ww1', from: 'wmCustomer', tolist: ['pudong'] })).toBe(true);
    expect(visibility.seesMessage({ corpId: 'ww1', from: 'south', tolist: ['wmCustomer'] })).toBe(false);
  });

  it('sees every employee of its corps, and corp-wide alerts, when scoped to corps only', () => {
    const visibility = new Visibility([{ corpId: 'ww1' }, { corpId: 'ww2' }]);
    expect(visibility.seesCorp('ww2')).toBe(true);
    expect(visibility.seesCorp('ww3')).toBe(false);
    expect(visibility.seesEmployee('ww2', 'anyone')).toBe(true);
    expect(visibility.seesEmployee('ww1', '')).toBe(true);
    expect(visibility.seesEmployee('ww3', 'anyone')).toBe(false);
  });

  it('sees a corp whole, with what concerns no single employee of it, only when scoped to the corp and not to its departments', () => {
    // Scoped to the top department, which holds every employee of ww1 today, it still sees employees, not the corp.
    const visibility = new Visibility([{ corpId: 'ww1', userids: useridsOf(['1']) }, { corpId: 'ww2' }]);
    expect(visibility.seesWholeCorp('ww2')).toBe(true);
    expect(visibility.seesWholeCorp('ww1')).toBe(false);
    expect(visibility.seesWholeCorp('ww3')).toBe(false);
    expect(Visibility.EVERYTHING.seesWholeCorp('ww3')).toBe(true);
    expect(new Visibility([]).seesWholeCorp('ww1')).toBe(false);
  });

  it('hands its scope to queries, as the filter they carry, and none when it sees everything', () => {
    const scope = [{ corpId: 'ww1', userids: ['east'] }, { corpId: 'ww2' }];
    expect(new Visibility(scope).within).toEqual(scope);
    expect(Visibility.EVERYTHING.within).toBeUndefined();
    expect(Visibility.EVERYTHING.unrestricted).toBe(true);
    expect(Visibility.EVERYTHING.seesEmployee('ww9', '')).toBe(true);
  });

  it('sees nothing with an empty scope', () => {
    const nothing = new Visibility([]);
    expect(nothing.unrestricted).toBe(false);
    expect(nothing.seesCorp('ww1')).toBe(false);
    expect(nothing.seesMessage({ corpId: 'ww1', from: 'east', tolist: [] })).toBe(false);
  });
});
