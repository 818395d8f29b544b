import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { clauseReadings } from '../../src/engine/understanding/clause-readings';
import { fold } from '../../src/engine/understanding/fold';

const concepts = (text: string) => clauseReadings(fold(text)).map((r) => r.concept);
const answered = (u: ReturnType<typeof compileUnderstanding>, text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('a time followed by a delivery verb', () => {
  it('asks for a delivery at that time, with or without a booking verb before it', () => {
    for (const text of ['能约明天中午12点送吗', '可以预约后天上午送到吗', '下午三点半配送可以吗', '让明天中午十二点再送过来', '周六晚上送行不行']) expect(concepts(text), text).toEqual(['takeaway.scheduled']);
    // 送 of a gift, and a booking with no delivery, are not one.
    for (const text of ['今天送赠品吗', '能约明天中午的位子吗', '明天中午两个人订个座', '预约明天下午洗牙']) expect(concepts(text), text).toEqual([]);
  });

  it('answers the scheduled-order entry, while 约 alone still books a table', () => {
    const u = compileUnderstanding([
      { id: 'reservation', questions: ['如何预订座位', '包间是否需要提前预订'], answer: '小程序订座。' },
      { id: 'scheduled', questions: ['可以预约送达时间吗', '能否提前下单指定时间配送'], answer: '下单时选择预约送达。' },
    ]);
    expect(answered(u, '能约明天中午12点送吗')).toBe('scheduled');
    expect(answered(u, '明天晚上六点送到公司可以吗')).toBe('scheduled');
    expect(answered(u, '能约明天中午的位子吗')).toBe('reservation');
  });
});
