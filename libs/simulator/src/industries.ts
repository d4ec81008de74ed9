/**
 * The lines of business a simulated corp sells in, with what their salespeople and customers talk
 * about. Written by hand from everyday sales chats; slots in braces are filled per conversation
 * ({product}, {price}, {day}, {time}, {customer}, {me}, {place}).
 */
export interface Industry {
  id: string;
  division: string;
  products: readonly { name: string; price: readonly [number, number] }[];
  place: string;
  /** What customers ask or say, in the order a first conversation goes. */
  customerLines: readonly string[];
  /** The salesperson's answers. */
  employeeLines: readonly string[];
  /** Files a salesperson sends a customer. */
  files: readonly string[];
  links: readonly { title: string; description: string }[];
  weapp: { title: string; displayname: string };
  /** What the team says in its own group. */
  teamLines: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    id: 'insurance',
    division: '保险事业部',
    products: [
      { name: '安康福重疾险', price: [4200, 9800] },
      { name: '百万医疗险', price: [300, 1200] },
      { name: '金禧年金险', price: [20000, 100000] },
    ],
    place: '天府大道中段 666 号客户服务中心',
    customerLines: [
      '你好，我想了解一下{product}，给孩子买合适吗？',
      '每年大概要交多少钱？',
      '如果中途不想交了怎么办？',
      '等待期是多久呀？',
      '我老公也想一起看看，能不能一起做个方案？',
      '理赔的时候需要准备哪些材料？',
      '好的，我再和家里人商量一下',
      '保单收到了，谢谢',
    ],
    employeeLines: [
      '{customer}您好，我是{me}，很高兴为您服务',
      '{product}五岁以上就能投保，保额可以按家庭收入来定',
      '按您说的情况，年缴大概 {price} 元左右，我给您出一份详细方案',
      '等待期是 90 天，之后确诊就可以申请理赔',
      '您可以先看一下条款，有不清楚的地方我给您逐条解释',
      '理赔需要病历、诊断证明和发票，线上就能提交',
      '没关系，您和家人商量好了再定，方案我先帮您保留',
      '{day}{time}我在客户服务中心，您方便过来的话我们当面过一下条款',
    ],
    files: ['{product}产品条款.pdf', '{product}投保须知.pdf', '家庭保障方案说明.docx'],
    links: [
      { title: '一文读懂重疾险的等待期', description: '投保前必须知道的几件事' },
      { title: '医疗险理赔流程图解', description: '三步完成线上理赔' },
    ],
    weapp: { title: '保单服务', displayname: '华信人寿' },
    teamLines: ['明早九点晨会，大家准时', '新产品培训资料已经放在共享盘了', '这周客户回访记得在系统里登记'],
  },
  {
    id: 'real-estate',
    division: '地产营销中心',
    products: [
      { name: '锦江府三室两厅', price: [1800000, 2600000] },
      { name: '云栖湾两居', price: [1200000, 1600000] },
      { name: '滨江壹号四居', price: [3500000, 4800000] },
    ],
    place: '锦江府售楼处（东三环辅路 18 号）',
    customerLines: [
      '你好，{product}现在还有哪些楼层可以选？',
      '首付最低几成？公积金能用吗？',
      '离地铁站大概多远？',
      '小区附近有没有学校？',
      '周末能去看一下样板间吗？',
      '交房标准是精装还是毛坯？',
      '好的，我回去算一下月供',
      '我和我爱人{day}过去',
    ],
    employeeLines: [
      '{customer}您好，我是售楼处的置业顾问{me}',
      '{product}目前 10 到 18 层还有几套，朝南的户型比较抢手',
      '首套首付三成，公积金和商贷组合都可以办',
      '步行到地铁站八分钟左右，小区门口就有公交站',
      '对口的是区实验小学，步行十分钟',
      '总价 {price} 元左右，具体看楼层和朝向',
      '{day}{time}样板间开放，我在售楼处等您',
      '交房是精装，品牌厨电和地暖都包含在内',
    ],
    files: ['{product}户型图.pdf', '项目交房标准.pdf', '周边配套介绍.pptx'],
    links: [
      { title: '锦江府样板间 VR 实景', description: '在家就能看房' },
      { title: '组合贷月供怎么算', description: '一张表看懂公积金和商贷' },
    ],
    weapp: { title: '预约看房', displayname: '锦江府置业' },
    teamLines: ['今天到访登记表下班前交一下', '周六暖场活动需要四个人值班', '样板间钥匙用完放回前台'],
  },
  {
    id: 'auto',
    division: '汽车销售公司',
    products: [
      { name: '星途 SUV 2.0T 四驱版', price: [189800, 239800] },
      { name: '锐行轿车 1.5T 豪华版', price: [119800, 149800] },
      { name: '新能源 E7 长续航版', price: [219800, 269800] },
    ],
    place: '城北汽车城 4S 店展厅',
    customerLines: [
      '你好，{product}现在有现车吗？',
      '落地大概多少钱？',
      '可以试驾吗？我周末有时间',
      '贷款的话首付多少，利息怎么算？',
      '旧车可以置换吗？',
      '保养一次大概多少钱？',
      '颜色我想要白色的',
      '好的，{day}我过去看看',
    ],
    employeeLines: [
      '{customer}您好，我是展厅的销售顾问{me}',
      '{product}白色和灰色都有现车，其他颜色要等两周',
      '裸车价 {price} 元，加上购置税和保险，落地我给您列个明细',
      '可以的，{day}{time}给您安排试驾，带上驾照就行',
      '贷款首付最低两成，三年期有厂家贴息',
      '旧车可以置换，您发几张照片我先让评估师看一下',
      '首保免费，之后每次保养六百左右',
      '展厅地址是城北汽车城，到了给我发消息，我出来接您',
    ],
    files: ['{product}配置表.pdf', '金融方案说明.pdf', '置换补贴政策.pdf'],
    links: [
      { title: '星途 SUV 深度试驾', description: '城市与高速油耗实测' },
      { title: '新车提车验车清单', description: '提车前这几项一定要看' },
    ],
    weapp: { title: '预约试驾', displayname: '城北汽车城' },
    teamLines: ['明天到店的预约我排在表里了', '试驾车今天下午送去洗一下', '月底前把交车照片上传'],
  },
  {
    id: 'education',
    division: '少儿教育中心',
    products: [
      { name: '少儿英语春季班', price: [4800, 7800] },
      { name: '编程启蒙课', price: [3600, 5600] },
      { name: '暑期数学思维营', price: [2980, 4980] },
    ],
    place: '万象城校区 4 楼前台',
    customerLines: [
      '老师好，孩子今年七岁，适合上{product}吗？',
      '一节课多长时间？一个班几个孩子？',
      '可以先试听一节吗？',
      '学费可以分期吗？',
      '孩子基础比较弱，能跟上吗？',
      '上课地点在哪里？停车方便吗？',
      '孩子说今天的课很有意思',
      '{day}下午可以吗？',
    ],
    employeeLines: [
      '{customer}您好，我是课程顾问{me}',
      '七岁正合适，{product}是小班教学，每班不超过八个孩子',
      '每节课 60 分钟，中间有十分钟休息',
      '可以的，{day}{time}有一节试听课，我给孩子留个位置',
      '学期学费 {price} 元，可以分三期',
      '入学前会有一个小测评，老师会按孩子的情况安排进度',
      '校区在万象城四楼，商场停车前两小时免费',
      '今天的课堂照片发您看一下，孩子表现很积极',
    ],
    files: ['{product}课程大纲.pdf', '春季班课表.xlsx', '入学测评说明.pdf'],
    links: [
      { title: '孩子学英语的三个关键期', description: '家长必读' },
      { title: '本周课堂精彩瞬间', description: '看看孩子们学了什么' },
    ],
    weapp: { title: '约课助手', displayname: '星光少儿教育' },
    teamLines: ['下周的试听课排班已经发到群文件', '家长反馈表周五前整理好', '教室空调报修了，明天上午来修'],
  },
  {
    id: 'aesthetics',
    division: '医美中心',
    products: [
      { name: '水光补水疗程', price: [1980, 3980] },
      { name: '光子嫩肤', price: [980, 2680] },
      { name: '热玛吉全脸', price: [12800, 19800] },
    ],
    place: '春熙路 88 号医美中心 3 楼',
    customerLines: [
      '你好，{product}做一次能维持多久？',
      '会不会疼？需要恢复期吗？',
      '是医生亲自操作吗？',
      '我皮肤比较敏感，可以做吗？',
      '价格方面有没有疗程卡？',
      '做完需要注意什么？',
      '{day}上午有号吗？',
      '好的，到时候见',
    ],
    employeeLines: [
      '{customer}您好，我是医美中心的咨询师{me}',
      '{product}一般维持三到六个月，做一个疗程效果更稳定',
      '会敷麻药，大部分人感觉只是轻微刺痛，当天就能正常上班',
      '都是有执业资格的医生操作，面诊时医生会先评估',
      '敏感肌要先让医生面诊，看皮肤状态再定方案',
      '单次 {price} 元，三次疗程卡更划算',
      '术后一周注意防晒和补水，不要去桑拿',
      '{day}{time}有号，我先帮您约上',
    ],
    files: ['{product}术前须知.pdf', '术后护理指南.pdf', '医生资质介绍.pdf'],
    links: [
      { title: '换季皮肤护理小知识', description: '敏感肌也能安心护肤' },
      { title: '认识光子嫩肤', description: '原理、效果与注意事项' },
    ],
    weapp: { title: '预约面诊', displayname: '春熙医美' },
    teamLines: ['明天医生排班有调整，大家看一下表', '新到的术后面膜放在库房了', '本周回访名单在共享表里'],
  },
];
