import type { Directory, DirectoryDepartment, DirectoryEmployee, DirectoryExternalContact } from '@chatvault/store';
import { WecomApiError, type WecomClient, type WecomCustomerGroupChat, type WecomDepartment, type WecomUser } from '@chatvault/wecom';

/** 84061: the employee has no customer-contact licence, so has no customers to list. */
const NO_CUSTOMER_CONTACT = 84061;
/** Calls in flight at once: WeCom limits each app's calls per minute, and a sync is not urgent. */
const CONCURRENCY = 4;

export interface DirectorySyncOptions {
  /** False without the customer-contact secret: departments and employees only. */
  readsCustomers: boolean;
  now?: () => number;
}

export interface DirectorySyncReport {
  departments: number;
  employees: number;
  externalContacts: number;
}

export function departmentOf(department: WecomDepartment): DirectoryDepartment {
  return { id: String(department.id), name: department.name, parentId: department.parentid ? String(department.parentid) : null, leaders: department.department_leader ?? [] };
}

/** Mobile and e-mail are dropped here: the directory never stores them. */
export function employeeOf(user: WecomUser): DirectoryEmployee {
  return { userid: user.userid, name: user.name, departmentIds: user.department.map(String), directLeaders: user.direct_leader ?? [], email: user.email || user.biz_mail || '', status: user.status };
}

/** Reads one corp's whole directory through WeCom's contact and customer-contact APIs into the store. */
export class DirectorySync {
  readonly readsCustomers: boolean;
  private readonly now: () => number;

  constructor(
    private readonly corpId: string,
    private readonly client: WecomClient,
    private readonly directory: Directory,
    options: DirectorySyncOptions,
  ) {
    this.readsCustomers = options.readsCustomers;
    this.now = options.now ?? Date.now;
  }

  async run(): Promise<DirectorySyncReport> {
    const departments = (await this.client.listDepartments()).map(departmentOf);
    await this.directory.saveDepartments(this.corpId, departments, this.now());

    const employees = await mapLimited(await this.userIds(), async (userid) => employeeOf(await this.client.getUser(userid)));
    await this.directory.saveEmployees(this.corpId, employees, this.now());
    if (!this.readsCustomers) return { departments: departments.length, employees: employees.length, externalContacts: 0 };

    const customerLists = await mapLimited(
      employees.filter((e) => e.status === 1),
      (e) => this.customersOf(e.userid),
    );
    const contacts = await mapLimited([...new Set(customerLists.flat())], (id) => this.externalContact(id));
    await this.directory.saveExternalContacts(this.corpId, contacts, this.now());
    return { departments: departments.length, employees: employees.length, externalContacts: contacts.length };
  }

  /** Reads one customer with every employee who has them (follow_user comes in pages). */
  async externalContact(externalUserId: string): Promise<DirectoryExternalContact> {
    let page = await this.client.getExternalContact(externalUserId);
    const { external_contact: contact } = page;
    const followUsers = page.follow_user.map((f) => f.userid);
    while (page.next_cursor) {
      page = await this.client.getExternalContact(externalUserId, page.next_cursor);
      followUsers.push(...page.follow_user.map((f) => f.userid));
    }
    return { externalUserId: contact.external_userid, name: contact.name, corpName: contact.corp_name ?? null, type: contact.type, followUsers: [...new Set(followUsers)] };
  }

  /** A customer group with its owner and members, for callbacks that name only the group. */
  customerGroup(chatId: string): Promise<WecomCustomerGroupChat> {
    return this.client.getCustomerGroupChat(chatId);
  }

  private async userIds(): Promise<string[]> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.client.listUserIds({ cursor });
      for (const { userid } of page.dept_user) ids.add(userid);
      cursor = page.next_cursor || undefined;
    } while (cursor);
    return [...ids];
  }

  private async customersOf(userid: string): Promise<string[]> {
    try {
      return await this.client.listExternalContacts(userid);
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === NO_CUSTOMER_CONTACT) return [];
      throw error;
    }
  }
}

async function mapLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
