import { describe, expect, it } from 'vitest';
import type { DirectoryDepartment, DirectoryEmployee } from '@chatvault/store';
import { Visibility } from './visibility';
import { SCOPE_SCAN_LIMIT, visiblePage } from './page-in-scope';

const department = (id: string, parentId: string | null): DirectoryDepartment => ({ id, name: `部门${id}`, parentId, leaders: [] });
const employee = (userid: string, departmentIds: string[]): DirectoryEmployee => ({ userid, name: userid, departmentIds, directLeaders: [], email: '', status: 1 });

describe('visibility of a scoped key', () => {
  // 1 总部 ─┬─ 2 华东 ── 21 上海 ── 211 浦东
  //         └─ 3 华南
  const departments = [department('1', null), department('2', '1'), department('21', '2'), department('211', '21'), department('3', '1')];
  const staff = [employee('boss', ['1']), employee('east', ['2']), employee('pudong', ['211']), employee('south', ['3']), employee('both', ['3', '21'])];

  it('takes in every department below the ones named, at any depth', () => {
    expect(Visibility.employeesOf('ww1', ['2'], departments, staff).sort()).toEqual(['ww1:both', 'ww1:east', 'ww1:pudong']);
    expect(Visibility.employeesOf('ww1', ['3'], departments, staff).sort()).toEqual(['ww1:both', 'ww1:south']);
  });

  it('sees the employees in scope of its corps, and a message when its sender or a recipient is one', () => {
    const visibility = new Visibility(new Set(['ww1']), new Set(Visibility.employeesOf('ww1', ['2'], departments, staff)));
    expect(visibility.unrestricted).toBe(false);
    expect(visibility.seesEmployee('ww1', 'pudong')).toBe(true);
    expect(visibility.seesEmployee('ww1', 'south')).toBe(false);
    expect(visibility.seesEmployee('ww2', 'pudong')).toBe(false);
    expect(visibility.seesEmployee('ww1', '')).toBe(false);
    expect(visibility.seesMessage({ corpId: 'ww1', from: 'wmCustomer', tolist: ['pudong'] })).toBe(true);
    expect(visibility.seesMessage({ corpId: 'ww1', from: 'south', tolist: ['wmCustomer'] })).toBe(false);
  });

  it('sees every employee of its corps, and corp-wide alerts, when scoped to corps only', () => {
    const visibility = new Visibility(new Set(['ww1', 'ww2']), null);
    expect(visibility.seesEmployee('ww2', 'anyone')).toBe(true);
    expect(visibility.seesEmployee('ww1', '')).toBe(true);
    expect(visibility.seesEmployee('ww3', 'anyone')).toBe(false);
  });

  it('narrows a query to the corp asked for or the only corp in scope, and excludes a corp out of scope', () => {
    const one = new Visibility(new Set(['ww1']), null);
    expect(one.corpFilter(undefined)).toEqual({ corpId: 'ww1' });
    expect(one.needsFiltering('ww1')).toBe(false);
    expect(one.corpFilter('ww2')).toBe('excluded');
    const two = new Visibility(new Set(['ww1', 'ww2']), null);
    expect(two.corpFilter(undefined)).toEqual({});
    expect(two.needsFiltering(undefined)).toBe(true);
    expect(two.corpFilter('ww2')).toEqual({ corpId: 'ww2' });
    expect(Visibility.EVERYTHING.corpFilter('ww9')).toEqual({ corpId: 'ww9' });
    expect(Visibility.EVERYTHING.needsFiltering(undefined)).toBe(false);
  });
});

describe('a page of what a scoped key may see', () => {
  /** Alerts newest first, every third of employee `mine`; fetch windows are recorded. */
  const matches = (count: number) => Array.from({ length: count }, (_, i) => ({ corpId: 'ww1', employeeId: i % 3 === 0 ? 'mine' : 'theirs', n: i }));
  const source = (items: ReturnType<typeof matches>) => {
    const windows: [string | undefined, number, number][] = [];
    const fetch = async (corpId: string | undefined, offset: number, limit: number) => {
      windows.push([corpId, offset, limit]);
      return { total: items.length, items: items.slice(offset, offset + limit) };
    };
    return { windows, fetch };
  };
  const mine = new Visibility(new Set(['ww1']), new Set(['ww1:mine']));
  const sees = (item: { corpId: string; employeeId: string }) => mine.seesEmployee(item.corpId, item.employeeId);

  it('pages over the matches in scope with their exact total', async () => {
    const { fetch } = source(matches(2_500));
    const page = await visiblePage(mine, undefined, fetch, sees, { offset: 10, limit: 5 });
    expect(page).toEqual({ total: 834, partial: false, items: matches(2_500).filter(sees).slice(10, 15) });
  });

  it('reads no further than SCOPE_SCAN_LIMIT matches and says the answer is partial', async () => {
    const { fetch, windows } = source(matches(SCOPE_SCAN_LIMIT + 1));
    const page = await visiblePage(mine, undefined, fetch, sees, { offset: 0, limit: 20 });
    expect(page.partial).toBe(true);
    // Indexes 0, 3, …, 9999 of the first SCOPE_SCAN_LIMIT: the one past them is not counted.
    expect(page.total).toBe(Math.ceil(SCOPE_SCAN_LIMIT / 3));
    expect(Math.max(...windows.map(([, offset, limit]) => offset + limit))).toBe(SCOPE_SCAN_LIMIT);
  });

  it('passes a corp-only scope to the query as its corp filter, and answers a corp out of scope without asking', async () => {
    const { fetch, windows } = source(matches(50));
    const corpOnly = new Visibility(new Set(['ww1']), null);
    expect(await visiblePage(corpOnly, undefined, fetch, () => false, { offset: 0, limit: 20 })).toMatchObject({ total: 50, partial: false });
    expect(windows).toEqual([['ww1', 0, 20]]);
    expect(await visiblePage(corpOnly, 'ww2', fetch, () => true, { offset: 0, limit: 20 })).toEqual({ total: 0, items: [], partial: false });
    expect(windows).toHaveLength(1);
  });
});
