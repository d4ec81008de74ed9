import type { RecordBody } from './message-bodies';
import { groupChat, oneToOne, type SceneContext } from './scene-context';
import { fillSlots } from './template-slots';

/*
 * Everyday traffic no policy should mind: sales chats, the team's group, a manager and a
 * salesperson, customer groups, new customers. Cards, locations and chat records, which the default
 * pack reports when an employee sends them to a customer, appear here only inside the company or
 * from customers.
 */

const CUSTOMER_ADDRESSES = [
  { title: '金沙小区', address: '四川省成都市青羊区金沙路 12 号' },
  { title: '望江名门', address: '四川省成都市锦江区望江路 1 号' },
  { title: '高新科技园 B 座', address: '四川省成都市高新区天府三街 69 号' },
];
const CUSTOMER_REPLIES = ['收到，谢谢', '好的', '请问需要提前报名吗？', '这个活动几点开始？', '👍'];
const TEAM_REPLIES = ['收到', '好的，收到', '明白', '收到👌', '好的'];

/** A salesperson and a customer; `everyKind` adds each kind of attachment once. */
export function salesConversation(ctx: SceneContext, everyKind: boolean): void {
  const { rng, rec, bodies, clock, industry } = ctx;
  const employee = ctx.employee.userid;
  const customer = ctx.customer.externalUserId;
  const chat = oneToOne(employee, customer);
  const fill = (template: string) => fillSlots(template, ctx.slots);
  const turns = rng.int(2, 6);
  const first = rng.int(0, industry.customerLines.length - turns);
  for (let i = first; i < first + turns; i++) {
    const showcase = everyKind && i === first;
    const asked = rec.send(clock.next(0, 6), customer, chat, bodies.text(fill(industry.customerLines[i]!)));
    if (showcase || rng.chance(0.04)) rec.recall(clock.next(0, 1), customer, chat, bodies.revoke(asked));
    const attachments = (chance: number, kinds: (() => RecordBody)[]) => (showcase ? kinds : rng.chance(chance) ? [rng.pick(kinds)] : []).map((kind) => kind());
    for (const body of attachments(0.08, [() => bodies.image(), () => bodies.voice(), () => bodies.emotion()])) rec.send(clock.next(0, 1), customer, chat, body);
    if (showcase || rng.chance(0.04)) {
      const home = rng.pick(CUSTOMER_ADDRESSES);
      rec.send(clock.next(0, 2), customer, chat, bodies.location(home.title, home.address));
    }
    rec.send(clock.next(1, 5), employee, chat, bodies.text(fill(industry.employeeLines[i]!)));
    const link = rng.pick(industry.links);
    const sent = attachments(0.25, [
      () => bodies.file(fill(rng.pick(industry.files))),
      () => bodies.link(link.title, link.description),
      () => bodies.weapp(industry.weapp.title, industry.weapp.displayname),
      () => bodies.image(),
      () => bodies.video(),
      () => bodies.voice(),
      () => bodies.emotion(),
      () => bodies.mixed(fill('{product}的实拍图，您看一下')),
    ]);
    for (const body of sent) rec.send(clock.next(0, 2), employee, chat, body);
  }
}

/** A customer's first contact: added, then agreeing to the archive (the record and the consent event). */
export function newCustomer(ctx: SceneContext): void {
  const { rec, bodies, clock } = ctx;
  const employee = ctx.employee.userid;
  const customer = ctx.customer.externalUserId;
  const addedAt = clock.next(0, 1);
  rec.event({ corpId: rec.corpId, occurredAt: addedAt, type: 'external-contact-added', employeeId: employee, externalUserId: customer });
  const agreedAt = clock.next(0, 2);
  rec.send(agreedAt, customer, oneToOne(employee, customer), bodies.agree(customer, agreedAt));
  rec.event({ corpId: rec.corpId, occurredAt: agreedAt, type: 'consent-changed', externalUserId: customer, employeeId: employee, agreed: true });
}

/** A post to the division's customer group and its replies; `everyKind` posts one of each kind. */
export function customerGroupPost(ctx: SceneContext, everyKind: boolean): void {
  const { rng, rec, bodies, clock, industry, customerGroup } = ctx;
  const chat = groupChat(customerGroup);
  const owner = customerGroup.ownerId;
  const posts = [
    () => bodies.text(fillSlots('各位朋友好，本周六下午{place}有客户答谢活动，欢迎大家带家人来参加', ctx.slots)),
    () => bodies.news([rng.pick(industry.links)]),
    () => bodies.link(rng.pick(industry.links).title, rng.pick(industry.links).description),
    () => bodies.sphfeed(industry.weapp.displayname, '客户答谢会精彩回顾'),
    () => bodies.redpacket('节日快乐，大家周末愉快', 666, true, 5),
  ];
  for (const post of everyKind ? posts : [rng.pick(posts)]) rec.send(clock.next(0, 2), owner, chat, post());
  const customers = customerGroup.memberIds.filter((id) => id.startsWith('wm') || id.startsWith('wo'));
  for (const customer of rng.sample(customers, rng.int(1, 3))) {
    rec.send(clock.next(0, 8), customer, chat, rng.chance(0.8) ? bodies.text(rng.pick(CUSTOMER_REPLIES)) : bodies.emotion());
  }
  rec.send(clock.next(1, 5), owner, chat, bodies.text('不用报名，下午两点开始，直接到场就行'));
}

/** The manager's notices in the team group, with replies; `everyKind` posts one of each kind. */
export function teamGroupDay(ctx: SceneContext, everyKind: boolean): void {
  const { rng, rec, bodies, clock, industry, teamGroup, manager } = ctx;
  const chat = groupChat(teamGroup);
  const names = ctx.org.employees.filter((e) => teamGroup.memberIds.includes(e.userid)).map((e) => e.name);
  const notices = [
    () => bodies.text(rng.pick(industry.teamLines)),
    () => bodies.markdown('**本周重点**\n> 1. 老客户回访\n> 2. 周六活动值班\n> 3. 周五前更新跟进记录'),
    () => bodies.news([{ title: '华信集团春季客户答谢会圆满举办', description: '感谢每一位客户的信任与支持' }]),
    () => bodies.todo('周六活动值班', '提前半小时到场布置，记得穿工装'),
    () => bodies.vote('团建时间投票', ['周五晚上', '周六中午', '周日下午']),
    () => bodies.collect(teamGroup.name, manager.name, '五一值班登记', ['姓名', '可值班日期'], clock.now),
    () => bodies.calendar('月度复盘会', manager.name, names, clock.now + 86_400_000, '三楼会议室', '带上本月跟进表'),
    () => bodies.meeting('周例会', clock.now + 3_600_000, '线上会议', '请提前准备本周进展'),
    () => bodies.meetingNotification('周例会将于 10 分钟后开始，请准时入会'),
    () => bodies.docmsg('本周工作安排', manager.name),
    () => bodies.qydiskfile('产品培训手册.pdf'),
    () => bodies.redpacket('恭喜发财，大家辛苦了', rng.int(50, 200) * 100, false, 5),
  ];
  const chosen = everyKind ? notices : [rng.pick(notices)];
  const sales = teamGroup.memberIds.filter((id) => id !== manager.userid);
  for (const notice of chosen) {
    rec.send(clock.next(0, 3), manager.userid, chat, notice());
    for (const member of rng.sample(sales, rng.int(0, 2))) rec.send(clock.next(0, 2), member, chat, bodies.text(rng.pick(TEAM_REPLIES)));
  }
}

/** A salesperson and their manager; `everyKind` uses each kind of message once. */
export function managerChat(ctx: SceneContext, everyKind: boolean): void {
  const { rng, rec, bodies, clock, industry, manager, employee } = ctx;
  const chat = oneToOne(employee.userid, manager.userid);
  const colleague = ctx.org.employees.find((e) => e.industry === industry.id && e.userid !== employee.userid && e.userid !== manager.userid) ?? manager;
  const exchanges = [
    () => {
      rec.send(clock.next(), employee.userid, chat, bodies.text(fillSlots('{customer}那边我跟了两次了，帮我看下怎么推进', ctx.slots)));
      const lines = rng.sample(industry.customerLines, 3).map((line) => fillSlots(line, ctx.slots));
      rec.send(clock.next(0, 1), employee.userid, chat, bodies.chatrecord(`${ctx.customer.salutation}和${employee.name}的聊天记录`, lines, clock.now));
      rec.send(clock.next(1, 6), manager.userid, chat, bodies.text('先把方案发过去，约个时间当面聊'));
    },
    () => {
      rec.send(clock.next(), manager.userid, chat, bodies.text('售后问题可以先找他'));
      rec.send(clock.next(0, 1), manager.userid, chat, bodies.card(ctx.org.corpName, colleague.userid));
    },
    () => rec.send(clock.next(), manager.userid, chat, bodies.voiptext()),
    () => rec.send(clock.next(), manager.userid, chat, bodies.meetingVoiceCall(clock.now, manager.userid)),
    () => rec.send(clock.next(), employee.userid, chat, bodies.voipDocShare('本周跟进进展.pptx')),
  ];
  for (const exchange of everyKind ? exchanges : [rng.pick(exchanges)]) exchange();
}

/** Contact and group changes of a normal day: a handover, a customer joining or leaving the group. */
export function relationshipRoutine(ctx: SceneContext): void {
  const { rng, rec, clock, customerGroup } = ctx;
  const corpId = rec.corpId;
  const customer = { id: ctx.customer.externalUserId, kind: 'external' as const };
  switch (rng.int(0, 3)) {
    case 0:
      rec.event({ corpId, occurredAt: clock.next(), type: 'group-members-added', chatId: customerGroup.roomid, ownerId: customerGroup.ownerId, added: [customer] });
      break;
    case 1:
      rec.event({ corpId, occurredAt: clock.next(), type: 'group-members-removed', chatId: customerGroup.roomid, ownerId: customerGroup.ownerId, removed: [customer], byOwner: false });
      break;
    case 2:
      rec.event({ corpId, occurredAt: clock.next(), type: 'external-contact-deleted', employeeId: ctx.employee.userid, externalUserIds: [customer.id], byTransfer: true });
      break;
    default:
      rec.event({ corpId, occurredAt: clock.next(), type: 'external-contact-edited', employeeId: ctx.employee.userid, externalUserId: customer.id });
  }
}
