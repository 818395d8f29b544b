import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { isAppointmentAct, isServiceKind } from '../../src/engine/understanding/lexicon/service-kinds';
import { CONCEPTS } from '../../src/engine/understanding/lexicon/concepts';
import { KnowledgeSchema } from '../../src/rules/config';

// A clinic and a salon whose entries on booking name no procedure, beside entries that do.
const u = compileUnderstanding(
  [
    { id: 'book', questions: ['如何预约', '预约方式有哪些'], answer: '可通过公众号在线预约或电话预约，建议提前1-3天。' },
    { id: 'reschedule', questions: ['如何修改预约时间', '预约后能否改期'], answer: '请在到店前24小时在公众号“我的预约”修改时间。' },
    { id: 'cancel', questions: ['如何取消预约', '取消预约是否收费'], answer: '到店前24小时以上取消不收费。' },
    { id: 'late', questions: ['预约迟到怎么办', '迟到了还接待吗'], answer: '迟到15分钟以内可正常服务。' },
    { id: 'children', questions: ['儿童是否可以就诊', '儿童看牙需要注意什么'], answer: '3岁以上儿童可就诊，须由监护人陪同。' },
    { id: 'scaling-price', questions: ['洗牙多少钱', '洁牙收费标准是什么'], answer: '超声波洁牙168元/次。' },
    { id: 'perm-price', questions: ['烫发多少钱', '烫发能保持多久'], answer: '烫发298元起，可保持3-6个月。' },
  ].map((e) => KnowledgeSchema.parse(e)),
);
const answered = (text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('a procedure named beside an appointment is its occasion', () => {
  it.each([
    ['我想约下周三洗牙', 'book'],
    ['周六想约个烫发', 'book'],
    ['约好的烫发能往后挪挪吗', 'reschedule'],
    ['明天的洗牙不去了', 'cancel'],
    ['烫发迟到了还能做吗', 'late'],
  ] as const)('%s → %s', (text, id) => {
    expect(answered(text)).toBe(id);
  });

  it('not where the procedure itself is asked about', () => {
    // The booking entry says nothing of a filling's price, the children's entry nothing of sealants.
    expect(answered('补牙多少钱')).toBe('fallback');
    expect(answered('小朋友能做窝沟封闭吗')).not.toBe('children');
    // Something else asked beside the appointment: bringing a friend, a weekend.
    expect(answered('洗牙预约了能带朋友吗')).toBe('fallback');
    expect(answered('周末烫发要提前约吗')).toBe('fallback');
    // An entry naming a procedure answers that one only.
    expect(answered('想约洗牙')).not.toBe('perm-price');
  });

  it('names classes of the lexicon', () => {
    const ids = new Set(CONCEPTS.map((c) => c.id));
    for (const id of ['clinic.scaling', 'salon.perm', 'spa.massage', 'auto.maintenance']) expect(ids.has(id) && isServiceKind(id)).toBe(true);
    for (const id of ['booking.book', 'booking.reschedule', 'booking.cancel', 'booking.late']) expect(ids.has(id) && isAppointmentAct(id)).toBe(true);
    expect(isServiceKind('clinic.aftercare')).toBe(false);
    expect(isAppointmentAct('booking.children')).toBe(false);
  });
});

describe('a reason told before the question, on its topic', () => {
  it.each([
    ['后天去不了，能不能改到周五', 'reschedule'],
    ['周六有事来不了，能改到下周吗', 'reschedule'],
  ] as const)('%s → %s', (text, id) => {
    expect(answered(text)).toBe(id);
  });
});
