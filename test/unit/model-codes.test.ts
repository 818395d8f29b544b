import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { modelCodes } from '../../src/engine/understanding/model-codes';
import { KnowledgeSchema } from '../../src/rules/config';

// Knowledge bases of four trades, written for these tests (no eval split uses them): each names
// its products by model code in some questions or answers only.
const trades = {
  phones: [
    { id: 'k60-stock', questions: ['K60有现货吗', 'K60什么时候补货'], answer: 'K60 现货充足，当天发货' },
    { id: 'k50-stock', questions: ['K50有现货吗', 'K50什么时候补货'], answer: 'K50 已售罄，预计下周到货' },
    { id: 'battery', questions: ['手机电池容量多大', '手机续航怎么样'], answer: 'K60 电池 5000 毫安，重度使用一天一充' },
    { id: 'screen', questions: ['手机屏幕多大'], answer: '6.7 英寸 OLED 直屏' },
    { id: 'warranty', questions: ['保修期多久'], answer: '整机保修一年' },
    { id: 'invoice', questions: ['能开发票吗'], answer: '下单时可选电子发票' },
    { id: 'in-box', questions: ['包装里有哪些配件', '标配有什么'], answer: '手机、充电器、数据线、保护壳各一' },
  ],
  appliances: [
    { id: 'power', questions: ['电饭煲功率是多少', '电饭煲费电吗'], answer: 'RC30 额定功率 860 瓦，煮一锅饭约 0.3 度电' },
    { id: 'capacity', questions: ['电饭煲容量多大', '电饭煲够几个人吃'], answer: 'RC30 容量 3 升，适合 2-4 人' },
    { id: 'cleaning', questions: ['电饭煲内胆好清洗吗'], answer: '不粘涂层，清水冲洗即可' },
    { id: 'kettle-material', questions: ['电水壶内胆是什么材质'], answer: 'KT12 内胆为 304 不锈钢' },
    { id: 'restock', questions: ['缺货的商品什么时候补货'], answer: '一般 7 天内补货，可点到货提醒' },
  ],
  cameras: [
    { id: 'battery', questions: ['相机电池能拍多少张'], answer: 'Z50 原装电池约可拍 320 张' },
    { id: 'lens', questions: ['相机支持哪些镜头'], answer: 'Z50 使用 Z 卡口，可转接 F 卡口镜头' },
    { id: 'shipping', questions: ['多久发货'], answer: '付款后 48 小时内发货' },
    { id: 'in-box', questions: ['相机包装清单是什么'], answer: '机身、电池、充电器、肩带、说明书' },
  ],
  tablets: [
    { id: 'choice', questions: ['不同型号有什么区别'], answer: '2代为单摄，3代为双摄；Pro版多一支手写笔；有11寸和14寸' },
    { id: 'restock', questions: ['缺货了什么时候补货'], answer: '一般 5 天内补货' },
  ],
  bikes: [
    { id: 'frame', questions: ['自行车车架是什么材质'], answer: 'R3 车架为 6061 铝合金' },
    { id: 'size', questions: ['自行车身高多少骑合适', '车架尺寸怎么选'], answer: 'R3 的 M 码适合 170-180 厘米' },
    { id: 'price', questions: ['有什么优惠活动'], answer: '全店满 1000 减 100' },
    { id: 'delivery', questions: ['可以送货上门吗', '能送到家吗'], answer: '同城送货上门，外地物流到站自提' },
    { id: 'in-box', questions: ['包装里有什么配件'], answer: '车体、脚撑、车铃、安装工具' },
  ],
};
const compiled = Object.fromEntries(Object.entries(trades).map(([trade, entries]) => [trade, compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)))]));
const zoneOf = (trade: keyof typeof trades, text: string) => {
  const d = understandMessage(compiled[trade]!, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('model codes', () => {
  it('are letters then digits as a whole Latin word, not ratings, standards or units', () => {
    const codes = (text: string) => modelCodes(text).map(({ code }) => code);
    expect(codes('x7和af50还有ro600')).toEqual(['x7', 'af50', 'ro600']);
    expect(codes('防水ip68吗，支持wifi6和usb3吗，50ml')).toEqual([]);
    // Short names: a generation, an edition, a screen size.
    expect(codes('2代和pro版，14寸的')).toEqual(['2代', 'pro版', '14寸']);
  });

  it('a code an entry names is its product, so an entry about any product answers it', () => {
    expect(zoneOf('appliances', 'rc30一次能煮几个人的饭')).toBe('capacity');
    expect(zoneOf('appliances', 'RC30啥时候能补货呀')).toBe('restock');
    expect(zoneOf('appliances', '那个KT12缺货了 什么时候有')).toBe('restock');
    expect(zoneOf('cameras', 'z50买了几天能发出来')).toBe('shipping');
    expect(zoneOf('bikes', 'R3现在有啥活动优惠不')).toBe('price');
    expect(zoneOf('phones', 'K60保修期多长时间')).toBe('warranty');
  });

  it('stands for the kind the entries naming it speak of (RC30 is the 电饭煲 of its entries)', () => {
    expect(zoneOf('appliances', 'rc30费电吗')).toBe('power');
    expect(zoneOf('phones', 'k60续航怎么样')).toBe('battery');
    expect(zoneOf('bikes', 'r3车架啥材质的')).toBe('frame');
    // Entries naming the kind but not the code.
    expect(zoneOf('phones', 'K60的屏幕有多大')).toBe('screen');
    expect(zoneOf('appliances', 'RC30内胆好不好清洗')).toBe('cleaning');
  });

  it('tells apart two entries that differ only by the model', () => {
    expect(zoneOf('phones', 'K50啥时候补货')).toBe('k50-stock');
    expect(zoneOf('phones', 'k60还有现货不')).toBe('k60-stock');
  });

  it('a code no entry names, or another product’s, answers nothing of a named product', () => {
    expect(zoneOf('phones', 'K70啥时候补货')).toBe('fallback');
    expect(zoneOf('cameras', 'Z30电池能拍多少张')).toBe('fallback');
    expect(zoneOf('appliances', 'KT12功率是多少')).toBe('fallback');
    expect(zoneOf('appliances', 'KT12内胆好清洗吗')).toBe('fallback');
    expect(zoneOf('appliances', 'RC50什么时候补货')).toBe('fallback');
  });
});

describe('short names', () => {
  it('a generation, edition or size the entries name is a product, one they never name vetoes', () => {
    expect(zoneOf('tablets', '2代和3代有啥不一样')).toBe('choice');
    expect(zoneOf('tablets', 'pro版啥时候补货')).toBe('restock');
    expect(zoneOf('tablets', '14寸的什么时候能补货')).toBe('restock');
    expect(zoneOf('tablets', '4代什么时候补货')).toBe('fallback');
    expect(zoneOf('tablets', '16寸的什么时候补货')).toBe('fallback');
  });
});

describe('送 asked of a thing', () => {
  it('asks whether it comes in the box: 送X吗, 有没有送X, 送不送X, 会送X吗', () => {
    expect(zoneOf('phones', '有没有送数据线')).toBe('in-box');
    expect(zoneOf('phones', 'k60送不送充电器啊')).toBe('in-box');
    expect(zoneOf('cameras', 'Z50会送肩带吗')).toBe('in-box');
    expect(zoneOf('bikes', '送车铃吗')).toBe('in-box');
    // 送 of delivery is not: to a place, upstairs, home.
    expect(zoneOf('bikes', '送小区吗')).not.toBe('in-box');
    expect(zoneOf('bikes', '能送上楼吗')).not.toBe('in-box');
    expect(zoneOf('bikes', 'R3送到家吗')).toBe('delivery');
  });
});
