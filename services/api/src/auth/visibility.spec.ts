import { describe, expect, it } from 'vitest';
import type { DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';
import { Visibility } from './visibility';

const department = (id: string, parentId: string | null): DirectoryDepartment => ({ id, name: `部门${id}`, parentId, leaders: [] });
const employee = (userid: string, departmentIds: string[]): DirectoryEmployee => ({ userid, name: userid, departmentIds, directLeaders: [], email: '', status: 1 });

describe('visibility of a scoped key', () => {
  // 1 总部 ─┬─ 2 华东 ── 21 上海 ── 211 浦东
  //         └─ 3 华南
  const departments = [department('1', null), department('2', '1'), department('21', '2'), department('211', '21'), department('3', '1')];
  const staff = [employee('boss', ['1']), employee('east', ['2']), employee('pudong', ['211']), employee('south', ['3']), employee('both', ['3', '21'])];

  it('takes in every department below the ones named, at any depth', () => {
    expect(Visibility.employeesOf(['2'], departments, staff).sort()).toEqual(['both', 'east', 'pudong']);
    expect(Visibility.employeesOf(['3'], departments, staff).sort()).toEqual(['both', 'south']);
  });

  it('sees the employees in scope of its corps, and a message when its sender or a recipient is one', () => {
    const visibility = new Visibility([{ corpId: 'ww1', userids: Visibility.employeesOf(['2'], departments, staff) }]);
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
