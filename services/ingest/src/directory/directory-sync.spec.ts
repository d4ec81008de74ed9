import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useEmbeddedStore } from './embedded-test-store';
import { WecomClient } from '@chatvault/wecom';
import { FakeWecomServer } from '@chatvault/testing';
import { DirectorySync } from './directory-sync';

const store = useEmbeddedStore();
let server: FakeWecomServer;
let sync: DirectorySync;
let baseUrl: string;


beforeEach(async () => {
  server = new FakeWecomServer({ corpId: `ww${Math.random().toString(36).slice(2, 12)}`, pageSize: 2 });
  server.org
    .addDepartment({ id: 1, name: 'ChatVault', parentid: 0, department_leader: ['boss'] })
    .addDepartment({ id: 2, name: '销售部', parentid: 1, department_leader: ['lisi'] })
    .addUser({ userid: 'boss', name: '老板', department: [1], status: 1 })
    .addUser({ userid: 'lisi', name: '李四', department: [1, 2], status: 1, direct_leader: ['boss'], biz_mail: 'lisi@corp.exmail.example' })
    .addUser({ userid: 'zhangsan', name: '张三', department: [2], status: 1, direct_leader: ['lisi'], email: 'zhangsan@corp.example', biz_mail: 'zs@corp.exmail.example' })
    .addUser({ userid: 'wangwu', name: '王五', department: [2], status: 1, customerContact: false })
    .addContact({ external_userid: 'wmCustomer1', name: '王先生', type: 1 }, ['zhangsan', 'lisi'])
    .addContact({ external_userid: 'woPartner1', name: 'Alice', type: 2, corp_name: '某科技' }, ['lisi']);
  baseUrl = await server.start();
  sync = new DirectorySync(server.corpId, new WecomClient({ corpId: server.corpId, secrets: server.secrets, baseUrl }), store().directory, { readsCustomers: true, now: () => 1_767_225_600_000 });
});
afterEach(() => server.stop());

describe('DirectorySync against the fake WeCom API', () => {
  it('stores departments with their leaders, employees with their direct leaders, and customers with every follower', async () => {
    expect(await sync.run()).toEqual({ departments: 2, employees: 4, externalContacts: 2 });
    const corpId = server.corpId;

    expect(await store().directory.listDepartments(corpId)).toEqual([
      { id: '1', name: 'ChatVault', parentId: null, leaders: ['boss'] },
      { id: '2', name: '销售部', parentId: '1', leaders: ['lisi'] },
    ]);
    expect(await store().directory.findEmployee(corpId, 'zhangsan')).toEqual({ userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: ['lisi'], email: 'zhangsan@corp.example', status: 1 });
    expect(await store().directory.findEmployee(corpId, 'lisi')).toEqual({ userid: 'lisi', name: '李四', departmentIds: ['1', '2'], directLeaders: ['boss'], email: 'lisi@corp.exmail.example', status: 1 });
    expect(await store().directory.findEmployee(corpId, 'wangwu')).toMatchObject({ name: '王五', directLeaders: [], email: '' });
    expect(await store().directory.findExternalContact(corpId, 'wmCustomer1')).toEqual({
      externalUserId: 'wmCustomer1',
      name: '王先生',
      corpName: null,
      type: 1,
      followUsers: ['zhangsan', 'lisi'],
    });
    expect(await store().directory.findExternalContact(corpId, 'woPartner1')).toMatchObject({ corpName: '某科技', type: 2, followUsers: ['lisi'] });
    // Each customer is read once, however many employees have them.
    expect(server.callsTo('externalcontact/get')).toBe(2);
  });

  it('reads departments and employees only without the customer-contact secret', async () => {
    const client = new WecomClient({ corpId: server.corpId, secrets: { contact: server.secrets.contact }, baseUrl });
    const employeesOnly = new DirectorySync(server.corpId, client, store().directory, { readsCustomers: false });
    expect(await employeesOnly.run()).toEqual({ departments: 2, employees: 4, externalContacts: 0 });
    expect(server.callsTo('externalcontact/list')).toBe(0);
  });

  it('keeps a departed employee with their new status on the next sync', async () => {
    await sync.run();
    server.org.resign('zhangsan');
    await sync.run();
    expect(await store().directory.findEmployee(server.corpId, 'zhangsan')).toMatchObject({ name: '张三', status: 5 });
  });
});
