import type { PolicyInput } from './policy-schema';

/*
 * The policies ChatVault enables on first start. DEFAULT_PACK.md explains each rule with an
 * example in Chinese and English. Rules describe the behaviour (an avoidance verb near a company
 * channel, a customer-data noun near a price) rather than listing phrasings: when a realistic line
 * slips through, widen the rule, never the example.
 */

/** A manager's reminder or a salesperson's refusal quotes the forbidden word after one of these. */
const PROHIBITIONS = [
  '严禁', '禁止', '不得', '不准', '不许', '不允许', '不能', '不可以', '不要', '请勿', '切勿', '杜绝', '谨防', '警惕',
  '防止', '防范', '避免', '拒绝', '反对', '打击', '举报', '从不', '从来不', '绝不', '绝对不', '决不', '不会', '没有',
  '不存在', '不做', '不收', '不给', '不接受', '千万别', '别碰', '识别', '一律不', '任何形式', '不用', '无需', '没',
];
/** …or before one of these. */
const SANCTIONS = [
  '违规', '违法', '违反', '开除', '辞退', '严肃处理', '处罚', '处分', '引以为戒', '不允许', '是禁止', '不能透露', '不能说',
  '不能告诉', '不方便透露', '被抓', '就不用了', '不用了', '不能给', '不可以', '绝对不会', '绝不会', '是红线', '红线',
];
/** Questions and idioms that contain a negator but deny nothing. */
const NOT_NEGATIONS = ['能不能', '是不是', '可不可以', '会不会', '要不要', '不要紧', '没事', '没问题'];
const negators = { before: PROHIBITIONS, after: SANCTIONS, except: NOT_NEGATIONS };

const EXTERNAL = ['employee-to-customer', 'group'] as const;
const EXTERNAL_AND_INTERNAL = ['employee-to-customer', 'group', 'internal'] as const;
/** Lexicon rules read text; a file's name is judged by the file rule instead. */
const NOT_FILES = ['file', 'redpacket', 'external_redpacket', 'card', 'location'];

/** Every `a` followed by every `b`: 客户 × 名单 → 客户名单… */
function combine(heads: readonly string[], tails: readonly string[]): string[] {
  return heads.flatMap((head) => tails.map((tail) => head + tail));
}

/** Where a sale is supposed to go through: the company and its counters, systems and contracts. */
const COMPANY_CHANNELS = [
  '公司', '总部', '店里', '我们店', '门店', '院里', '医院', '前台', '柜台', '收银', '旅行社', '机构', '校区', '官方', '系统', '流程',
  '平台', '合同', '招标', '银行', '专柜', '商场', '4s店', '酒店', '驾校', '律所', '单子', 'app', '小程序',
];
const AVOIDING = [
  '不走', '别走', '不通过', '别通过', '不经过', '不经', '别在', '不用在', '不要在', '不用跟', '别跟', '不用走', '不进', '绕开', '绕过',
  '跳过', '别放', '别买', '别投', '别去', '别交', '先别交', '不交', '别从', '不从', '不上', '不用签', '别签', '不签',
];
const CUSTOMER_DATA = combine(
  [
    '客户', '客户的', '会员', '会员的', '家长', '家庭', '学员', '业主', '车主', '患者', '病人', '用户', '意向客户', '潜在客户', '目标客户',
    '精准客户', '老客户的', '粉丝', '留资客户', '高净值客户', '咨询客户',
  ],
  ['名单', '资料', '档案', '电话', '信息', '数据', '资源', '清单', '通讯录', '号码', '登记表', '登记', '联系方式'],
);
const PERSONAL = [
  '我自己', '我私人', '私人手里', '我朋友', '朋友家', '朋友的', '朋友公司', '我姐', '我哥', '我妹', '我弟', '我表妹', '我表弟', '我老婆',
  '我老公', '我爱人', '我表哥', '我表姐', '我亲戚', '我同学', '我闺蜜', '我兄弟', '我哥们', '我家人', '我妈', '我爸', '我舅', '我姨',
  '我叔', '我嫂子', '我姐夫', '我手上有', '我手里有', '下班后',
  '业余', '兼职',
];
/** An employee who uses the product himself is vouching for it, not selling his own. */
const OWN_USE = ['自己也在用', '自己在用', '自己也用', '我也在用', '一直在用', ...combine(['开了', '用了'], ['半年', '一年', '两年', '三年', '几年', '好几年', '五年', '十年'])];
const TO_ME = [
  '转我', '转给我', '打给我', '打到我', '转到我', '汇给我', '付给我', '付到我', '付我', '交给我', '给我转', '微信转我', '微信给我',
  '支付宝给我', '发我支付宝', '支付宝发我',
];
/** Handing the money to the employee himself, said outright. */
const MONEY_TO_ME = ['把钱给我', '钱直接给我', '把钱直接给我', '钱交给我', '把款给我', '款直接给我', '把钱转给我'];
const MONEY = [
  '钱', '款', '费', '金', '元', '块', '万', '千', '百', '微信', '支付宝', '卡', '账户', '户头', '付款', '保费', '首付', '定金', '尾款', '货款',
  '工资',
];
/** Leaving for a rival: strong on its own, or weak and then needing a strong invitation. */
const JOB_CHANGE = [
  '离职', '辞职', '跳槽', '入职', '换工作', '从公司出来', '不在公司了', '不在这家', '不干了', '要走了', '新东家', '新公司', '新单位', '自己出来开',
  '自己出来干', '出来单干', '自己单干', '月底就去', '月底去', '下月就去', '下个月就去', '年后就去', '过完年就去',
];
/** A trip, leave or transfer inside the company is not a move to a rival. */
const NOT_LEAVING = ['出差', '休假', '休产假', '产假', '培训', '开会', '调到', '调去', '调回', '调岗', '轮岗', '总部'];
const RIVAL_PLACE = ['另一家', '另外一家', '另一个', '别家', '别的', '隔壁', '去对面', '对面的', '去对手', '对手公司', '竞争对手', '同行', '竞品', '换到', '跳到'];
const COME_WITH_ME = ['跟我走', '带过去', '跟我过去', '转过来', '转过去', '迁过去', '找我', '联系我', '来找我', '跟我学', '介绍给我', '来我这', '跟着我', '转到我那边', '到我那边'];

const conduct: PolicyInput = {
  id: 'default-conduct',
  version: 1,
  name: '员工行为规范 · Employee conduct',
  description: 'What employees write to customers (and, for collusion, to each other).',
  severity: 'high',
  categories: [
    'off-book-deal', 'off-platform-contact', 'side-selling', 'customer-list-trading', 'confidential-leak', 'customer-abuse',
    'payment-diversion', 'kickback', 'price-inflation', 'over-familiarity', 'money-solicitation', 'record-deletion',
    'competitor-move', 'private-group',
  ],
  lexicons: [
    {
      id: 'off-book-deal',
      keywords: [
        { keyword: '飞单', pinyin: true, initials: true }, { keyword: '私单', pinyin: true }, { keyword: '走单', pinyin: true },
        '跳单', '撬单', '截单', '私下签', '私下成交', '私下交易', '私下办', '私下处理', '私下操作', '私下接', '私下调货', '私下帮',
        '私下认购', '私下约', '体外操作', '体外循环', '不进系统', '不走系统', '不走合同', '公司不知道', '别让公司知道',
        '不让公司知道', '店里不知道', '没人知道', '别报公司', '不报公司', '走外面', '外面的', '单独签个', '不在公司的代销',
        '我直接帮您订', '我直接帮你订', '我直接帮您办', '我直接帮你办', '不上报', '别上报', '不报备', '不入账', '自己消化', '不声张',
        '别声张', '领导不知道', '内部名额', '从厂里给你', '从厂里给您', '厂里直接',
      ],
    },
  ],
  rules: [
    {
      id: 'off-book-deal',
      kind: 'lexicon',
      description: '飞单、私单、走单与绕开公司的交易',
      category: 'off-book-deal',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL_AND_INTERNAL],
      excludeMsgtypes: NOT_FILES,
      lexicons: ['off-book-deal'],
      allow: ['走单位', '不要私下交易', '外面的天气'],
      // 不用签公司的合同 is the avoidance itself, not a negated one.
      negators: { ...negators, except: [...NOT_NEGATIONS, '不用签'] },
      proximity: [
        { a: AVOIDING, b: COMPANY_CHANNELS, within: 3, ordered: true },
        {
          a: ['公司那边', '公司那里', '店里那边', '机构那边', '财务那边', '前台那边'],
          b: ['我来处理', '我处理', '我来搞定', '我搞定', '我来说', '不用管', '我去说'],
          within: 4,
        },
        {
          a: ['朋友公司', '朋友的公司', '我朋友', '我自己'],
          b: ['直接供货', '直接发货', '直接给您做', '给您做', '给你做', '供货', '开票'],
          within: 10,
          ordered: true,
        },
        {
          a: ['私下', '私底下', '单独', '偷偷', '悄悄'],
          b: ['签', '合同', '协议', '成交', '下单', '调货', '拿货', '认购', '开票', '接', '订', '结算', '办', '弄', '做', '搞', '供货', '处理'],
          within: 6,
          ordered: true,
        },
        // The employee sources the goods himself instead of selling the company's.
        { a: ['我帮您找', '我帮你找', '我给您找', '我给你找', '我去找', '我自己找'], b: ['拿货', '进货', '调货', '拿一批'], within: 6, ordered: true },
        // Taking the money himself while undercutting the company's price.
        { a: [...MONEY_TO_ME, '钱给我', '直接转我', '直接付我'], b: ['比公司', '比店里', '比门店', '比官网', '比机构', '公司价', '店里价'], within: 30 },
      ],
    },
    {
      id: 'off-platform-contact',
      kind: 'lexicon',
      description: '把客户引到私人微信、QQ、电话等不存档的渠道',
      category: 'off-platform-contact',
      severity: 'medium',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '私人微信', '个人微信', '私人号', '个人号', '私人vx', '个人vx', '私人手机', '私人电话', '私人号码', '个人手机', '我的小号',
        '留个小号', '加我小号', '威信', '薇信', '扣扣号', 'qq号', '企鹅号', '加扣扣', '别在这里聊', '别在这聊', '这里不方便',
        '换个地方聊', '换个地方说', '私下微信', '搜一下我的微信', '我的微信号', '加我微信号', '私聊我', '别在这个号', '别在工作微信',
        '别在企业微信', '不要在企业微信', '企业微信上不方便', '工作号上不方便', '不适合在这里', '不适合在这', '这边聊天有限制',
        '聊天有限制', '这里说不方便', '不方便在这', '有人看', '去微信上说', '去微信说', '微信上说', '这里不好讲', '这里不好说', '私下加',
        // + between characters is skipped, so ➕我V folds to 我v.
        '+我v', '+我vx', '+我wx', '+我q', '+v我', '加我q', 'q我',
      ],
      // A personal WeChat named as where to pay is payment diversion, not a new channel.
      // 有人看房 is a viewing, not someone reading the chat.
      allow: ['企业微信', '转我个人', '转到我个人', '打到我个人', '转我私人', ...combine(['有人看'], ['房', '车', '中', '上', '好', '过', '店', '货'])],
      negators,
      proximity: [
        {
          a: ['加我', '加个', '添加我', '加一下我', '加下我'],
          b: ['v', 'vx', 'wx', 'q', 'qq', '微信', '威信', '薇信', '扣扣', 'v信', '绿泡泡', '私人', '个人', '小号'],
          within: 4,
          ordered: true,
        },
        {
          a: ['电话', '打给我', '手机', 'call我', '当面', '见面聊', '见面说'],
          b: ['不方便', '不太方便', '不好说', '不好讲', '不方便讲', '不适合', '别在', '不要在', '微信上', '这里说', '这里讲', '这个号', '线下', '有限制'],
          within: 15,
        },
        { a: ['号码', '号', '手机', '电话', '微信'], b: ['是我私人', '我私人的', '私人的'], within: 4 },
        // From now on by phone: the rest of the relationship leaves the archive.
        {
          a: ['手机号', '电话', '号码', '手机'],
          b: ['以后我直接打', '我直接打给', '以后我打给', '以后打给您', '以后打给你', '以后打您电话', '以后打你电话', '以后电话联系', '以后就电话'],
          within: 12,
        },
        { a: ['我微信', '我的微信', '我个人微信', '我私人微信'], b: ['推给你', '推给您', '推你', '推您', '通过一下', '通过下'], within: 8 },
        {
          a: ['您的微信号', '你的微信号', '您的个人微信', '你的个人微信', '您私人微信', '你私人微信'],
          b: ['发我', '给我', '推给我', '我加您', '我加你'],
          within: 6,
        },
        { a: ['钉钉', '飞书', 'qq', '短信', '私信', '抖音', '小红书'], b: ['上聊', '上沟通', '上说', '上谈', '联系我', '找我', '加我'], within: 3, ordered: true },
      ],
    },
    {
      id: 'off-platform-switch',
      kind: 'lexicon',
      description: '告诉客户工作账号不看、不用了，为换到别的渠道铺路',
      category: 'off-platform-contact',
      severity: 'medium',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      // The company's account closing at weekends is its rule, not the employee's move.
      allow: ['我们企业微信', '我们的企业微信', '公司企业微信', '公司的企业微信'],
      negators,
      proximity: [
        {
          a: ['企业微信', '工作微信', '工作号', '工作手机', '这个号', '这边消息', '这边的消息', '这里的消息'],
          b: ['不常看', '不怎么看', '很少看', '不看', '看不到', '漏看', '快不用', '不用了', '要停', '要交'],
          within: 8,
        },
      ],
    },
    {
      id: 'off-platform-id',
      kind: 'regex',
      description: '在聊天里报出个人微信号/QQ号让客户添加',
      category: 'off-platform-contact',
      severity: 'medium',
      from: ['employee'],
      directions: [...EXTERNAL],
      pattern: '(加|添加|搜)(我|一下)?(的)?(个人|私人)?(微信|vx|wx|v信|威信|薇信|qq|扣扣)(号)?[:： ]*[a-z0-9][-_a-z0-9]{4,19}',
      trigger: ['微信', 'vx', 'wx', 'v信', '威信', '薇信', 'qq', '扣扣'],
      allow: ['企业微信'],
    },
    {
      id: 'side-selling',
      kind: 'lexicon',
      description: '推销自己或亲友的产品、服务',
      category: 'side-selling',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: ['私房源', '私售', '私下卖', '私人接', '接私活', '自己接点', '不挂公司', '从我这拿', '从我这买', '我这有同款'],
      allow: OWN_USE,
      negators,
      proximity: [
        {
          a: PERSONAL,
          b: [
            '开了', '开的', '在做', '也做', '也带', '做批发', '批发', '代理', '代购', '在卖', '卖的', '工作室', '淘宝店', '网店', '小店',
            '团队', '托管班', '旅行社', '私募', '信托', '便宜', '划算', '半价', '打折', '折扣', '成本价', '出厂价', '收益比', '收益更高',
            '比公司', '比机构', '比店里', '比院里', '比专柜', '比我们', '不走店里', '接的', '私房源', '帮您办', '帮你办', '从他那买',
            '那边买', '好用', '定制', '款式多', '接点', '接活', '私活', '同款', '供货',
          ],
          within: 25,
        },
      ],
    },
    {
      id: 'customer-list-trading',
      kind: 'lexicon',
      description: '买卖、导出客户名单与线索',
      category: 'customer-list-trading',
      severity: 'critical',
      from: ['employee'],
      directions: [...EXTERNAL_AND_INTERNAL],
      excludeMsgtypes: NOT_FILES,
      negators,
      proximity: [
        {
          a: [...CUSTOMER_DATA, '线索', '客户资产', '到期客户', '留资客户', '意向客户', '高净值客户', '名单', '通讯录'],
          b: [
            '一条', '每条', '按条', '十条', '百条', '千条', '万条', '多条', '块钱', '块', '毛一条', '开个价', '价格好谈', '私聊价格',
            '要不要', '要吗', '谁要', '收不收', '有人收', '卖给', '卖', '导出', '导给', '拷出来', '打包', '算提成', '给我钱', '给你钱',
            '要的话', '需要的话', '有需要', '搞到', '能拿到', '拉出来', '导出来', '可以给你', '可以给您', '按个算', '算钱', '一份', '赚一笔',
            '两块', '五毛', '同行', '可以谈',
          ],
          within: 30,
        },
      ],
    },
    {
      id: 'confidential-leak',
      kind: 'lexicon',
      description: '泄露底价、成本、内部价格、未公开计划与财务信息',
      category: 'confidential-leak',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '底价', '内部价', '内部价格', '内部消息', '内部通知', '内部资料', '内部的', '成本价', '成本才', '成本只有', '成本也就', '成本就',
        '成本是', '进价', '进货价', '利润多少', '利润有多', '利润率', '毛利', '供应商报价', '供应商的报价', '还没公布', '没公布',
        '未公布', '还没对外', '没对外', '未公开', '还没公开', '没公开', '还没官宣', '消息还没', '还没发布', '未发布', '别外传', '别往外说',
        '别往外传', '别告诉别人', '别说是我给的', '别说是我发的', '偷偷发', '偷偷告诉', '偷偷拍', '透个底', '说实话', '销控表', '佣金政策',
        '考核指标', '销售目标', '工资表', '裁员', '要裁', '营收', '亏损', '财务数据', '路线图', '去化率', '排名表', '另一家客户的报价',
        '别的客户的合同', '其他客户的合同', '竞争对手签的', '他们拿的什么价', '还没宣布', '别传出去', '提成方案', '账上', '工资都拖',
        '拖工资', '发不出工资', '要停产', '悄悄告诉', '还没往外', '没往外发', '供应商的合同', '跟供应商的',
        ...combine(['内部'], ['统计', '数据', '文件', '报表', '名单', '排名', '定价', '折扣']),
        '内幕', '要大降价', '亏钱', '卖公司', '要倒闭', '资金链', '拿去压价', '压压价',
      ],
      // Offering an insider or cost price is a discount question, not a leaked figure.
      proximity: [
        {
          a: [
            '偷偷', '悄悄', '透露', '透个底', '说实话', '告诉你个', '别传', '别外传', '还没公布', '还没宣布', '消息还没', '内部消息', '还没通知',
            '没通知', '还没出来', '提前跟你说', '提前告诉', '先告诉你', '别说出去',
          ],
          b: ['降价', '涨价', '调价', '停产', '裁员', '亏', '卖公司', '倒闭', '关门', '底价', '成本', '利润', '工资', '提成', '佣金', '返佣', '返点', '费率'],
          within: 20,
        },
        // The company's own results, told to a customer.
        {
          a: ['我们公司', '公司今年', '公司这季度', '公司业绩', '我们今年', '我们这季度', '我们这个月', '我们店今年', '我们的业绩', '我们业绩'],
          b: ['跌了', '下滑', '亏', '赔了', '腰斩', '暴跌', '不行了'],
          within: 12,
        },
        {
          a: ['别的代理商', '别的客户', '其他客户', '其他代理', '其他商家', '别的商家', '别家客户', '给别人的', '另一家客户'],
          b: ['价格', '价', '报价', '合同', '折扣'],
          within: 6,
          ordered: true,
        },
      ],
      allow: [
        '到底价', '底价一说', '给内部价', '给你内部价', '给您内部价', '按内部价', '成本价给', '按成本价', '说实话挺好', '说实话我觉得', '有内部折扣',
        '给您内部折扣', '给你内部折扣', '享受内部折扣', '内部折扣价',
      ],
      negators,
    },
    {
      id: 'customer-abuse',
      kind: 'lexicon',
      description: '辱骂、贬低、威胁客户',
      category: 'customer-abuse',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '脑子有病', '有病吧', '你有病', '神经病', '脑子进水', '脑子不好使', '脑残', '智障', '猪脑子', '你是猪', '笨蛋', '蠢', '真的笨',
        '真笨', '太笨', '这么笨', '笨死', '傻逼', '傻b', '傻x', '傻叉', '煞笔', '沙比', '傻缺', '傻帽', '傻吧', '是不是傻', '你傻',
        { keyword: 'sb' }, '他妈', 'tmd', '妈的', '去死', '找死', '欠揍', '弄死你', '打死你', '穷鬼', '穷就别', '没钱就别', '买得起吗',
        '开得起吗', '也配', '老东西', '垃圾客户', '有毛病', '废物', '白痴', '弱智', '丑八怪', '死胖子', '肥婆', '土鳖', '乡巴佬',
        '没素质', '不要脸', '贱', '放屁', '闭嘴', '活该', '你算什么', '你算老几', '爱买不买', '真费劲', '浪费我时间', '别来烦我',
        '别再来烦我', '烦不烦', '滚蛋', '滚开', '给我滚', '看不懂中文', '听不懂人话', '人话', '就你这', '就凭你', '你这种人', '你长这样',
        '你这德行', '白练', '白整', '整什么容', '什么玩意', '来搞笑的', '服了你', '奇葩', '什么素质', '没素质', '素质差', '傻子', '你脑子',
        '没脑子', '智商', '低能', '比你懂事', '你以为你是谁', '算什么东西', '不是东西', '关我屁事', '懒得理你', '这点钱还', '就这点钱',
        '丢人现眼', '恶心', '长点脑子', '找茬', '叽叽歪歪', '烦死了', '做梦吧', '爱学不学', '爱来不来', '爱要不要', '爱信不信', '爱办不办',
        '爱签不签', '爱做不做', '装不懂', '装听不懂', '装糊涂', '要我说几遍', '都说三遍', '都说了三遍', '都说了几遍', '说了八百遍', '没钱还来',
        '没钱还想', '浪费大家时间',
      ],
      allow: ['蠢蠢欲动', '低贱', '贱卖'],
      negators,
    },
    {
      id: 'payment-diversion',
      kind: 'lexicon',
      description: '让客户把钱付到员工个人账户、卡或收款码',
      category: 'payment-diversion',
      severity: 'critical',
      from: ['employee'],
      directions: [...EXTERNAL_AND_INTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '转我个人', '我个人账户', '我的个人账户', '我私人账户', '我个人卡', '我的个人卡', '个人收款码', '我的收款码', '我这个收款码',
        '我个人的码', '转我微信', '微信转我', '转我支付宝', '支付宝转我', '转我卡上', '打我卡上', '转账给我', '打到我个人', '先转我',
        '直接转我', '直接付给我', '我个人户头', '我户头', '放我这', '钱放我', '先放我这', '给我现金', '现金给我', '账号就是我', ...MONEY_TO_ME,
        ...combine(['我的', '我这个', '我个人', '我私人', '我'], ['收钱码', '付款码', '收款二维码', '微信码', '支付宝码']),
      ],
      // Money asked for oneself (a tip, a red packet, a loan) is solicitation, not a diverted payment; 我们公司 is no diversion.
      allow: ['辛苦费', '茶水费', '跑腿费', '好处费', '红包', ...combine(['我们', '就是我们'], ['公司', '的公司', '店', '门店', '的对公', '对公', '官方', '的官方', '财务', '机构', '平台', '医院'])],
      negators: { ...negators, after: [...SANCTIONS, '应急', '周转', '就还', '还你', '还您', '辛苦费', '茶水费', '跑腿费', '好处费', '红包'], afterWithin: 10 },
      proximity: [
        { a: TO_ME, b: MONEY, within: 10 },
        { a: ['扫我', '扫这个', '扫我的'], b: ['付款', '收款', '码', '支付', '转账'], within: 8 },
        { a: ['我这个码', '我的码', '我这码', '我这个二维码', '我的二维码'], b: ['付款', '付钱', '支付', '转账', '买单', '结账', '交钱'], within: 6 },
        { a: ['户名', '收款人', '开户名', '账户名'], b: ['写我', '是我', '我的名字', '我名字', '填我'], within: 6, ordered: true },
        { a: ['打我', '存我', '汇我'], b: ['卡', '账户', '户头', '账上'], within: 4, ordered: true },
        {
          a: ['打到', '转到', '转入', '汇到', '打这个', '转这个'],
          b: ['我表哥', '我老婆', '我朋友', '我家人', '我亲戚', '我爱人', '我私人', '我个人', '是我私人', '是我的'],
          within: 10,
        },
      ],
    },
    {
      id: 'payment-diversion-customer',
      kind: 'lexicon',
      description: '客户说款项已付到员工个人账户',
      category: 'payment-diversion',
      severity: 'critical',
      from: ['external'],
      excludeMsgtypes: NOT_FILES,
      keywords: ['转到你说的', '转到你个人', '转给你个人', '转你个人', '打到你个人', '转到你的卡', '打到你卡上', '转你微信', '扫你的码'],
      negators,
    },
    {
      id: 'kickback',
      kind: 'lexicon',
      description: '回扣、返点、好处费',
      category: 'kickback',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '回扣', '好处费', '少不了您的', '少不了你的', '事成之后', '咱俩分', '我俩分', '咱们分', '我们分', '一人一半', '和我这边分',
        '对半分', '归你我', '你我分', '孝敬', '少不了', '给您包', '给你包', '一份心意',
      ],
      allow: ['分公司'],
      negators,
      proximity: [
        {
          a: ['返点', '返佣', '返现', '返给', '返你', '返您', '个点', '点的佣金', '提成', '好处', '拿两个点'],
          b: ['私下', '个人', '现金', '别跟别人说', '别人不知道', '别让', '分你', '分您', '我给你', '我给您', '给你', '给您', '一半'],
          within: 10,
          ordered: true,
        },
        {
          a: ['给您', '给你', '您个人', '你个人', '全给你', '全给您', '给您打', '给你打', '归您', '归你', '您拿', '你拿'],
          b: ['个点', '回扣', '好处', '茶水费', '一笔', '奖励', '现金', '心意', '包一个', '包个'],
          within: 8,
        },
        {
          a: ['给您个人', '给你个人', '私下给您', '私下给你', '私下返', '返给您', '返给你'],
          b: ['点', '钱', '元', '块', '好处', '提成', '现金', '红包', '返', '费'],
          within: 12,
          ordered: true,
        },
        // A gift promised for putting in a word with the buyer's own company.
        {
          a: ['帮我说说话', '帮我说句话', '帮我说几句', '帮我美言', '帮我打个招呼', '帮我递个话', '帮我运作', '帮我疏通'],
          b: ['给您', '给你', '好处', '少不了', '心意', '礼', '感谢您', '感谢你'],
          within: 20,
          ordered: true,
        },
      ],
    },
    {
      id: 'price-inflation',
      kind: 'lexicon',
      description: '虚报价格、赚取差价、阴阳合同',
      category: 'price-inflation',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: ['阴阳合同', '两份合同', '写高', '报高', '开高', '虚高', '多写', '多报', '双倍报', '中间的差价'],
      // Invoicing or settling at the actual amount is the honest case the 写…实际 pair is after.
      allow: ['补差价', '退差价', '差价退', '置换的差价', '保价', '差价单', '补房差', '按实际', '按照实际', '以实际'],
      negators,
      proximity: [
        {
          a: ['差价', '价差', '多出来的', '多的部分', '多的那部分', '多的', '多开', '剩下的', '中间的'],
          b: [
            '我处理', '我这边处理', '我来处理', '我操作', '我来操作', '我拿', '我留', '自己留', '归我', '归你我', '咱俩', '我俩', '咱们分',
            '我们分', '一人一半', '这边分', '那边分', '平分', '对半', '辛苦费', '服务费', '帮您处理', '帮你处理', '您懂的', '你懂的', '返我',
            '给我', '一半',
          ],
          within: 15,
          ordered: true,
        },
        { a: ['写', '报', '开票', '发票', '合同上'], b: ['实际'], within: 10, ordered: true },
        { a: ['多算', '多收', '多加', '多报', '多写', '多开', '虚报'], b: ['给我就行', '给我', '归我', '我拿', '我留', '返我', '咱俩', '我俩'], within: 20, ordered: true },
      ],
    },
    {
      id: 'over-familiarity',
      kind: 'lexicon',
      description: '与客户暧昧、过度亲密或私下约会',
      category: 'over-familiarity',
      severity: 'medium',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '想你了', '好想你', '想死你', '想你一', '想我吗', '想我呀', '有没有想我', '在想我', '么么哒', '抱抱', '亲一个', '亲一下', '爱你',
        '我喜欢你', '喜欢你', '心动', '做我女朋友', '做我男朋友', '有男朋友吗', '有女朋友吗', '约会', '约个会', '单独吃饭', '单独见面',
        '单独出来', '就我们俩', '就我们两个', '开房', '开个房', '住一间', '一个房间', '陪陪我', '陪我聊', '陪我睡', '寂寞', '一个人住',
        '老公不在家', '老婆不在家', '别告诉你老公', '别告诉你老婆', '你真美', '你今天真美', '你好美', '你真漂亮', '长得真好看', '你真好看',
        '性感', '忍不住', '声音真好听', '你这么可爱', '你真可爱', '宝贝晚安', '晚安宝贝', '梦里见', '叫我亲爱的', '我对你是认真的',
        '给我一次机会', '随叫随到', '心跳加速', '迷人', '你真是太美', '你太美了', '没人陪', '今晚过去找你', '今晚去找你', '就咱俩',
        '不带别人', '去我家', '来我家', '想见你', '梦到你', '老公不在', '老婆不在', '喜欢上你', '就你和我', '就我和你', '想天天见', '天天见到你', '笑起来真好看',
        '不聊工作', '不谈工作', '想跟你说说话', '想和你说说话', '想找你说说话', '想听你的声音',
      ],
      // A campaign slogan (心动不如行动, 心动价) is not a confession, nor is anything said to 你们, a crowd.
      allow: ['心动不如行动', '心动价', '心动礼', '心动好礼', '你们'],
      negators,
      proximity: [
        { a: ['我们俩', '我们两个', '咱俩', '咱们俩', '就我们'], b: ['单独', '吃饭', '喝杯', '喝一杯', '看电影', '住', '过夜', '约会'], within: 6 },
        // A test drive 带您兜兜风 is work; a ride together is not.
        { a: ['一起', '带你', '载你', '陪你', '接你', '咱俩', '我们俩'], b: ['兜风', '兜兜风'], within: 4, ordered: true },
        {
          a: ['晚上有空', '今晚有空', '周末有空', '下班后有空', '下班有空'],
          b: ['看电影', '看个电影', '看场电影', '出来走走', '出去走走', '散散心', '看夜景', '逛逛', '喝一杯', '喝杯', '单独', '请你', '约你'],
          within: 12,
          ordered: true,
        },
        { a: ['请你', '约你', '陪你', '带你'], b: ['看电影', '看个电影', '看场电影', '散心', '看夜景', '看海'], within: 3, ordered: true },
        { a: ['你穿', '你的样子', '你的笑', '你的眼睛', '你身材', '你的身材'], b: ['忘不了', '忘不掉', '一直想', '睡不着', '心动', '忍不住'], within: 12 },
        { a: ['我也睡不着', '还没睡', '睡不着'], b: ['想跟你', '想和你', '想你', '陪我', '说说话', '聊聊天'], within: 10 },
      ],
    },
    {
      id: 'money-solicitation',
      kind: 'lexicon',
      description: '向客户索要红包、借钱或好处',
      category: 'money-solicitation',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '红包走起', '表示一下', '意思一下', '意思下', '意思意思', '给点心意', '借我', '先借', '能不能借', '周转一下', '应急', '充个话费',
        '帮我充', '请我吃', '给我个人转', '随份子', '随个份子', '份子钱', '随礼', '礼金', '表示表示', '看着表示',
      ],
      negators,
      proximity: [
        { a: ['发', '包', '给我', '来个'], b: ['红包'], within: 6, ordered: true },
        { a: ['给我', '转点', '转我', '发点', '意思', '转五百', '转一千', '给点'], b: ['辛苦费', '好处', '茶水费', '跑腿费'], within: 8, ordered: true },
      ],
    },
    {
      id: 'record-deletion',
      kind: 'lexicon',
      description: '要求删除聊天记录、撤回、避开存档',
      category: 'record-deletion',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL_AND_INTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '别留记录', '不留记录', '别截图', '别截屏', '截图也别留', '看完删', '看完就删', '公司能看到', '公司会查', '公司要查', '公司在查',
        '领导会查', '领导要查', '会被看到', '有存档', '会存档', '被存档', '会被记录', '有监控', '被监控', '会抽查', '删记录', '清记录',
        '别让你们法务', '别让我们店长', '记录别留',
      ],
      negators,
      proximity: [
        { a: ['聊天', '记录', '消息', '截图'], b: ['会检查', '都会检查', '要检查', '在检查', '抽查'], within: 12 },
        {
          a: ['删', '删掉', '删了', '删一下', '清了', '清掉', '清一下', '清空', '撤回'],
          b: ['记录', '聊天', '截图', '截屏', '别让', '别留', '看完', '我们刚才聊', '我说的', '我跟你说的', '这几条'],
          within: 10,
        },
      ],
    },
    {
      id: 'competitor-move',
      kind: 'lexicon',
      description: '宣布离职去竞争对手并邀请客户跟随',
      category: 'competitor-move',
      severity: 'high',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      negators: { before: [...PROHIBITIONS, ...NOT_LEAVING], after: [...SANCTIONS, ...NOT_LEAVING], except: NOT_NEGATIONS },
      // Handing over to a colleague (找我同事) keeps the customer with the company.
      allow: ['我同事', '找同事'],
      proximity: [
        {
          a: [...JOB_CHANGE, '已经去了', '我要去', '下个月去', '下月去', '下周去', '下周就去', '去了隔壁', '上班了'],
          b: [
            ...COME_WITH_ME, '继续服务', '继续给您', '继续帮您', '继续帮你', '继续做', '继续跟', '交给我', '老客户', '跟我', '过来', '我那边', '我这边',
            '来新的', '私聊',
          ],
          within: 30,
        },
        { a: RIVAL_PLACE, b: COME_WITH_ME, within: 30 },
      ],
    },
    {
      id: 'private-group',
      kind: 'lexicon',
      description: '私自拉客户进非公司群',
      category: 'private-group',
      severity: 'medium',
      from: ['employee'],
      directions: [...EXTERNAL],
      excludeMsgtypes: NOT_FILES,
      keywords: ['小群', '私群', '自己的群', '我自己建', '另外建', '另建', '单独拉', '私下拉', '新建了个群', '不用机构的群', '不用公司的群', '小圈子'],
      negators,
      proximity: [
        { a: ['私人', '自己的', '小号', '私下', '另外', '单独', '进我的', '我的小', '自己拉', '小范围'], b: ['群'], within: 3, ordered: true },
        {
          a: ['群'],
          b: [
            '不是医院的', '不是公司的', '不是店里的', '不是官方的', '公司的群不方便', '领导不在', '领导在', '比官方', '官方群没有', '没有老师', '没有校长',
            '没有店长', '没有领导', '没有公司的人', '公司的人不在',
          ],
          within: 15,
        },
      ],
    },
    {
      id: 'repeat-off-platform',
      kind: 'rate',
      description: '一天内多次引导客户到私人渠道',
      counts: 'off-platform-contact',
      threshold: 3,
      windowMinutes: 1440,
      escalateTo: 'high',
    },
    { id: 'repeat-abuse', kind: 'rate', description: '一周内多次辱骂客户', counts: 'customer-abuse', threshold: 3, windowMinutes: 10080, escalateTo: 'critical' },
  ],
};

const customerSignals: PolicyInput = {
  id: 'default-customer-signals',
  version: 1,
  name: '客户风险信号 · Customer signals',
  description: 'Complaints, threats and withdrawn consent from customers.',
  severity: 'medium',
  categories: ['customer-complaint', 'consent-withdrawn', 'customer-lost'],
  rules: [
    {
      id: 'customer-complaint',
      kind: 'lexicon',
      description: '客户投诉、威胁报警、曝光、起诉、要求退款',
      category: 'customer-complaint',
      from: ['external'],
      excludeMsgtypes: NOT_FILES,
      keywords: [
        '投诉', '315', '12315', '12345', '12378', '消协', '消费者协会', '举报', '报警', '曝光', '起诉', '法院', '法庭见', '请律师', '找律师',
        '请了律师', '律师函', '诉讼', '必须赔', '要赔', '讨说法', '要个说法', '太差', '恶劣', '差劲', '告你们',
        '仲裁', '维权', '讨个说法', '给个说法', '要求退款', '我要退款', '要退款', '不给退款', '退货退款', '全额退款', '退还全部', '要退还',
        '我要退费', '退卡', '退钱', '还我钱', '再不退', '赔偿', '拉横幅', '媒体', '监管', '工商', '市场监督', '旅游局', '文旅局', '卫健委',
        '银保监', '住建委', '教育局', '信访', '欺诈', '骗人', '骗钱', '骗子', '坑人', '坑钱', '黑心', '忽悠', '虚假宣传', '假货', '事故车',
        '差评', '误导销售', '找你们领导', '找你们老板', '找你们经理', '要你们赔', '你们赔', '赔钱', '乱扣', '乱收费', '银监', '吃出问题',
        '评评理', '让网友', '避雷', '挂你们', '挂到网上', '怎么对待客户', '怎么对待顾客', '怎么对待消费者', '嘴脸', '市长热线', '市民热线', '我要退保',
        '要退保', '申请退保', '我就退保',
      ],
      allow: ['工商银行'],
      proximity: [
        // A condition and a threat: 再不处理，我就发到网上 / 不给我解决，我就去你们总部.
        {
          a: ['再不', '不给我', '不处理', '不解决', '不给说法', '不退', '再拖', '再这么拖', '不然', '否则'],
          b: [
            '发到网上', '发网上', '发帖', '发抖音', '发微博', '发朋友圈', '发小红书', '网上说', '我就去', '我就找', '我就到', '就去你们', '就找你们',
            '去你们总部', '到你们总部', '门口',
          ],
          within: 15,
          ordered: true,
        },
      ],
    },
    {
      id: 'complaint-authority',
      kind: 'regex',
      description: '客户扬言找监管部门（各类局、委、协会）',
      category: 'customer-complaint',
      from: ['external'],
      pattern: '(找|去|向|到|告到|投诉到|打到)\\p{Han}{0,4}(局|委|协会|律协|消协|消保委|监管|监督|监察|热线|法院)',
      trigger: ['局', '委', '协会', '律协', '消协', '消保委', '监管', '监督', '监察', '热线', '法院'],
      // Offices one visits for paperwork, and words that merely contain 局 or 委.
      allow: ['邮局', '车管局', '车管所', '房管局', '社保局', '公积金', '不动产', '出入境', '委托', '委屈', '局面', '格局', '布局', '结局', '局部', '饭局'],
    },
    {
      id: 'consent-disagree',
      kind: 'behaviour',
      description: '客户拒绝或撤回会话存档同意',
      category: 'consent-withdrawn',
      msgtypes: ['disagree'],
    },
    { id: 'customer-deleted-employee', kind: 'event', category: 'customer-lost', severity: 'low', on: 'customer-deleted-employee' },
  ],
};

const behaviour: PolicyInput = {
  id: 'default-behaviour',
  version: 1,
  name: '消息行为 · Message behaviour',
  description: 'Message types, metadata and relationship events.',
  severity: 'low',
  categories: [
    'card-push', 'location-share', 'sensitive-file', 'message-recall', 'chat-record-forward', 'after-hours', 'money-solicitation',
    'kickback', 'payment-diversion', 'off-platform-contact', 'customer-deletion', 'private-group',
  ],
  schedule: { days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '22:00', utcOffsetMinutes: 480 },
  rules: [
    { id: 'card-to-customer', kind: 'behaviour', description: '向外部联系人推送名片', category: 'card-push', msgtypes: ['card'], from: ['employee'], toExternal: true },
    { id: 'location-to-customer', kind: 'behaviour', description: '向外部联系人发送位置', category: 'location-share', msgtypes: ['location'], from: ['employee'], toExternal: true },
    {
      id: 'confidential-file-to-customer',
      kind: 'behaviour',
      description: '向外部联系人发送名称敏感的文件',
      category: 'sensitive-file',
      severity: 'high',
      msgtypes: ['file', 'voip_doc_share'],
      from: ['employee'],
      toExternal: true,
      fileName: ['客户名单', '客户资料', '通讯录', '底价', '内部', '机密', '绝密', '保密', '成本', '工资', '薪酬', '财务报表', '价格表', '销控'],
    },
    {
      id: 'quote-file-to-customer',
      kind: 'behaviour',
      description: '向外部联系人发送报价文件（提示）',
      category: 'sensitive-file',
      severity: 'low',
      msgtypes: ['file', 'voip_doc_share'],
      from: ['employee'],
      toExternal: true,
      fileName: ['报价'],
    },
    {
      id: 'recall',
      kind: 'behaviour',
      description: '员工撤回发给客户的消息（撤回内容同样被检测）',
      category: 'message-recall',
      actions: ['recall'],
      from: ['employee'],
      directions: ['employee-to-customer', 'group'],
    },
    { id: 'chat-record-to-customer', kind: 'behaviour', description: '向外部联系人转发聊天记录', category: 'chat-record-forward', msgtypes: ['chatrecord'], from: ['employee'], toExternal: true },
    { id: 'after-hours', kind: 'behaviour', description: '工作时间以外联系客户', category: 'after-hours', severity: 'info', from: ['employee'], toExternal: true, outsideWorkingHours: true },
    {
      id: 'red-packet-from-customer',
      kind: 'behaviour',
      description: '客户给员工发红包',
      category: 'money-solicitation',
      severity: 'medium',
      msgtypes: ['redpacket', 'external_redpacket'],
      from: ['external'],
      amount: { minYuan: 0 },
    },
    {
      id: 'large-red-packet-to-customer',
      kind: 'behaviour',
      description: '员工给客户发大额红包',
      category: 'kickback',
      severity: 'high',
      msgtypes: ['redpacket', 'external_redpacket'],
      from: ['employee'],
      toExternal: true,
      amount: { minYuan: 200 },
    },
    {
      id: 'payment-qr-to-customer',
      kind: 'behaviour',
      description: '向客户发送个人收款码',
      category: 'payment-diversion',
      severity: 'critical',
      // A picture inside a mixed message is as much an image as one sent alone.
      msgtypes: ['image', 'mixed'],
      from: ['employee'],
      toExternal: true,
      qr: ['payment'],
    },
    {
      id: 'personal-qr-to-customer',
      kind: 'behaviour',
      description: '向客户发送个人微信或微信群二维码',
      category: 'off-platform-contact',
      severity: 'medium',
      msgtypes: ['image', 'mixed'],
      from: ['employee'],
      toExternal: true,
      qr: ['personal-wechat', 'wechat-group'],
    },
    { id: 'employee-deleted-customer', kind: 'event', description: '员工删除客户（非继承导致）', category: 'customer-deletion', severity: 'medium', on: 'employee-deleted-customer' },
    { id: 'group-without-colleague', kind: 'event', description: '员工建群只有客户没有同事', category: 'private-group', severity: 'medium', on: 'group-without-colleague' },
    { id: 'customer-removed-from-group', kind: 'event', description: '群主把客户移出群', category: 'private-group', severity: 'low', on: 'customer-removed-from-group' },
    { id: 'bulk-deletion', kind: 'rate', description: '一天内删除客户过多，疑似离职前清理', counts: 'customer-deletion', threshold: 10, windowMinutes: 1440, escalateTo: 'critical' },
  ],
};

const pii: PolicyInput = {
  id: 'default-pii',
  version: 1,
  name: '个人信息 · Personal information',
  description: 'Personal data sent in chat; masked in every alert.',
  severity: 'medium',
  categories: ['pii'],
  rules: [
    { id: 'pii', kind: 'pii', description: '手机号、身份证号、银行卡号、邮箱、QQ号、微信号', category: 'pii', detectors: ['mobile', 'id-card', 'bank-card', 'email', 'qq', 'wechat-id'], mask: true },
  ],
};

export const DEFAULT_POLICY_PACK: readonly PolicyInput[] = [conduct, customerSignals, behaviour, pii];
