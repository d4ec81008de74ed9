import type { RelationshipChange } from '@chatvault/contracts';
import type { Directory, DirectoryExternalContact } from '@chatvault/store';

/** WeCom's status for an employee who left. */
export const DEPARTED = 5;

/** Reads a customer from WeCom; null when this corp has no customer-contact API access configured. */
export type ExternalContactReader = (corpId: string, externalUserId: string) => Promise<DirectoryExternalContact | null>;

/**
 * Applies contact callbacks to the directory between syncs. A callback carries only what changed, so
 * each change is merged into what is stored; what a callback cannot tell (a new customer's name) is
 * read from WeCom when a reader is given, and otherwise left to the next sync.
 */
export class DirectoryUpdater {
  constructor(
    private readonly directory: Directory,
    private readonly readContact?: ExternalContactReader,
    private readonly now: () => number = Date.now,
  ) {}

  async apply(change: RelationshipChange): Promise<void> {
    const { corpId } = change;
    switch (change.type) {
      case 'employee-updated': {
        const known = (await this.directory.findEmployee(corpId, change.employeeId)) ??
          (change.previousEmployeeId ? await this.directory.findEmployee(corpId, change.previousEmployeeId) : null);
        await this.directory.saveEmployees(
          corpId,
          [
            {
              userid: change.employeeId,
              name: change.name ?? known?.name ?? change.employeeId,
              departmentIds: change.departmentIds ?? known?.departmentIds ?? [],
              directLeaders: known?.directLeaders ?? [],
              email: known?.email ?? '',
              status: change.status ?? known?.status ?? 1,
            },
          ],
          this.now(),
        );
        return;
      }
      case 'employee-departed': {
        const known = await this.directory.findEmployee(corpId, change.employeeId);
        if (known) await this.directory.saveEmployees(corpId, [{ ...known, status: DEPARTED }], this.now());
        return;
      }
      case 'department-updated': {
        const known = await this.directory.findDepartment(corpId, change.departmentId);
        await this.directory.saveDepartments(
          corpId,
          [
            {
              id: change.departmentId,
              name: change.name ?? known?.name ?? change.departmentId,
              parentId: change.parentId ?? known?.parentId ?? null,
              leaders: known?.leaders ?? [],
            },
          ],
          this.now(),
        );
        return;
      }
      case 'department-deleted':
        return this.directory.deleteDepartment(corpId, change.departmentId);
      case 'external-contact-added':
      case 'external-contact-edited':
        return this.refreshContact(corpId, change.externalUserId, change.employeeId);
      case 'external-contact-deleted':
        for (const id of change.externalUserIds) await this.dropFollower(corpId, id, change.employeeId);
        return;
      case 'employee-deleted-by-customer':
        return this.dropFollower(corpId, change.externalUserId, change.employeeId);
      default:
        return;
    }
  }

  private async refreshContact(corpId: string, externalUserId: string, employeeId: string): Promise<void> {
    const fresh = this.readContact ? await this.readContact(corpId, externalUserId) : null;
    if (fresh) {
      await this.directory.saveExternalContacts(corpId, [fresh], this.now());
      return;
    }
    const known = await this.directory.findExternalContact(corpId, externalUserId);
    if (known && !known.followUsers.includes(employeeId)) {
      await this.directory.saveExternalContacts(corpId, [{ ...known, followUsers: [...known.followUsers, employeeId] }], this.now());
    }
  }

  /** The customer stays known (old chats still show the name) with one follower fewer. */
  private async dropFollower(corpId: string, externalUserId: string, employeeId: string): Promise<void> {
    const known = await this.directory.findExternalContact(corpId, externalUserId);
    if (known?.followUsers.includes(employeeId)) {
      await this.directory.saveExternalContacts(corpId, [{ ...known, followUsers: known.followUsers.filter((u) => u !== employeeId) }], this.now());
    }
  }
}
