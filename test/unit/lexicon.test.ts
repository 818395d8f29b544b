import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { analyze, DEFAULT_CHANNELS } from '../../src/engine/understanding/analyze';
import { fold } from '../../src/engine/understanding/fold';
import { compileLexicon, knownWord, learnWords } from '../../src/engine/understanding/lexicon';
import { BROADER, CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { ENGLISH } from '../../src/engine/understanding/lexicon/english';
import { FILLERS } from '../../src/engine/understanding/lexicon/fillers';
import { questionWords } from '../../src/engine/understanding/question-type';
import { KnowledgeSchema } from '../../src/rules/config';

const lexicon = compileLexicon();
const conceptsOf = (text: string) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).concepts;

describe('the built-in lexicon', () => {
  it('keeps its rules: ids are topic.name, terms of two characters or more, one class per term, no fillers or question words', () => {
    const owner = new Map<string, string>();
    const fillers = new Set(FILLERS.map(fold));
    const broken: string[] = [];
    for (const c of CONCEPTS) {
      if (!/^[a-z]+\.[a-z_]+$/.test(c.id)) broken.push(`id ${c.id}`);
      for (const t of c.terms) {
        const f = fold(t);
        if (f.length < 2) broken.push(`short ${t}`);
        if (owner.has(f)) broken.push(`${t} in ${owner.get(f)} and ${c.id}`);
        if (fillers.has(f)) broken.push(`filler ${t}`);
        // A term that is all question words carries no topic (多久, 怎么): it would never be content.
        const covered = new Uint8Array(f.length);
        const { ranges } = questionWords(f);
        for (let r = 0; r < ranges.length; r += 2) covered.fill(1, ranges[r], ranges[r + 1]);
        if (covered.every(Boolean)) broken.push(`question word ${t}`);
        owner.set(f, c.id);
      }
    }
    expect(broken).toEqual([]);
    expect(new Set(CONCEPTS.map((c) => c.id)).size).toBe(CONCEPTS.length);
  });

  it('every English term names a known concept, once, in the form the analyser can match (Latin words split on anything else)', () => {
    const ids = new Set(CONCEPTS.map((c) => c.id));
    const seen = new Set<string>();
    const broken: string[] = [];
    for (const e of ENGLISH) {
      if (!ids.has(e.concept)) broken.push(`unknown ${e.concept}`);
      for (const t of e.terms) {
        if (!/^[a-z0-9]+( [a-z0-9]+)*$/.test(t)) broken.push(`unmatchable ${t}`);
        if (seen.has(t)) broken.push(`twice ${t}`);
        seen.add(t);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('families of concepts', () => {
  it('a kind names known classes and no class is its own broader one', () => {
    const ids = new Set(CONCEPTS.map((c) => c.id));
    const broken = Object.entries(BROADER).filter(([kind, broader]) => !ids.has(kind) || !ids.has(broader) || BROADER[broader] !== undefined);
    expect(broken).toEqual([]);
  });

  it('a kind or a facet meets its broader class, and neighbours do not meet', () => {
    const { families } = lexicon;
    expect(families.get('payment.card')).toBe('payment.methods');
    expect(families.get('returns.refund_time')).toBe('returns.refund');
    expect(families.get('returns.refund')).toBe('returns.refund');
    expect(families.get('clinic.extraction')).toBeUndefined();
    expect(families.get('clinic.scaling')).toBeUndefined();
    // A fabric is a material: 是纯棉的吗 is answered by what the fabric is.
    expect(families.get('product.fabric')).toBe('product.material');
  });

  it('keeps every class between a kind and its family\'s outermost, nearest first', () => {
    // Today's delivery is a kind of delivery time, a facet of delivery: an entry on either answers it.
    expect(lexicon.above.get('delivery.same_day')).toEqual(['delivery.delivery_time', 'delivery.delivery']);
    expect(lexicon.above.get('payment.card')).toEqual(['payment.methods']);
    expect(lexicon.above.get('payment.methods')).toBeUndefined();
  });

  it('answers a kind with the broader class\'s entry', () => {
    const u = compileUnderstanding([
      { id: 'methods', questions: ['支持哪些支付方式'], answer: '支持微信、支付宝和银行卡' },
      { id: 'failed', questions: ['支付失败怎么办'], answer: '请换一张卡重试' },
      { id: 'invoice', questions: ['如何开具发票'], answer: '订单完成后在订单详情申请' },
      { id: 'tracking', questions: ['如何查询物流'], answer: '在订单详情查看物流' },
      { id: 'refund', questions: ['退款多久到账'], answer: '1-3 个工作日' },
    ].map((e) => KnowledgeSchema.parse(e)));
    const d = understandMessage(u, '可以刷信用卡吗', new Set());
    expect(d.zone === 'answer' && d.entry.id).toBe('methods');
  });

  it('never answers one kind with a sibling kind\'s entry (a crash is no leak, Alipay no WeChat Pay)', () => {
    // No entry here names the broader class itself, so its feature is not in the index at all.
    const u = compileUnderstanding([
      { id: 'leak', questions: ['机器漏水怎么办', '底部渗水是什么原因'], answer: '请检查水箱是否装好' },
      { id: 'wechat', questions: ['可以用微信支付吗'], answer: '可以' },
    ].map((e) => KnowledgeSchema.parse(e)));
    expect(understandMessage(u, '死机了怎么办', new Set()).zone).toBe('fallback');
    expect(understandMessage(u, '能用支付宝吗', new Set()).zone).toBe('fallback');
    const leak = understandMessage(u, '机器一直漏水怎么处理', new Set());
    expect(leak.zone === 'answer' && leak.entry.id).toBe('leak');
  });
});

describe('a class naming its whole topic', () => {
  const u = compileUnderstanding([
    { id: 'tracking', questions: ['如何查询物流信息'], answer: '在订单详情查看物流' },
    { id: 'app', questions: ['支持哪些App', '手机App怎么连接'], answer: '下载官方App绑定设备' },
    { id: 'refund', questions: ['退款多久到账'], answer: '1-3 个工作日' },
  ].map((e) => KnowledgeSchema.parse(e)));

  it('is explained by an entry on the topic (包裹 for a tracking entry)', () => {
    const d = understandMessage(u, '包裹物流怎么查', new Set());
    expect(d.zone === 'answer' && d.entry.id).toBe('tracking');
  });

  it('is not when another class of its topic is left unexplained (账号 beside 注销)', () => {
    expect(understandMessage(u, 'App账号怎么注销', new Set()).zone).toBe('fallback');
  });
});

/** What a knowledge base of these entries does with a message: the answered entry's id, or the zone. */
function answerer(entries: readonly { id: string; questions: string[]; answer: string }[]): (text: string) => string {
  const u = compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)));
  return (text) => {
    const d = understandMessage(u, text, new Set());
    return d.zone === 'answer' ? d.entry.id : d.zone;
  };
}

describe('goods the customer names', () => {
  const answered = answerer([
    { id: 'refund', questions: ['退款多久到账'], answer: '原路退回，1-3 个工作日到账' },
    { id: 'damaged', questions: ['收到商品破损怎么办'], answer: '拍照联系客服，我们为您补发' },
    { id: 'dryer-ion', questions: ['吹风机有负离子功能吗'], answer: '有，本产品带负离子护发' },
    { id: 'fryer-power', questions: ['空气炸锅功率是多少'], answer: '1500 瓦，烤一份薯条约 15 分钟' },
    { id: 'dryer-specs', questions: ['吹风机有几档风速'], answer: '三档风速，冷热风可调' },
  ]);

  it('are what was bought to an entry that names no goods, or goods in general', () => {
    expect(answered('裤子退款多久到账')).toBe('refund');
    expect(answered('收到的杯子破损了怎么办')).toBe('damaged');
  });

  it('must be the kind an entry names (卷发棒 is not a hair dryer), whatever its answer mentions', () => {
    expect(answered('吹风机有负离子功能吗')).toBe('dryer-ion');
    expect(answered('卷发棒有负离子功能吗')).toBe('fallback');
    // 薯条 is in the answer, 蛋糕 in no entry: a cake is still not what the entry is about.
    expect(answered('空气炸锅功率多大能做蛋糕吗')).toBe('fallback');
  });

  it('are the goods of a damage told by what was seen (镜子, 花瓶)', () => {
    expect(answered('镜子裂了一条缝')).toBe('damaged');
    expect(answered('花瓶摔坏了怎么办')).toBe('damaged');
    // How to wash a stain off is no defect of what was bought.
    expect(answered('衣服上的油渍怎么洗掉')).toBe('fallback');
  });

  it('keep a product\'s settings apart from its features: a feature entry does not answer how strong the air is', () => {
    expect(answered('冷风热风都有吗')).toBe('dryer-specs');
    expect(answered('吹风机风大不大')).toBe('dryer-specs');
  });

  it('is one kind in all its names (炸锅, 空气炸锅)', () => {
    expect(analyze('炸锅', lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).concepts).toEqual(conceptsOf('空气炸锅'));
  });
});

describe('paraphrases meet through a concept', () => {
  // Pairs that share no word: what a customer says and what an operator writes.
  const pairs: [customer: string, operator: string, concept: string][] = [
    ['钱扣了但显示未付款', '支付异常', 'payment.problem'],
    ['寄回去要我掏腰包吗', '需要自己支付运费吗', 'payment.pay'],
    ['安装要加钱吗', '安装是否收费', 'payment.charge'],
    ['机器开不了机', '设备故障报修', 'aftersales.fault'],
    ['收到是坏的', '商品破损', 'quality.broken'],
    ['晚上开着吵不吵', '运行噪音', 'product.noise'],
    ['用着用着就没电了', '续航时间', 'product.battery'],
    ['哪个厂子造的', '产品产地', 'product.origin'],
    ['小朋友能来吗', '儿童可以就诊吗', 'booking.children'],
    ['开车来车停哪', '有停车位吗', 'store.parking'],
    ['要打麻药吗', '治疗会疼痛吗', 'clinic.pain'],
    ['下单就送吗', '有没有赠品', 'promo.gifts'],
    ['能便宜点吗', '有折扣吗', 'promo.discount'],
    ['怎么升金卡', '会员等级规则', 'member.level'],
    ['想换个日子', '预约能否改期', 'booking.reschedule'],
    ['临时去不了了', '如何取消预约', 'booking.cancel'],
    ['家里120平米', '适用面积', 'home.area'],
    ['洁牙贵吗', '洗牙收费标准', 'clinic.scaling'],
    ['价格', '多少钱', 'ask.price'],
    ['付款後多久出貨', '多久发货', 'delivery.ship'],
    ['寄来的却是白色', '发错货如何处理', 'quality.wrong_item'],
    ['到手才两件', '收到的包裹少件', 'quality.missing_parts'],
    ['醫保卡可以刷嗎', '是否可以使用医保卡', 'booking.insurance'],
    ['可以湿拖不', '是否支持拖地', 'product.mopping'],
    ['开封后能放多久', '保质期多久', 'product.shelf_life'],
    ['卡不想用了', '会员卡可以退吗', 'member.card_refund'],
    ['穿着有点勒脖子', '尺码偏小', 'size.too_small'],
    ['点不着火', '设备故障报修', 'aftersales.fault'],
    ['冬天穿保不保暖', '这件衣服暖和吗', 'product.warmth'],
    ['这件衣服透不透气', '面料是否吸汗', 'product.breathability'],
    ['搜不到设备', '蓝牙连接失败', 'aftersales.connection_fault'],
    ['炸锅能放下一整只鸡吗', '容量是多少', 'product.capacity'],
    ['运费要我自己掏吗', '需要自己支付运费吗', 'payment.pay'],
    ['包裹到哪了', '如何查询物流信息', 'delivery.tracking'],
    ['钱啥时候能回来', '退款到账时间', 'returns.refund_time'],
    ['送到隔壁去了', '快递送错地址怎么办', 'delivery.misdelivered'],
    ['退的货你们收到没', '退货签收后多久退款', 'returns.return_received'],
    ['能退多少钱', '退款金额如何计算', 'returns.refund_amount'],
    // Online shopping, told the way shoppers say it: what they saw, what they got, what they ask before buying.
    ['杯子碎成两半了', '商品破损', 'quality.broken'],
    ['到手就坏了', '商品破损', 'quality.broken'],
    ['才用两天就开胶了', '质量问题', 'quality.defective'],
    ['款式跟我选的不一样', '发错货', 'quality.wrong_item'],
    ['赠品没收到', '商品漏发', 'quality.missing_parts'],
    ['码数小了', '尺码偏小', 'size.too_small'],
    ['买完就便宜了', '降价能否退差价', 'returns.price_difference'],
    ['一直没货', '缺货', 'stock.out_of_stock'],
    ['有货提醒我一下', '到货通知', 'stock.restock'],
    ['动静大不大', '运行噪音', 'product.noise'],
    ['一次要多少电', '耗电量', 'product.energy'],
    ['电池能撑多久', '续航时间', 'product.battery'],
    ['是哪里做的', '产地在哪', 'product.origin'],
    ['风大不大', '有几档风速', 'product.levels'],
    // Shop-speak for an order's progress, its way, paying and the after-sale.
    ['快递到哪个城市了', '如何查询物流信息', 'delivery.tracking'],
    ['单子走到哪一步了', '订单状态', 'orders.status'],
    ['几天能从仓库出', '多久发货', 'delivery.ship'],
    ['没微信拿啥付', '支付方式', 'payment.methods'],
    ['差的钱能补吗', '降价能否退差价', 'returns.price_difference'],
    ['拍重复了', '拍错了', 'orders.cancel_mistake'],
    ['领的券没扣掉', '优惠券没减', 'promo.coupon_problem'],
    ['入会要钱吗', '入会收费吗', 'member.fee'],
    ['能印名字吗', '可以定制印logo', 'product.customization'],
    ['能到店试穿吗', '线下门店', 'store.offline_store'],
    ['这件是oversize的吗', '版型是宽松的还是修身的', 'size.fit'],
    ['我平时穿M', '穿什么码', 'size.which_size'],
  ];
  it.each(pairs)('%s ~ %s at %s', (customer, operator, concept) => {
    expect([...conceptsOf(customer)]).toContain(concept);
    expect([...conceptsOf(operator)]).toContain(concept);
  });

  it('near misses stay apart: one procedure is not another, and a term does not eat the start of the next word', () => {
    expect(conceptsOf('拔牙多少钱')).not.toContain('clinic.scaling');
    expect(conceptsOf('烫发多少钱')).not.toContain('salon.haircut');
    expect(conceptsOf('空调漏水')).not.toContain('aftersales.fault');
    expect(conceptsOf('推荐一家餐厅')).not.toContain('product.comparison');
    expect(conceptsOf('可以开箱验货吗')).not.toContain('product.in_box');
    expect(conceptsOf('能自带酒水吗')).not.toContain('product.in_box');
    expect(conceptsOf('会透气吗')).not.toContain('product.see_through');
    expect(conceptsOf('什么时候补发')).not.toContain('stock.restock');
    expect(conceptsOf('医生能上门看牙吗')).toContain('clinic.dental');
    expect(conceptsOf('你们晚上开着吗')).not.toContain('product.noise');
    expect(conceptsOf('减肥期间能来健身吗')).toContain('fitness.goals');
    expect(conceptsOf('能修改地址吗')).not.toContain('aftersales.repair');
    expect(conceptsOf('有网店吗')).not.toContain('store.wifi');
    expect(conceptsOf('地铁几号出口')).not.toContain('delivery.abroad');
    expect(conceptsOf('我明天要上班')).not.toContain('store.hours');
    // A term that starts on another's last character must not take it, nor one end inside the next.
    expect(conceptsOf('保修多久')).toEqual(new Set(['aftersales.warranty']));
    expect(conceptsOf('安装多少钱')).not.toContain('product.capacity');
    expect(conceptsOf('花呗支付失败')).toContain('payment.failed');
    expect(conceptsOf('扫地机器人续航多久')).not.toContain('store.human_agent');
    // Look-alike groups stay apart.
    expect(conceptsOf('会不会起球')).not.toContain('quality.fading');
    expect(conceptsOf('孕妇能吃吗')).not.toContain('product.health_condition');
    // The mains side (voltage, plug, cord) is not the wattage.
    expect(conceptsOf('电源线有多长')).not.toContain('product.power');
    expect(conceptsOf('国外电压能用吗')).not.toContain('product.power');
    // A term ending on a question word's first character (运费多|少) would fall with it and take 运费 along.
    expect(conceptsOf('运费多少钱')).toContain('delivery.fee');
    // A parcel's arrival question does not take the 到 of 到账, nor 收到 the 收到 of 收到货.
    expect(conceptsOf('退款怎么还没到账')).not.toContain('delivery.not_received');
    expect(conceptsOf('多长时间能收到货')).toEqual(new Set(['delivery.delivery_time']));
    expect(conceptsOf('收货人电话写错了')).toContain('delivery.address_change');
    // Nor does one start inside a common word (输|入手机号, 一|起购买, 发|现价格, 空|调换).
    expect(conceptsOf('输入手机号')).not.toContain('orders.place');
    expect(conceptsOf('两件一起购买')).toContain('orders.place');
    expect(conceptsOf('发现价格降了')).not.toContain('ask.price');
    expect(conceptsOf('空调换个位置')).not.toContain('returns.exchange');
  });

  it('keeps kinds to what the broader answer answers: sending goods back is a return, withdrawing a balance no way to pay', () => {
    expect(lexicon.families.get('returns.send_back')).toBe('returns.return');
    expect(lexicon.families.get('payment.withdraw')).toBeUndefined();
    expect(conceptsOf('钱包余额怎么提现')).toContain('payment.withdraw');
    // Goods unlike their pictures are not what was ordered; asking before buying whether they look alike is no complaint.
    expect(lexicon.families.get('quality.not_as_described')).toBe('quality.wrong_item');
    expect(conceptsOf('实物跟图片不一样')).toContain('quality.not_as_described');
    expect(conceptsOf('实物跟图片一样吗')).not.toContain('quality.not_as_described');
  });

  it('reads an inflected English word as the lexicon\'s form (refunds, shipped, booked, damage)', () => {
    expect(conceptsOf('refunds 多久到')).toContain('returns.refund');
    expect(conceptsOf('shipped 了吗')).toContain('delivery.ship');
    expect(conceptsOf('booked 了')).toContain('booking.book');
    expect(conceptsOf('damage 了')).toContain('quality.broken');
  });

  it('a filler beside a term holding a question word does not cut it (我想问一下|啥时候发货, 送啥|啊)', () => {
    expect(conceptsOf('我想问一下啥时候发货哈')).toContain('delivery.ship');
    expect(conceptsOf('送啥啊')).toContain('promo.gifts');
  });

  it('keeps ordinary words away from the pinyin corrector (有赠 is not 邮政, 和税 is not 喝水)', () => {
    const corrected = (text: string) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: true }).concepts;
    expect(corrected('是否有赠品')).toEqual(new Set(['promo.gifts']));
    expect(corrected('告知发票抬头和税号')).not.toContain('clinic.diet');
    expect(corrected('取消预约扣钱吗')).not.toContain('clinic.dental');
  });
});

describe('a business the lexicon was not written from', () => {
  const hotel = [
    { id: 'parking', questions: ['酒店有停车位吗', '停车怎么收费'], answer: '地下车库免费停车' },
    { id: 'checkout', questions: ['退房时间是几点', '可以延迟退房吗'], answer: '中午 12 点前退房，可延迟到 14 点' },
    { id: 'breakfast', questions: ['房费含早餐吗'], answer: '含双早' },
    { id: 'pets', questions: ['可以带宠物入住吗'], answer: '可以携带小型犬' },
    { id: 'shuttle', questions: ['有没有机场接送'], answer: '提供免费接机' },
  ].map((e) => KnowledgeSchema.parse(e));
  const u = compileUnderstanding(hotel);
  const offered = (text: string) => {
    const d = understandMessage(u, text, new Set());
    return d.zone === 'answer' ? [d.entry.id] : d.zone === 'clarify' ? d.choices.map((c) => c.id) : [];
  };

  it('finds the entry a colloquial question means, though they share no word', () => {
    expect(offered('能带狗狗住吗')).toContain('pets');
    expect(offered('车放哪')).toContain('parking');
    expect(offered('能晚点退房不')).toContain('checkout');
    expect(offered('有没有人来机场接')).toContain('shuttle');
  });

  it('falls back on a question the entries do not answer, though it shares a topic word', () => {
    expect(understandMessage(u, '停车场的保安电话是多少', new Set()).zone).toBe('fallback');
    expect(understandMessage(u, '早餐有没有豆浆油条', new Set()).zone).toBe('fallback');
  });
});

describe('typed pinyin', () => {
  const read = (text: string, lex = compileLexicon()) => analyze(text, lex, { channels: DEFAULT_CHANNELS, pinyin: true });

  it('reads typed question words as the question words they are', () => {
    const a = read('zenme tuikuan');
    expect(a.corrections).toEqual(['zenme tuikuan→怎么退款']);
    expect(a.types).toContain('how');
  });

  it('gives a sound to the knowledge base’s word before the built-in lexicon’s', () => {
    const builtin = compileLexicon();
    const taught = compileLexicon();
    const sound = read('huafei', builtin).corrections[0];
    expect(sound).toBe('huafei→花费');
    learnWords(taught, ['话费'], true);
    expect(read('huafei', taught).corrections).toEqual(['huafei→话费']);
    // Without the claim a later word never takes a sound already held.
    learnWords(builtin, ['话费']);
    expect(read('huafei', builtin).corrections).toEqual(['huafei→花费']);
  });

  it('gives a sound to the operator’s term before the built-in term learnt after it, and to no built-in term when they are off', () => {
    // 花费 is a built-in term (huafei above); the operator's 话费 sounds the same.
    const operator = compileLexicon([{ concept: 'telecom.bill', terms: ['话费'] }]);
    expect(read('huafei', operator).corrections).toEqual(['huafei→话费']);
    expect(knownWord(operator, '花费')).toBe(true);
    const without = compileLexicon([{ concept: 'telecom.bill', terms: ['话费'] }], { concepts: false });
    expect(knownWord(without, '花费')).toBe(false);
    expect(read('huafei', without).corrections).toEqual(['huafei→话费']);
  });
});

describe('everyday words any business is asked in', () => {
  const typesOf = (text: string) => questionWords(fold(text)).types;

  it('reads money slang as a price question, and a length as none', () => {
    expect(typesOf('洗牙要几个米')).toContain('price');
    expect(typesOf('这个多少大洋')).toContain('price');
    expect(typesOf('套餐咋卖的')).toContain('price');
    expect(typesOf('网线有多少米长')).not.toContain('price');
    expect(conceptsOf('收费咋样')).toContain('ask.price');
  });

  it('meets the place of a shop in its road, building and door, without cutting the words around them', () => {
    expect(conceptsOf('门店在哪条街')).toContain('store.location');
    expect(conceptsOf('导航搜什么')).toContain('store.location');
    expect(conceptsOf('从哪个门进')).toContain('store.location_address');
    expect(lexicon.families.get('store.location_address')).toBe('store.location');
    expect(conceptsOf('哪个门店近')).not.toContain('store.location_address');
    expect(conceptsOf('这两个有什么区别')).not.toContain('store.location');
  });

  it('meets reach, time and redress the way customers say them, and not in look-alikes', () => {
    expect(conceptsOf('能覆盖到我们那吗')).toContain('delivery.coverage');
    expect(conceptsOf('服务不到位')).not.toContain('delivery.coverage');
    expect(conceptsOf('还要多久才能送到')).toContain('delivery.delivery_time');
    expect(conceptsOf('中午前来得及吗')).toContain('delivery.delivery_time');
    expect(conceptsOf('退款之前能到账吗')).not.toContain('delivery.delivery_time');
    expect(conceptsOf('给我个交代')).toContain('complaint.complaint');
    expect(conceptsOf('有没有转接头')).not.toContain('store.human_agent');
  });

  const answered = answerer([
    { id: 'location', questions: ['门店地址在哪里'], answer: '人民路88号万达广场3楼' },
    { id: 'range', questions: ['配送范围是多少'], answer: '门店5公里内' },
    { id: 'price', questions: ['洗牙多少钱'], answer: '168元一次' },
    { id: 'benefits', questions: ['会员有哪些权益'], answer: '会员价九折，生日送甜品' },
    { id: 'points', questions: ['积分怎么用'], answer: '100积分抵1元' },
    { id: 'tracking', questions: ['如何查询物流'], answer: '在订单详情查看物流' },
    { id: 'ordering', questions: ['小程序怎么点餐'], answer: '打开小程序首页点「点餐」' },
    { id: 'human', questions: ['如何联系人工客服'], answer: '回复「转人工」' },
  ]);

  it('answers them whatever the trade, with the customer\'s own places as the story', () => {
    expect(answered('洗牙多少米')).toBe('price');
    expect(answered('你们店在哪条街')).toBe('location');
    expect(answered('我们小区能送到吗')).toBe('range');
    expect(answered('办会员划算吗')).toBe('benefits');
    expect(answered('小程序点餐的入口在哪')).toBe('ordering');
    // Asking for the manager is a kind of asking for a person.
    expect(lexicon.families.get('store.manager')).toBe('store.human_agent');
    expect(answered('我要找负责人')).toBe('human');
  });

  it('still falls back on the near misses', () => {
    expect(answered('会员卡丢了能补吗')).toBe('fallback');
    expect(answered('快递员的工号是多少')).toBe('fallback');
    expect(answered('这个面霜有什么好处')).toBe('fallback');
    // Being in time is a question of its own: the price entry does not answer it.
    expect(answered('洗牙周六前来得及吗')).toBe('fallback');
    expect(answered('你们经理姓什么')).toBe('fallback');
  });
});
