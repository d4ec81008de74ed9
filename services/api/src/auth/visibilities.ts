import { Inject, Injectable } from '@nestjs/common';
import type { CorpInScope } from '@chatvault/contracts';
import { ExpiringCache } from '@chatvault/platform';
import { ARCHIVE_STORE, departmentLevelsAbove, type ApiKeyRecord, type ArchiveStore, type ApiKeyScope } from '@chatvault/store';
import { Visibility } from './visibility';

/**
 * How long a key's resolved scope is used before the directory is read again: employees who move
 * department are seen (or no longer seen) within this time, and an alert stream checks each event
 * against memory, never the database.
 */
export const SCOPE_REFRESH_MS = 5_000;

/** What each API key may reach, resolved from its scope and the directory's department tree. */
@Injectable()
export class Visibilities {
  private readonly resolved = new ExpiringCache<string, Visibility>(SCOPE_REFRESH_MS);

  constructor(@Inject(ARCHIVE_STORE) private readonly store: ArchiveStore) {}

  of(principal: ApiKeyRecord): Promise<Visibility> {
    const { scope } = principal;
    if (scope === null) return Promise.resolve(Visibility.EVERYTHING);
    return this.resolved.get(principal.id, () => this.resolve(scope));
  }

  private async resolve({ corpIds, departmentIds }: ApiKeyScope): Promise<Visibility> {
    // Departments are numbered per corp: without corps they name no one.
    if (corpIds === undefined) return departmentIds === undefined ? Visibility.EVERYTHING : new Visibility([]);
    const corps = [...new Set(corpIds)];
    if (departmentIds === undefined) return new Visibility(corps.map((corpId) => ({ corpId })));
    const routed = new Map<string, string[]>();
    const scoped = await Promise.all(
      corps.map(async (corpId): Promise<CorpInScope> => {
        const [departments, staff] = await Promise.all([this.store.directory.listDepartments(corpId), this.store.directory.listEmployees(corpId)]);
        const employees = Visibility.employeesOf(departmentIds, departments, staff);
        const byId = new Map(departments.map((d) => [d.id, d]));
        routed.set(corpId, departmentLevelsAbove(employees.flatMap((e) => e.departmentIds), byId).flat().map((d) => d.id));
        return { corpId, userids: employees.map((e) => e.userid) };
      }),
    );
    return new Visibility(scoped, routed);
  }
}
