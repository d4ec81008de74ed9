import type { ArchiveStore } from '@chatvault/store';
import type { Directory, PolicyClassifier } from '@chatvault/policy-engine';

/**
 * The departments of employees, from the directory, in the shape the policy engine scopes policies
 * by; an employee the directory does not know has none, so only unscoped policies judge them. Read
 * only when a policy is scoped to departments: on the way to every alert, the read costs a round trip.
 */
export async function employeeDirectory(
  store: Pick<ArchiveStore, 'directory'>,
  classifier: Pick<PolicyClassifier, 'needsDepartments'>,
  corpId: string,
  userids: Iterable<string | undefined>,
): Promise<Directory> {
  if (!classifier.needsDepartments) return {};
  const wanted = [...new Set([...userids].filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return {};
  const employees = await store.directory.findEmployees(corpId, wanted);
  return { departments: Object.fromEntries(employees.map((e) => [e.userid, e.departmentIds])) };
}
