import { describe, expect, it } from 'vitest';
import type { DirectoryDepartment } from './archive-store';
import { departmentLevelsAbove } from './department-tree';

const department = (id: string, parentId: string | null, leaders: string[] = []): DirectoryDepartment => ({ id, name: `部门${id}`, parentId, leaders });
const byId = (departments: DirectoryDepartment[]) => new Map(departments.map((d) => [d.id, d]));
const idsOf = (levels: { id: string }[][]) => levels.map((level) => level.map((d) => d.id));

describe('departmentLevelsAbove', () => {
  // 1 总部 ─┬─ 2 华东 ── 21 上海 ── 211 浦东
  //         └─ 3 华南
  const tree = byId([department('1', null, ['ceo']), department('2', '1', ['east-lead']), department('21', '2'), department('211', '21'), department('3', '1', ['south-lead'])]);

  it('walks from the departments given up to the root, one level at a time, nearest first, with their leaders', () => {
    expect(departmentLevelsAbove(['211'], tree)).toEqual([[{ id: '211', leaders: [] }], [{ id: '21', leaders: [] }], [{ id: '2', leaders: ['east-lead'] }], [{ id: '1', leaders: ['ceo'] }]]);
  });

  it('lists a department reached twice once, at the nearest level', () => {
    expect(idsOf(departmentLevelsAbove(['3', '21'], tree))).toEqual([['3', '21'], ['1', '2']]);
  });

  it('keeps a department the directory does not know, without leaders, and ends there', () => {
    expect(departmentLevelsAbove(['gone'], tree)).toEqual([[{ id: 'gone', leaders: [] }]]);
  });

  it('ends at a parent cycle in bad directory data', () => {
    expect(idsOf(departmentLevelsAbove(['a'], byId([department('a', 'b'), department('b', 'a')])))).toEqual([['a'], ['b']]);
  });
});
