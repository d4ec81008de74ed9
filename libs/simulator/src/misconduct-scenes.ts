import { groupChat, oneToOne, type SceneContext } from './scene-context';
import type { RecordBody } from './message-bodies';
import { residentIdNumber, mobileNumber, bankCardNumber } from './personal-numbers';
import { fillSlots } from './template-slots';

const DAY_MS = 86_400_000;
const UTC8_MS = 8 * 3_600_000;

/**
 * Seeded misconduct, one scene per way it happens, each labelled with what a compliance reviewer
 * would call it. The lines are written as salespeople and customers write them, not taken from any
 * rule's keyword list; the category names are the default policy pack's.
 */
export interface MisconductScene {
  category: string;
  scenario: string;
  play(ctx: SceneContext): void;
}

interface Line {
  text: string;
  /** Every category a reviewer would give this line. */
  categories: readonly string[];
}

/** A customer asks something ordinary, the employee answers with the seeded line, the customer reacts. */
function employeeSays(scenario: string, opener: string, line: Line, reply = '好的，我考虑一下'): MisconductScene {
  return {
    category: line.categories[0]!,
    scenario,
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const employee = ctx.employee.userid;
      const customer = ctx.customer.externalUserId;
      const chat = oneToOne(employee, customer);
      rec.send(clock.next(), customer, chat, bodies.text(fillSlots(opener, ctx.slots)));
      const msgid = rec.send(clock.next(1, 4), employee, chat, bodies.text(fillSlots(line.text, ctx.slots)));
      for (const category of line.categories) rec.labelMessage(msgid, category, scenario);
      rec.send(clock.next(1, 6), customer, chat, bodies.text(reply));
    },
  };
}

function customerSays(scenario: string, line: Line, answer: string): MisconductScene {
  return {
    category: line.categories[0]!,
    scenario,
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const chat = oneToOne(ctx.employee.userid, ctx.customer.externalUserId);
      const msgid = rec.send(clock.next(), ctx.customer.externalUserId, chat, bodies.text(fillSlots(line.text, ctx.slots)));
      for (const category of line.categories) rec.labelMessage(msgid, category, scenario);
      rec.send(clock.next(1, 5), ctx.employee.userid, chat, bodies.text(answer));
    },
  };
}

/** The employee sends the customer something whose type alone the pack reports. */
function employeeSends(scenario: string, category: string, lead: string | undefined, body: (ctx: SceneContext) => RecordBody): MisconductScene {
  return {
    category,
    scenario,
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const chat = oneToOne(ctx.employee.userid, ctx.customer.externalUserId);
      if (lead) rec.send(clock.next(), ctx.employee.userid, chat, bodies.text(fillSlots(lead, ctx.slots)));
      rec.labelMessage(rec.send(clock.next(0, 2), ctx.employee.userid, chat, body(ctx)), category, scenario);
    },
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A picture of a QR code: the record as WeCom sends it, and what the picture encodes for whoever renders it. */
function qrImage(ctx: SceneContext, payload: string): RecordBody {
  const image = ctx.bodies.image();
  ctx.rec.qrImage((image.fields.image as { sdkfileid: string }).sdkfileid, payload);
  return image;
}

const OFF_BOOK: MisconductScene[] = [
  employeeSays('off-book: sign privately at a discount', '{product}还能再便宜点吗？', {
    text: '走公司流程价格就是这个了，您要是诚心要，我私下给您办，再便宜两千，合同我单独给您出',
    categories: ['off-book-deal'],
  }),
  employeeSays('off-book: skip the company system', '我想这周就定下来', {
    text: '这单咱们不走系统了，系统里审批太慢，我直接帮您订，钱到了我这边安排',
    categories: ['off-book-deal'],
  }),
  employeeSays('off-book: keep the store out of it', '那定金交到哪里？', {
    text: '定金先别在店里交，这单别报公司，店里知道了又要按原价走',
    categories: ['off-book-deal'],
  }),
  employeeSays('off-book: fly the order', '别家给的价格比你们低', { text: '这样，我给您走飞单，价格跟他们一样，手续我来弄', categories: ['off-book-deal'] }),
];

const OFF_PLATFORM: MisconductScene[] = [
  employeeSays('off-platform: personal WeChat', '方案能再详细点吗？', {
    text: '这个号上说话不太方便，您加我私人微信吧，详细的我那边发您',
    categories: ['off-platform-contact'],
  }),
  employeeSays('off-platform: personal WeChat id', '周末能联系你吗？', {
    text: '周末这个号我不看，您加我个人微信 {wechatId}，随时找我',
    categories: ['off-platform-contact', 'pii'],
  }),
  employeeSays('off-platform: talk by phone instead', '价格还能谈吗？', {
    text: '价格的事在这里说不方便，晚点我打您电话细聊',
    categories: ['off-platform-contact'],
  }),
  employeeSends('off-platform: personal WeChat QR code', 'off-platform-contact', '以后有事直接找我，这是我的码', (ctx) =>
    qrImage(ctx, `https://u.wechat.com/${ctx.rng.chars(ALPHANUMERIC, 22)}`),
  ),
];

const PAYMENT_DIVERSION: MisconductScene[] = [
  employeeSays('payment: to a personal Alipay', '定金怎么付？', {
    text: '定金您转我个人支付宝就行，到账了我给您开收据',
    categories: ['payment-diversion'],
  }),
  employeeSays('payment: company account "under audit"', '对公账户是哪个？', {
    text: '公司账户这几天在年审收不了款，您先打我卡上，我这边再转进去',
    categories: ['payment-diversion'],
  }),
  customerSays('payment: customer paid the employee', { text: '钱我已经转到你说的那个个人账户了，你查收一下', categories: ['payment-diversion'] }, '好的收到了'),
  employeeSends('payment: personal payment QR code', 'payment-diversion', '尾款直接扫这个付就行', (ctx) => qrImage(ctx, `wxp://f2f0${ctx.rng.chars(ALPHANUMERIC, 40)}`)),
];

const SIDE_SELLING: MisconductScene[] = [
  employeeSays('side-selling: a friend\'s studio', '{product}有点贵啊', {
    text: '实话跟您讲，我朋友开了个工作室，同样的项目比我们这便宜一半，我把地址发您',
    categories: ['side-selling'],
  }),
  employeeSays('side-selling: own sideline', '有没有便宜点的？', {
    text: '我自己业余也在做代购，同款正品比专柜便宜三成，您要的话我单独给您留一个',
    categories: ['side-selling'],
  }),
];

const CUSTOMER_LIST: MisconductScene[] = [
  employeeSays('customer list: selling owners\' numbers', '你们那边客户多吗？', {
    text: '我手上有三百多条车主电话，都是近半年的意向客户，要的话五毛一条',
    categories: ['customer-list-trading'],
  }),
  employeeSays('customer list: exporting leads for a partner', '你们那边有需要装修的业主吗？', {
    text: '业主资料我这边能导出来，你们装修公司需要的话价格可以谈',
    categories: ['customer-list-trading'],
  }),
];

const CONFIDENTIAL: MisconductScene[] = [
  employeeSays('confidential: cost price', '你们利润应该挺高的吧？', {
    text: '跟您透个底，这批货的进货价其实才一半多一点，您放心砍',
    categories: ['confidential-leak'],
  }),
  employeeSays('confidential: unannounced price rise', '不急，我下个月再看看', {
    text: '悄悄告诉您，下个月要涨价了，通知还没公布，您这周定下来最划算',
    categories: ['confidential-leak'],
  }),
];

const ABUSE: MisconductScene[] = [
  employeeSays('abuse: can\'t you understand', '我还是没明白，能再讲一遍吗？', { text: '说了多少遍了，你听不懂人话吗？', categories: ['customer-abuse'] }, '你这什么态度'),
  employeeSays('abuse: take it or leave it', '再便宜五百我就定', { text: '爱买不买，这价格已经是最低了，别浪费我时间', categories: ['customer-abuse'] }, '……'),
];

const KICKBACK: MisconductScene[] = [
  employeeSays('kickback: for the purchasing manager', '这批采购我说了算，就看你们的诚意了', {
    text: '明白，这单您帮忙定我们家，事成之后私下给您个人三个点',
    categories: ['kickback'],
  }),
  employeeSays('kickback: rebate in cash', '公司采购流程比较严', {
    text: '流程按公司的走，返点我按两个点私下返给您，现金，不走账',
    categories: ['kickback'],
  }),
  employeeSends('kickback: large red packet', 'kickback', '合作愉快，一点心意', (ctx) => ctx.bodies.redpacket('合作愉快', ctx.rng.int(5, 20) * 10_000, true)),
];

const PRICE_INFLATION: MisconductScene[] = [
  employeeSays('price inflation: two contract prices', '合同怎么写？', {
    text: '合同上我给您写十二万八，实际您付十一万五就行，多出来的我这边处理',
    categories: ['price-inflation'],
  }),
  // The customer's half of the difference is a kickback too.
  employeeSays('price inflation: invoice written higher', '发票能开吗？', { text: '发票可以开高一点，回头报销的差价咱俩一人一半', categories: ['price-inflation', 'kickback'] }),
];

const OVER_FAMILIARITY: MisconductScene[] = [
  employeeSays('over-familiar: a dinner for two', '上次的方案我看了', { text: '方案不急，周末就我们俩去吃个饭吧，我知道一家很安静的店', categories: ['over-familiarity'] }),
  employeeSays('over-familiar: late-night message', '好的，明天见', { text: '宝贝晚安，好想你', categories: ['over-familiarity'] }, '？？'),
];

const MONEY: MisconductScene[] = [
  employeeSays('money: asking for a red packet', '谢谢你帮我争取到优惠', { text: '这个价我跟领导磨了好久，您是不是发个红包意思一下😄', categories: ['money-solicitation'] }),
  employeeSays('money: borrowing from a customer', '最近怎么样？', { text: '最近手头有点紧，能不能先借我两千，月底发工资就还您', categories: ['money-solicitation'] }),
  {
    category: 'money-solicitation',
    scenario: 'money: customer sends a red packet',
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const chat = oneToOne(ctx.employee.userid, ctx.customer.externalUserId);
      const msgid = rec.send(clock.next(), ctx.customer.externalUserId, chat, bodies.redpacket(fillSlots('谢谢{me}，辛苦了', ctx.slots), ctx.rng.int(2, 20) * 1_000, true));
      rec.labelMessage(msgid, 'money-solicitation', 'money: customer sends a red packet');
      rec.send(clock.next(1, 3), ctx.employee.userid, chat, bodies.text('谢谢您，太客气了'));
    },
  },
];

const RECORD_DELETION: MisconductScene[] = [
  employeeSays('records: delete after reading', '明白了', { text: '刚才跟您说的价格您看完删一下，公司会查聊天记录', categories: ['record-deletion'] }),
  employeeSays('records: no screenshots', '我能截图给我老公看看吗？', { text: '别截图哈，这个号有存档，给您的价格不能让别人知道', categories: ['record-deletion'] }),
];

const COMPETITOR: MisconductScene[] = [
  employeeSays('competitor: leaving and taking customers', '下次续费还找你吗？', {
    text: '跟您说一声，我下个月就离职去隔壁那家了，到时候您续费直接来找我，价格给您更低',
    categories: ['competitor-move'],
  }),
  employeeSays('competitor: moved to a rival', '最近怎么没见你？', {
    text: '我已经不在这家干了，现在在对面的店，您以后有需要联系我，老客户都跟过来了',
    categories: ['competitor-move'],
  }),
];

const PRIVATE_GROUP: MisconductScene[] = [
  employeeSays('private group: pulling customers into a side group', '有活动记得叫我', {
    text: '我拉了个小群，都是老客户，公司群里不能说的优惠我在那个群里发',
    categories: ['private-group'],
  }),
  {
    category: 'private-group',
    scenario: 'private group: customers only',
    play(ctx) {
      const { rec, clock, rng } = ctx;
      const customers = ctx.org.customers.filter((c) => c.followers.includes(ctx.employee.userid));
      const members = [
        { id: ctx.employee.userid, kind: 'employee' as const },
        ...rng.sample(customers, 3).map((c) => ({ id: c.externalUserId, kind: 'external' as const })),
      ];
      const eventId = rec.event({ corpId: rec.corpId, occurredAt: clock.next(), type: 'group-created', chatId: `wr${rng.chars(ALPHANUMERIC, 30)}`, ownerId: ctx.employee.userid, members });
      rec.labelEvent(eventId, 'private-group', 'private group: customers only');
    },
  },
  {
    category: 'private-group',
    scenario: 'private group: owner removes a customer',
    play(ctx) {
      const { rec, clock, customerGroup } = ctx;
      const removed = customerGroup.memberIds.filter((id) => id.startsWith('wm') || id.startsWith('wo')).slice(0, 1).map((id) => ({ id, kind: 'external' as const }));
      const eventId = rec.event({ corpId: rec.corpId, occurredAt: clock.next(), type: 'group-members-removed', chatId: customerGroup.roomid, ownerId: customerGroup.ownerId, removed, byOwner: true });
      rec.labelEvent(eventId, 'private-group', 'private group: owner removes a customer');
    },
  },
];

const COMPLAINT: MisconductScene[] = [
  customerSays('complaint: 12315', { text: '说好三天给结果，现在一个星期了还没消息，再不给个说法我就打12315投诉', categories: ['customer-complaint'] }, '非常抱歉，我马上帮您催'),
  customerSays('complaint: refund and lawyer', { text: '做完到现在脸还是红的，我要求全额退款，不然就找律师', categories: ['customer-complaint'] }, '您先别着急，我请医生马上联系您'),
  customerSays('complaint: accident car', { text: '车提回来就有异响，你们卖的是不是事故车？我要找你们领导', categories: ['customer-complaint'] }, '您别急，我让售后经理马上给您回电'),
];

const PII: MisconductScene[] = [
  customerSays('pii: customer sends id and mobile', { text: '我身份证号 {idNumber}，手机 {mobile}，麻烦帮我把资料填了', categories: ['pii'] }, '收到，填好了发您确认'),
  employeeSays('pii: employee writes out a customer\'s card number', '上次那笔退款退到哪？', { text: '退款原路退回您尾号那张卡，卡号 {bankCard}，您核对一下', categories: ['pii'] }),
];

const BEHAVIOUR: MisconductScene[] = [
  employeeSends('card: pushing an outside agent\'s card', 'card-push', '给您推个名片，贷款的事找他办', (ctx) => ctx.bodies.card('恒达融资担保有限公司', ctx.rng.pick(['LiuQiang', 'ZhouMin', 'WuHao']))),
  employeeSends('location: meeting outside the office', 'location-share', '我们在这儿碰个面', (ctx) => ctx.bodies.location('星巴克(万达广场店)', '四川省成都市锦江区万达广场 1 楼')),
  employeeSends('file: internal floor prices', 'sensitive-file', '您参考一下', (ctx) => ctx.bodies.file(`${ctx.industry.division}内部底价表.xlsx`)),
  employeeSends('file: customer list', 'sensitive-file', undefined, (ctx) => ctx.bodies.file('三月客户名单.xlsx')),
  employeeSends('forward: another customer\'s chat', 'chat-record-forward', '你看别人家是怎么定的', (ctx) =>
    ctx.bodies.chatrecord('群聊的聊天记录', ['我们这周就定', '价格按上次说的来', '合同周五签'], ctx.clock.now),
  ),
];

const AFTER_HOURS: MisconductScene = {
  category: 'after-hours',
  scenario: 'after hours: late-night follow-up',
  play(ctx) {
    const { rec, bodies, clock } = ctx;
    // Between 22:30 and 23:10 in UTC+8, on the scene's day.
    const localMidnight = Math.floor((clock.now + UTC8_MS) / DAY_MS) * DAY_MS - UTC8_MS;
    clock.now = localMidnight + 22.5 * 3_600_000 + ctx.rng.int(0, 40) * 60_000;
    const msgid = rec.send(clock.now, ctx.employee.userid, oneToOne(ctx.employee.userid, ctx.customer.externalUserId), bodies.text(fillSlots('{customer}，这么晚打扰了，明天{time}的安排我再跟您确认一下', ctx.slots)));
    rec.labelMessage(msgid, 'after-hours', 'after hours: late-night follow-up');
  },
};

const RECALL: MisconductScene[] = [
  {
    category: 'message-recall',
    scenario: 'recall: a leaked floor price taken back',
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const chat = oneToOne(ctx.employee.userid, ctx.customer.externalUserId);
      const original = rec.send(clock.next(), ctx.employee.userid, chat, bodies.text('跟您透个底，店长能批的底价其实还能再低八千'));
      rec.labelMessage(original, 'confidential-leak', 'recall: a leaked floor price taken back');
      const recall = rec.recall(clock.next(0, 1), ctx.employee.userid, chat, bodies.revoke(original));
      rec.labelMessage(recall, 'message-recall', 'recall: a leaked floor price taken back');
      rec.labelMessage(recall, 'confidential-leak', 'recall: a leaked floor price taken back');
    },
  },
  {
    category: 'message-recall',
    scenario: 'recall: a message to a customer',
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const chat = oneToOne(ctx.employee.userid, ctx.customer.externalUserId);
      const original = rec.send(clock.next(), ctx.employee.userid, chat, bodies.text(fillSlots('{customer}，合同我按周五的版本改好了', ctx.slots)));
      rec.labelMessage(rec.recall(clock.next(0, 1), ctx.employee.userid, chat, bodies.revoke(original)), 'message-recall', 'recall: a message to a customer');
    },
  },
];

const RELATIONSHIP: MisconductScene[] = [
  {
    category: 'customer-deletion',
    scenario: 'deletion: employee deletes a customer',
    play(ctx) {
      const { rec, clock } = ctx;
      const eventId = rec.event({ corpId: rec.corpId, occurredAt: clock.next(), type: 'external-contact-deleted', employeeId: ctx.employee.userid, externalUserIds: [ctx.customer.externalUserId], byTransfer: false });
      rec.labelEvent(eventId, 'customer-deletion', 'deletion: employee deletes a customer');
    },
  },
  {
    category: 'customer-lost',
    scenario: 'lost: customer deletes the employee',
    play(ctx) {
      const { rec, clock } = ctx;
      const eventId = rec.event({ corpId: rec.corpId, occurredAt: clock.next(), type: 'employee-deleted-by-customer', employeeId: ctx.employee.userid, externalUserId: ctx.customer.externalUserId });
      rec.labelEvent(eventId, 'customer-lost', 'lost: customer deletes the employee');
    },
  },
  {
    category: 'consent-withdrawn',
    scenario: 'consent: customer withdraws archiving consent',
    play(ctx) {
      const { rec, bodies, clock } = ctx;
      const customer = ctx.customer.externalUserId;
      const at = clock.next();
      // WeCom reports withdrawn consent only as this archive record; ChatVault derives the consent change from it.
      rec.labelMessage(rec.send(at, customer, oneToOne(ctx.employee.userid, customer), bodies.disagree(customer, at)), 'consent-withdrawn', 'consent: customer withdraws archiving consent');
    },
  },
];

/** A group version of a seeded line: the same conduct in front of several customers. */
const IN_GROUP: MisconductScene = {
  category: 'off-platform-contact',
  scenario: 'off-platform: in the customer group',
  play(ctx) {
    const { rec, bodies, clock, customerGroup } = ctx;
    const msgid = rec.send(clock.next(), customerGroup.ownerId, groupChat(customerGroup), bodies.text('群里说话不方便，有需要的朋友加我私人微信，优惠单独发'));
    rec.labelMessage(msgid, 'off-platform-contact', 'off-platform: in the customer group');
  },
};

export const MISCONDUCT_SCENES: readonly MisconductScene[] = [
  ...OFF_BOOK, ...OFF_PLATFORM, IN_GROUP, ...PAYMENT_DIVERSION, ...SIDE_SELLING, ...CUSTOMER_LIST, ...CONFIDENTIAL, ...ABUSE, ...KICKBACK,
  ...PRICE_INFLATION, ...OVER_FAMILIARITY, ...MONEY, ...RECORD_DELETION, ...COMPETITOR, ...PRIVATE_GROUP, ...COMPLAINT, ...PII,
  ...BEHAVIOUR, AFTER_HOURS, ...RECALL, ...RELATIONSHIP,
];

/** Slots only misconduct lines use, filled per scene. */
export function misconductSlots(ctx: Pick<SceneContext, 'rng'>): Record<string, string> {
  return {
    wechatId: `${ctx.rng.chars('abcdefghijklmnopqrstuvwxyz', ctx.rng.int(3, 6))}${ctx.rng.int(1980, 2005)}`,
    idNumber: residentIdNumber(ctx.rng),
    mobile: mobileNumber(ctx.rng),
    bankCard: bankCardNumber(ctx.rng),
  };
}
