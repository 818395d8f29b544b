/**
 * Changing a setting or a record is said with any verb of change (换, 改, 调, 变, 弄成, 写成, 修改,
 * 更换, 变更, 调整), with the thing before or after it: each reads as that setting's change, across
 * trades. Goods are no setting: 换 of a colour, a size or a new device stays an exchange. An act
 * (calling off, rescheduling, hurrying, moving house) reads as the class the business names for it.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/rules/config';
import { compileUnderstanding } from '../../src/engine/understanding';
import { search } from '../../src/engine/understanding/retrieve';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const entry = (id: string, questions: string[], answer: string): KnowledgeEntry => ({ id, questions, answer });

const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const clinic = compileUnderstanding(knowledgeBase('booking'));
const carrier = compileUnderstanding(knowledgeBase('telecom'));
const kitchen = compileUnderstanding(knowledgeBase('food'));
const app = compileUnderstanding(knowledgeBase('apps'));
const hotel = compileUnderstanding([
  entry('ht-change', ['如何修改入住日期', '预订后能否更改入住时间'], '在订单页修改入住日期，房价按新日期重算。'),
  entry('ht-cancel', ['如何取消预订', '取消预订是否收费'], '入住前一天18点前可免费取消。'),
  entry('ht-breakfast', ['含早餐吗', '早餐几点供应'], '含双早，6:30-10:00。'),
]);
const courier = compileUnderstanding([
  entry('cr-redirect', ['如何修改收件地址', '快递寄出后能改地址吗'], '未派送前可在小程序申请改址。'),
  entry('cr-price', ['寄快递怎么收费', '首重多少钱'], '首重12元，续重每公斤2元。'),
  entry('cr-track', ['怎么查快递到哪了', '运单号在哪看'], '在小程序输入运单号查询。'),
]);
const insurer = compileUnderstanding([
  entry('in-phone', ['如何变更保单预留手机号', '投保人手机号怎么修改'], '在公众号保单服务中变更手机号。'),
  entry('in-claim', ['怎么申请理赔', '理赔需要哪些材料'], '报案后上传材料。'),
  entry('in-surrender', ['如何退保', '退保能退多少钱'], '犹豫期内全额退。'),
]);

const decide = (u: ReturnType<typeof compileUnderstanding>, text: string) => answerOf(u, text);
const concepts = (u: ReturnType<typeof compileUnderstanding>, text: string) => search(u.index, text, 1).analysis.units.flatMap((x) => (x.concept === undefined ? [] : [x.concept]));

describe('a verb of change beside a setting', () => {
  it('reads as the setting change whichever verb says it, the thing before or after', () => {
    expect(decide(shop, '地址调一下')).toBe('ec-change-address');
    expect(decide(shop, '收件的地方想换一下')).toBe('ec-change-address');
    expect(decide(shop, '把地址弄成公司的')).toBe('ec-change-address');
    expect(decide(shop, '手机号变了怎么办')).toBe('ec-change-phone');
    expect(decide(shop, '账号想换成新号')).toBe('ec-change-phone');
    expect(decide(clinic, '时间调一下')).toBe('bk-reschedule');
    expect(decide(clinic, '日期变一下')).toBe('bk-reschedule');
    expect(decide(carrier, '套餐调一下')).toBe('tc-change-plan');
    expect(decide(carrier, '把套餐弄成便宜的')).toBe('tc-change-plan');
  });

  it('meets an operator who wrote 修改, 更改 or 变更 before a compound (修改入住日期: its head is changed)', () => {
    expect(decide(hotel, '入住日期能变一下吗')).toBe('ht-change');
    expect(decide(hotel, '日期想换一下')).toBe('ht-change');
    expect(decide(hotel, '把入住时间改成下周五')).toBe('ht-change');
    expect(decide(courier, '地址换一下')).toBe('cr-redirect');
    expect(decide(courier, '收件的地方想换一下')).toBe('cr-redirect');
    expect(decide(insurer, '手机号码想变一下')).toBe('in-phone');
    expect(decide(insurer, '手机号换了')).toBe('in-phone');
  });

  it('leaves goods an exchange and a setting asked after no change', () => {
    for (const text of ['换货', '换个颜色', '换个尺码', '颜色能换吗']) expect(concepts(shop, text)).toContain('returns.exchange');
    for (const text of ['换货', '换个颜色', '换个尺码', '颜色能换吗', '换新机', '换个客服', '地址在哪', '手机号是多少', '空调时间'])
      expect(concepts(shop, text).filter((c) => ['delivery.address_change', 'account.phone_binding', 'booking.reschedule', 'orders.modify'].includes(c))).toEqual([]);
    expect(decide(hotel, '含早餐吗')).toBe('ht-breakfast');
    expect(decide(courier, '首重多少钱')).toBe('cr-price');
  });

  it('reads a slip in writing a setting (写错, 填错了, 漏写) as its change, and a setting before 换一个 as changed', () => {
    expect(decide(shop, '收货地址填错了')).toBe('ec-change-address');
    expect(decide(shop, '写错了地址怎么办')).toBe('ec-change-address');
    expect(decide(carrier, '发票的抬头漏写了')).toBe('tc-invoice');
    expect(decide(app, '登录密码换一个')).toBe('app-password');
    expect(decide(shop, '手机号绑错了')).toBe('ec-change-phone');
    expect(decide(clinic, '医生可以换一个吗')).toBe('bk-doctor-choice');
    for (const text of ['换一个', '颜色能换一个吗']) expect(concepts(shop, text)).toContain('returns.exchange');
  });

  it('reads calling off what was set alike: the thing called off, or a subscription by its own class', () => {
    expect(decide(app, '包月扣费帮我关掉')).toBe('app-auto-renew');
    expect(decide(app, '连续包月在哪退订')).toBe('app-auto-renew');
    expect(decide(clinic, '预约撤销一下')).toBe('bk-cancel');
  });
});

describe('one act said of whatever a business sets', () => {
  it('reads the act as the class the business names for it: an appointment called off, a meal rescheduled or hurried, a line moved', () => {
    expect(decide(clinic, '约的那个我不想要了，撤掉吧')).toBe('bk-cancel');
    expect(decide(kitchen, '家里没人，晚点再送')).toBe('fd-scheduled-order');
    expect(decide(kitchen, '麻烦快点送过来')).toBe('fd-delivery-time');
    expect(decide(carrier, '刚搬家，宽带能跟过去吗')).toBe('tc-relocate-broadband');
    expect(decide(shop, '搬了新家，收货的地方要换')).toBe('ec-change-address');
  });

  it('reads money held (押钱) as the booking deposit where nothing else is held, and as held money where the business holds some', () => {
    expect(decide(clinic, '约牙要押钱吗')).toBe('bk-deposit');
    const innWithDeposit = compileUnderstanding([
      entry('inn-deposit', ['入住要交押金吗', '押金什么时候退'], '入住时交押金500元，退房后原路退回。'),
      entry('inn-prepay', ['预订要付订金吗', '订金能退吗'], '预订需付首晚房费作订金。'),
    ]);
    expect(decide(innWithDeposit, '入住要押钱吗')).toBe('inn-deposit');
  });

  it('keeps a class the business names itself', () => {
    expect(concepts(shop, '不想要了')).toContain('orders.cancel');
    expect(concepts(shop, '快点发货')).toContain('orders.urge');
    expect(concepts(shop, '搬家了')).toContain('delivery.address_change');
  });

  it('reads no booking moved where a chat ends (改天再说), nor a line moved where another address changes', () => {
    expect(decide(kitchen, '改天再说吧')).not.toBe('fd-scheduled-order');
    expect(decide(carrier, '发票寄送地址能改吗')).not.toBe('tc-relocate-broadband');
  });

  it('reads no act where the term does not say it (后悔了 of a treatment, 快点 of a reply)', () => {
    expect(decide(clinic, '做完种植牙后悔了')).toBe('fallback');
    expect(decide(kitchen, '客服能快点吗')).toBe('fallback');
  });
});
