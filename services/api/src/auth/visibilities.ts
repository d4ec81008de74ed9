import { Inject, Injectable } from '@nestjs/common';
import { ExpiringCache } from '@chatvault/platform';
import { ARCHIVE_STORE, type ApiKeyRecord, type ArchiveStore, type ApiKeyScope } from '@chatvault/store';
import { Visibility } from './visibility';

/**
 * How long a key's resolved scope is used before the directory is read again: employees who move
 * department are seen (or no longer seen) within this time, and an alert stream checks each event
 * against memory, never the database.
 */
export const SCOPE_REFRESH_MS = 5_000;

/** What each API key may see, resolved from its scope and the directory's department tree. */
@Injectable()
export class Visibilities {
  private readonly resolved = new ExpiringCache<string, Visibility>(SCOPE_REFRESH_MS);

  constructor(@Inject(ARCHIVE_STORE) private readonly store: ArchiveStore) {}

  of(principal: ApiKeyRecord): Promise<Visibility> {
    const { scope } = principal;
    if (scope === null) return Promise.resolve(Visibility.EVERYTHING);
    return this.resolved.get(principal.id, () => this.resolve(scope));
  }

  private async resolve(scope: ApiKeyScope): Promise<Visibility> {
    const corps = scope.corpIds === undefined ? null : new Set(scope.corpIds);
    if (scope.departmentIds === undefined) return new Visibility(corps, null);
    const employees = new Set<string>();
    for (const corpId of corps ?? []) {
      const [departments, staff] = await Promise.all([this.store.directory.listDepartments(corpId), this.store.directory.listEmployees(corpId)]);
      for (const key of Visibility.employeesOf(corpId, scope.departmentIds, departments, staff)) employees.add(key);
    }
    return new Visibility(corps, employees);
  }
}
