import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RelationshipChange } from '@chatvault/contracts';
import { useEmbeddedStore } from './embedded-test-store';
import { DirectoryUpdater } from './directory-updater';

const store = useEmbeddedStore();

const at = { occurredAt: 1_767_225_600_000 };

describe('DirectoryUpdater', () => {
  it('merges employee callbacks into what the sync stored, keeping direct leaders, and marks departures', async () => {
    const corpId = `ww${randomUUID().slice(0, 8)}`;
    const updater = new DirectoryUpdater(store().directory);
    await store().directory.saveEmployees(corpId, [{ userid: 'zhangsan', name: '张三', departmentIds: ['2'], directLeaders: ['lisi'], email: '', status: 1 }], 1);
    await updater.apply({ ...at, corpId, type: 'employee-updated', employeeId: 'zhangsan', departmentIds: ['3'] });
    expect(await store().directory.findEmployee(corpId, 'zhangsan')).toEqual({ userid: 'zhangsan', name: '张三', departmentIds: ['3'], directLeaders: ['lisi'], email: '', status: 1 });

    await updater.apply({ ...at, corpId, type: 'employee-updated', employeeId: 'zhangsan2', previousEmployeeId: 'zhangsan' });
    expect(await store().directory.findEmployee(corpId, 'zhangsan2')).toMatchObject({ name: '张三', departmentIds: ['3'], directLeaders: ['lisi'] });

    await updater.apply({ ...at, corpId, type: 'employee-updated', employeeId: 'newbie', name: '新人', departmentIds: ['2'], status: 4 });
    expect(await store().directory.findEmployee(corpId, 'newbie')).toEqual({ userid: 'newbie', name: '新人', departmentIds: ['2'], directLeaders: [], email: '', status: 4 });

    await updater.apply({ ...at, corpId, type: 'employee-departed', employeeId: 'zhangsan2' });
    expect(await store().directory.findEmployee(corpId, 'zhangsan2')).toMatchObject({ name: '张三', status: 5 });
  });

  it('creates, renames and deletes departments', async () => {
    const corpId = `ww${randomUUID().slice(0, 8)}`;
    const updater = new DirectoryUpdater(store().directory);
    await updater.apply({ ...at, corpId, type: 'department-updated', departmentId: '5', name: '华东销售', parentId: '1' });
    await updater.apply({ ...at, corpId, type: 'department-updated', departmentId: '5', name: '华东大区' });
    expect(await store().directory.findDepartment(corpId, '5')).toEqual({ id: '5', name: '华东大区', parentId: '1', leaders: [] });
    await updater.apply({ ...at, corpId, type: 'department-deleted', departmentId: '5' });
    expect(await store().directory.findDepartment(corpId, '5')).toBeNull();
  });

  it('reads a new customer from WeCom when it can, and drops followers who deleted or were deleted', async () => {
    const corpId = `ww${randomUUID().slice(0, 8)}`;
    const reads: string[] = [];
    const updater = new DirectoryUpdater(store().directory, async (_corp, externalUserId) => {
      reads.push(externalUserId);
      return { externalUserId, name: '王先生', corpName: null, type: 1, followUsers: ['zhangsan', 'lisi'] };
    });
    const pair = { corpId, employeeId: 'zhangsan', externalUserId: 'wmCustomer1' };
    await updater.apply({ ...at, ...pair, type: 'external-contact-added' });
    expect(reads).toEqual(['wmCustomer1']);
    expect((await store().directory.findExternalContact(corpId, 'wmCustomer1'))?.followUsers).toEqual(['zhangsan', 'lisi']);

    await updater.apply({ ...at, ...pair, type: 'employee-deleted-by-customer' });
    await updater.apply({ ...at, corpId, type: 'external-contact-deleted', employeeId: 'lisi', externalUserIds: ['wmCustomer1'], byTransfer: false });
    expect(await store().directory.findExternalContact(corpId, 'wmCustomer1')).toMatchObject({ name: '王先生', followUsers: [] });
  });

  it('without WeCom access adds a follower to a known customer and leaves unknown ones to the sync', async () => {
    const corpId = `ww${randomUUID().slice(0, 8)}`;
    const updater = new DirectoryUpdater(store().directory);
    await store().directory.saveExternalContacts(corpId, [{ externalUserId: 'wm1', name: 'A', corpName: null, type: 1, followUsers: ['lisi'] }], 1);
    const added = (externalUserId: string): RelationshipChange => ({ ...at, corpId, type: 'external-contact-added', employeeId: 'zhangsan', externalUserId });
    await updater.apply(added('wm1'));
    await updater.apply(added('wm1'));
    await updater.apply(added('wmUnknown'));
    expect((await store().directory.findExternalContact(corpId, 'wm1'))?.followUsers).toEqual(['lisi', 'zhangsan']);
    expect(await store().directory.findExternalContact(corpId, 'wmUnknown')).toBeNull();
  });
});
