import type { Simulation } from './simulation';

/**
 * The simulated org as WeCom's contact and customer-contact APIs describe it (department/list,
 * user/get, externalcontact/get, groupchat/get), for a fake of those APIs to serve.
 */
export interface DirectorySnapshot {
  departments: { id: number; name: string; parentid: number; order: number; department_leader: string[] }[];
  users: { userid: string; name: string; department: number[]; status: 1; direct_leader: string[] }[];
  externalContacts: { external_userid: string; name: string; type: 1 | 2; corp_name?: string; followers: { userid: string; createtime: number }[] }[];
  customerGroups: { chat_id: string; name: string; owner: string; member_list: { userid: string; type: 1 | 2; join_time: number }[] }[];
}

/**
 * `since` (ms) is when the org's relations began, as createtime and join_time say. Customer groups
 * created during the simulation are there too, as groupchat/get would find them afterwards.
 */
export function directorySnapshot({ org, events }: Pick<Simulation, 'org' | 'events'>, since: number): DirectorySnapshot {
  const seconds = Math.floor(since / 1000);
  const isExternal = (id: string) => id.startsWith('wm') || id.startsWith('wo');
  const createdGroups = events.flatMap(({ change }) => (change.type === 'group-created' ? [change] : []));
  return {
    departments: org.departments.map((d, order) => ({ id: d.id, name: d.name, parentid: d.parentId, order, department_leader: d.leaderIds })),
    users: org.employees.map((e) => ({ userid: e.userid, name: e.name, department: [e.departmentId], status: 1, direct_leader: e.directLeader ? [e.directLeader] : [] })),
    externalContacts: org.customers.map((c) => ({
      external_userid: c.externalUserId,
      name: c.name,
      type: c.type,
      ...(c.corpName ? { corp_name: c.corpName } : {}),
      followers: c.followers.map((userid) => ({ userid, createtime: seconds })),
    })),
    customerGroups: [
      ...org.groups
        .filter((g) => g.kind === 'customer')
        .map((g) => ({ chat_id: g.roomid, name: g.name, owner: g.ownerId, member_list: g.memberIds.map((userid) => member(userid, isExternal(userid), seconds)) })),
      // WeCom names an unnamed group after its first members; ChatVault does not read the name.
      ...createdGroups.map((g) => ({ chat_id: g.chatId, name: '', owner: g.ownerId, member_list: g.members.map((m) => member(m.id, m.kind !== 'employee', Math.floor(g.occurredAt / 1000))) })),
    ],
  };
}

function member(userid: string, external: boolean, joinTime: number): DirectorySnapshot['customerGroups'][number]['member_list'][number] {
  return { userid, type: external ? 2 : 1, join_time: joinTime };
}
