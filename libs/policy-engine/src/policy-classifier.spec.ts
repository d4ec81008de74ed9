import type { ChatMessage } from '@chatvault/contracts';
import { describe, expect, it } from 'vitest';
import { chatMessage, qrJpeg, qrPng } from '@chatvault/testing';
import type { ClassifierInput } from './classifier-input';
import { compilePolicies } from './compile-policies';
import type { PolicyInput, RuleInput } from './policy-schema';

/** Wednesday 2024-03-06 at hh:mm in UTC+8. */
const at = (hhmm: string) => Date.parse(`2024-03-06T${hhmm}:00+08:00`);

function message(text: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage({ msgtime: at('10:00'), text, ...overrides });
}

const fromCustomer = { from: 'wmCustomer', fromKind: 'external' as const, tolist: ['zhangsan'] };
const internal = { tolist: ['lisi'] };

function classifier(rules: RuleInput[], extra: Partial<PolicyInput> = {}) {
  const categories = ['deal', 'contact', 'pii', 'card', 'money', 'file', 'recall', 'late', 'qr', 'gone', 'group', 'consent', 'abuse'];
  return compilePolicies([{ id: 'p', version: 7, name: 'test', severity: 'medium', categories, rules, ...extra }]);
}

function categories(rules: RuleInput[], input: ClassifierInput, extra: Partial<PolicyInput> = {}): string[] {
  return classifier(rules, extra).classify(input).map((hit) => hit.category);
}

describe('lexicon rules', () => {
  const deal: RuleInput = {
    id: 'deal',
    kind: 'lexicon',
    category: 'deal',
    severity: 'high',
    keywords: [{ keyword: '飞单', pinyin: true, initials: true }, '私单', { keyword: '回扣', category: 'money', severity: 'critical' }],
    allow: ['不要私下交易'],
  };

  it('reports one hit per rule and category with every span, the policy version and an excerpt', () => {
    const hits = classifier([deal]).classify({ message: message('飞单还是私单都不行，回扣也别想') });
    expect(hits).toEqual([
      { ruleId: 'deal', category: 'deal', severity: 'high', spans: [[0, 2], [4, 6]], excerpt: '飞单还是私单都不行，回扣也别想', policyId: 'p', policyVersion: 7, source: 'text' },
      { ruleId: 'deal', category: 'money', severity: 'critical', spans: [[10, 12]], excerpt: '飞单还是私单都不行，回扣也别想', policyId: 'p', policyVersion: 7, source: 'text' },
    ]);
  });

  it('catches evasions and points the span at the original characters', () => {
    for (const text of ['这单走飞*单', '这单走飞 单', '这单走飛單', '这单走ＦＥＩＤＡＮ', '这单走feidan', '这单走 fd 吧', '这单走fei单']) {
      const [hit] = classifier([deal]).classify({ message: message(text) });
      expect(hit?.category, text).toBe('deal');
      expect(text.slice(...hit!.spans[0]!).replace(/\s/g, '').length).toBeGreaterThan(1);
    }
    const text = '我们私.单处理';
    expect(text.slice(...classifier([deal]).classify({ message: message(text) })[0]!.spans[0]!)).toBe('私.单');
  });

  it('drops a hit an allow-listed phrase overlaps', () => {
    const rule: RuleInput = { id: 'private', kind: 'lexicon', category: 'deal', keywords: ['私下交易'], allow: ['不要私下交易'] };
    expect(categories([rule], { message: message('请不要私下交易，款项走公司') })).toEqual([]);
    expect(categories([rule], { message: message('我们私下交易吧') })).toEqual(['deal']);
  });

  it('drops a hit a negator governs in the same clause, but not across a comma or inside a question', () => {
    const rule: RuleInput = {
      id: 'n',
      kind: 'lexicon',
      category: 'deal',
      keywords: ['飞单', '借我'],
      negators: { before: ['严禁', '不能'], after: ['被开除'], except: ['能不能'] },
    };
    expect(categories([rule], { message: message('公司严禁任何飞单') })).toEqual([]);
    expect(categories([rule], { message: message('有同事飞单被开除了') })).toEqual([]);
    expect(categories([rule], { message: message('严禁声张，我们飞单') })).toEqual(['deal']);
    expect(categories([rule], { message: message('能不能借我两千') })).toEqual(['deal']);
  });

  it('reports a proximity pair only when the terms are within N characters, in order when asked', () => {
    const rule: RuleInput = { id: 'near', kind: 'lexicon', category: 'contact', proximity: [{ a: ['加我'], b: ['微信'], within: 3, ordered: true }] };
    const [hit] = classifier([rule]).classify({ message: message('你加我私人微信吧') });
    expect(hit?.spans).toEqual([[1, 3], [5, 7]]);
    expect(categories([rule], { message: message('加我吧，我们公司有很多同事都在用微信') })).toEqual([]);
    expect(categories([rule], { message: message('微信加我') })).toEqual([]);
  });

  it('keeps to the rule’s speakers, directions and message types', () => {
    const rule: RuleInput = { ...deal, from: ['employee'], directions: ['employee-to-customer'], excludeMsgtypes: ['file'] } as RuleInput;
    expect(categories([rule], { message: message('飞单') })).toEqual(['deal']);
    expect(categories([rule], { message: message('飞单', fromCustomer) })).toEqual([]);
    expect(categories([rule], { message: message('飞单', internal) })).toEqual([]);
    expect(categories([rule], { message: message('飞单.xlsx', { msgtype: 'file' }) })).toEqual([]);
  });

  it('keeps to the policy’s scope: employees, departments, directions and hours', () => {
    const rule: RuleInput = { id: 'd', kind: 'lexicon', category: 'deal', keywords: ['飞单'] };
    const directory = { departments: { zhangsan: ['sales'] } };
    expect(categories([rule], { message: message('飞单'), directory }, { scope: { departments: ['sales'] } })).toEqual(['deal']);
    expect(categories([rule], { message: message('飞单'), directory }, { scope: { departments: ['hr'] } })).toEqual([]);
    expect(categories([rule], { message: message('飞单', fromCustomer), directory }, { scope: { employees: ['zhangsan'] } })).toEqual(['deal']);
    const nights = { schedule: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', utcOffsetMinutes: 480 }, activeDuring: 'outside-working-hours' as const };
    expect(categories([rule], { message: message('飞单') }, nights)).toEqual([]);
    expect(categories([rule], { message: message('飞单', { msgtime: at('23:00') }) }, nights)).toEqual(['deal']);
  });

  it('says whether judging anyone needs the directory: only when a policy is scoped to departments', () => {
    const rule: RuleInput = { id: 'd', kind: 'lexicon', category: 'deal', keywords: ['飞单'] };
    expect(classifier([rule]).needsDepartments).toBe(false);
    expect(classifier([rule], { scope: { employees: ['zhangsan'] } }).needsDepartments).toBe(false);
    expect(classifier([rule], { scope: { departments: ['sales'] } }).needsDepartments).toBe(true);
  });

  it('names the employee whose conduct the message shows, whoever sends it', () => {
    const compiled = classifier([{ id: 'd', kind: 'lexicon', category: 'deal', keywords: ['飞单'] }]);
    expect(compiled.employeeOf({ message: message('飞单') })).toBe('zhangsan');
    expect(compiled.employeeOf({ message: message('飞单', fromCustomer) })).toBe('zhangsan');
  });

  it('classifies the recalled text of a recall, spans pointing into that text', () => {
    const [hit] = classifier([deal]).classify({ message: message('', { action: 'recall', msgtype: 'revoke' }), recalledText: '这单私单' });
    expect(hit).toMatchObject({ category: 'deal', source: 'recalled', spans: [[2, 4]] });
  });
});

describe('regex rules', () => {
  const rule: RuleInput = { id: 'id', kind: 'regex', category: 'contact', pattern: '加我(微信|vx)[:：]?[a-z][a-z0-9_]{5,}', trigger: ['加我'] };

  it('runs on the folded text and reports spans of the original', () => {
    const text = '好的，加我ＶＸ：Lily_2024';
    const [hit] = classifier([rule]).classify({ message: message(text) });
    expect(text.slice(...hit!.spans[0]!)).toBe('加我ＶＸ：Lily_2024');
  });

  it('does not run without its trigger', () => {
    expect(categories([{ ...rule, pattern: '.+' } as RuleInput], { message: message('hello') })).toEqual([]);
  });
});

describe('PII rules', () => {
  const pii: RuleInput = { id: 'pii', kind: 'pii', category: 'pii', detectors: ['mobile', 'id-card', 'bank-card'] };

  it('reports PII and masks it in its excerpt', () => {
    const [hit] = classifier([pii]).classify({ message: message('我电话13800138000') });
    expect(hit).toMatchObject({ category: 'pii', spans: [[3, 14]], excerpt: '我电话138****8000' });
  });

  it('masks PII in the excerpts of other rules too', () => {
    const deal: RuleInput = { id: 'deal', kind: 'lexicon', category: 'deal', keywords: ['私单'] };
    const hits = classifier([deal, pii]).classify({ message: message('私单，钱打到6222787789328792172') });
    expect(hits.map((h) => h.excerpt)).toEqual(['私单，钱打到***************2172', '私单，钱打到***************2172']);
  });

  it('ignores numbers that fail their checksum', () => {
    expect(categories([pii], { message: message('身份证110105199003071231，卡6222787789328792173') })).toEqual([]);
  });
});

describe('behaviour rules', () => {
  it('flags a card or location sent to a customer, not to a colleague', () => {
    const rules: RuleInput[] = [
      { id: 'card', kind: 'behaviour', category: 'card', msgtypes: ['card', 'location'], toExternal: true, from: ['employee'] },
    ];
    expect(categories(rules, { message: message('王磊 某某公司', { msgtype: 'card' }) })).toEqual(['card']);
    expect(categories(rules, { message: message('公司地址', { msgtype: 'location', ...internal }) })).toEqual([]);
  });

  it('judges red packets by direction and amount in yuan', () => {
    const rules: RuleInput[] = [
      { id: 'big', kind: 'behaviour', category: 'money', msgtypes: ['redpacket'], from: ['employee'], amount: { minYuan: 200 } },
    ];
    const redpacket = (fen: number, overrides: Partial<ChatMessage> = {}): ClassifierInput => ({
      message: message('恭喜发财', { msgtype: 'redpacket', ...overrides }),
      record: { redpacket: { type: 1, wish: '恭喜发财', totalcnt: 1, totalamount: fen } },
    });
    const [hit] = classifier(rules).classify(redpacket(88_800));
    expect(hit).toMatchObject({ category: 'money', spans: [], excerpt: '[redpacket ¥888.00] 恭喜发财' });
    expect(categories(rules, redpacket(888))).toEqual([]);
    expect(categories(rules, redpacket(88_800, fromCustomer))).toEqual([]);
    expect(categories(rules, { message: message('恭喜发财', { msgtype: 'redpacket' }) })).toEqual([]);
  });

  it('flags files whose names match, by the record’s file name', () => {
    const rules: RuleInput[] = [{ id: 'file', kind: 'behaviour', category: 'file', msgtypes: ['file'], toExternal: true, fileName: ['客户名单', '机密'] }];
    const file = (name: string): ClassifierInput => ({ message: message(name, { msgtype: 'file' }), record: { file: { filename: name } } });
    expect(categories(rules, file('2024年客戶名單.xlsx'))).toEqual(['file']);
    expect(categories(rules, file('产品介绍.pdf'))).toEqual([]);
  });

  it('flags recalls and messages outside the policy’s working hours', () => {
    const rules: RuleInput[] = [
      { id: 'recall', kind: 'behaviour', category: 'recall', actions: ['recall'] },
      { id: 'late', kind: 'behaviour', category: 'late', from: ['employee'], outsideWorkingHours: true },
    ];
    const schedule = { schedule: { days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '22:00', utcOffsetMinutes: 480 } };
    expect(categories(rules, { message: message('', { action: 'recall', msgtype: 'revoke' }) }, schedule)).toEqual(['recall']);
    expect(categories(rules, { message: message('睡了吗', { msgtime: at('23:30') }) }, schedule)).toEqual(['late']);
    expect(categories(rules, { message: message('早', { msgtime: at('09:00') }) }, schedule)).toEqual([]);
  });

  it('decodes QR codes in images and flags payment and personal WeChat codes', () => {
    const rules: RuleInput[] = [
      { id: 'pay', kind: 'behaviour', category: 'money', msgtypes: ['image'], toExternal: true, qr: ['payment'] },
      { id: 'personal', kind: 'behaviour', category: 'qr', msgtypes: ['image'], toExternal: true, qr: ['personal-wechat', 'wechat-group'] },
    ];
    const image = (bytes: Uint8Array): ClassifierInput => ({ message: message('', { msgtype: 'image' }), image: bytes });
    expect(categories(rules, image(qrPng('wxp://f2f0Yk3b8pQm2Xz')))).toEqual(['money']);
    expect(categories(rules, image(qrJpeg('https://qr.alipay.com/fkx12345abcdef')))).toEqual(['money']);
    expect(categories(rules, image(qrPng('https://u.wechat.com/EBdLmQ8xZ3kq')))).toEqual(['qr']);
    expect(categories(rules, image(qrPng('https://work.weixin.qq.com/u/vc123')))).toEqual([]);
    expect(categories(rules, image(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5])))).toEqual([]);
    expect(categories(rules, { message: message('', { msgtype: 'image' }), qrPayloads: ['wxp://f2f0abc'] })).toEqual(['money']);
  });
});

describe('event rules', () => {
  const rules: RuleInput[] = [
    { id: 'deleted', kind: 'event', category: 'gone', on: 'employee-deleted-customer' },
    { id: 'bulk', kind: 'event', category: 'gone', severity: 'critical', on: 'employee-deleted-customer', minCount: 3 },
    { id: 'lost', kind: 'event', category: 'gone', severity: 'low', on: 'customer-deleted-employee' },
    { id: 'alone', kind: 'event', category: 'group', on: 'group-without-colleague' },
    { id: 'removed', kind: 'event', category: 'group', on: 'customer-removed-from-group' },
    { id: 'consent', kind: 'event', category: 'consent', on: 'consent-withdrawn' },
  ];
  const compiled = classifier(rules);
  const common = { corpId: 'corp', occurredAt: at('10:00') };

  it('flags an employee deleting customers unless a handover caused it, bulk deletions higher', () => {
    const deleted = (ids: string[], byTransfer = false) =>
      compiled.classifyEvent({ ...common, type: 'external-contact-deleted', employeeId: 'zhangsan', externalUserIds: ids, byTransfer });
    expect(deleted(['wmA']).map((h) => h.ruleId)).toEqual(['deleted']);
    expect(deleted(['wmA', 'wmB', 'wmC']).map((h) => [h.ruleId, h.severity])).toEqual([['deleted', 'medium'], ['bulk', 'critical']]);
    expect(deleted(['wmA'], true)).toEqual([]);
    expect(deleted(['wmA'])[0]!.excerpt).toBe('zhangsan deleted 1 customer(s): wmA');
  });

  it('flags a customer deleting the employee and withdrawn consent', () => {
    expect(compiled.classifyEvent({ ...common, type: 'employee-deleted-by-customer', employeeId: 'zhangsan', externalUserId: 'wmA' }).map((h) => h.ruleId)).toEqual(['lost']);
    expect(compiled.classifyEvent({ ...common, type: 'consent-changed', externalUserId: 'wmA', agreed: false }).map((h) => h.ruleId)).toEqual(['consent']);
    expect(compiled.classifyEvent({ ...common, type: 'consent-changed', externalUserId: 'wmA', agreed: true })).toEqual([]);
  });

  it('flags a group of customers without colleagues, and customers the owner removed', () => {
    const member = (id: string, kind: 'employee' | 'external') => ({ id, kind });
    const created = (members: ReturnType<typeof member>[]) => compiled.classifyEvent({ ...common, type: 'group-created', chatId: 'g1', ownerId: 'zhangsan', members });
    expect(created([member('zhangsan', 'employee'), member('wmA', 'external')]).map((h) => h.ruleId)).toEqual(['alone']);
    expect(created([member('zhangsan', 'employee'), member('lisi', 'employee'), member('wmA', 'external')])).toEqual([]);
    const removed = (byOwner: boolean) =>
      compiled.classifyEvent({ ...common, type: 'group-members-removed', chatId: 'g1', ownerId: 'zhangsan', removed: [member('wmA', 'external')], byOwner });
    expect(removed(true).map((h) => h.ruleId)).toEqual(['removed']);
    expect(removed(false)).toEqual([]);
  });
});
