import { ExpiringCache } from '@chatvault/platform';
import type { Directory, DirectoryDepartment } from '@chatvault/store';

/**
 * How stale a department's name or leaders may be in a notification: the org chart changes by the
 * day, and walking it up to the root must not cost a round trip per department for every alert.
 */
const TTL_MS = 30_000;

/** Each corp's departments by id, read again once they are half a minute old. */
export class DepartmentSnapshot {
  private readonly cache: ExpiringCache<string, ReadonlyMap<string, DirectoryDepartment>>;

  constructor(
    private readonly directory: Directory,
    clock: () => number,
  ) {
    this.cache = new ExpiringCache(TTL_MS, clock);
  }

  of(corpId: string): Promise<ReadonlyMap<string, DirectoryDepartment>> {
    return this.cache.get(corpId, async () => new Map((await this.directory.listDepartments(corpId)).map((d) => [d.id, d])));
  }
}
