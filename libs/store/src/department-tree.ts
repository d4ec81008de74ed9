import type { DirectoryDepartment } from './archive-store';

export interface DepartmentAbove {
  id: string;
  /** WeCom's department_leader userids; none for a department the directory does not know. */
  leaders: string[];
}

/**
 * These departments, then their parents, and so on up to the root: one list per level, nearest first,
 * each department once (so a parent cycle in bad directory data ends the walk). Routing reads it level
 * by level for the nearest leaders; a scope, flattened, for the departments whose routes reach it.
 */
export function departmentLevelsAbove(departmentIds: readonly string[], departments: ReadonlyMap<string, DirectoryDepartment>): DepartmentAbove[][] {
  const levels: DepartmentAbove[][] = [];
  const seen = new Set<string>();
  let ids = [...departmentIds];
  while (ids.length > 0) {
    const level: DepartmentAbove[] = [];
    const parents: string[] = [];
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const department = departments.get(id);
      level.push({ id, leaders: department?.leaders ?? [] });
      if (department?.parentId) parents.push(department.parentId);
    }
    if (level.length > 0) levels.push(level);
    ids = parents;
  }
  return levels;
}
