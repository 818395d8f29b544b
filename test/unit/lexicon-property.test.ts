import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../../eval/dataset';
import { compileUnderstanding } from '../../src/engine/understanding';
import { answerOf } from './support/answers';

// A residential property manager's FAQ: what residents call its office, guests, barrier, pass and greenery.
const property = compileUnderstanding(knowledgeBase('property'));
const decide = (text: string): string => answerOf(property, text);

describe('a property manager\'s residents', () => {
  it.each([
    ['管理处在哪', 'pm-contact-hours'],
    ['保安不让我朋友进来', 'pm-visitor'],
    ['出门条在哪开', 'pm-move-pass'],
    ['车库的杆子不抬怎么办', 'pm-car-plate'],
    ['monthly pass多少钱', 'pm-parking'],
    // a case framed as a future one asks the case
    ['以后再遇到停水怎么办', 'pm-notice'],
    // being allowed is what 可以 asks; asking for the rules asks of the thing named
    ['小区准许养猫吗', 'pm-pet'],
    ['遛狗有啥要求', 'pm-pet'],
    // asking who answers for a trouble asks about the trouble
    ['楼道灯坏了谁管', 'pm-public-damage'],
    ['电梯坏了有人管吗', 'pm-repair'],
  ])('%s → %s', (text, id) => {
    expect(decide(text)).toBe(id);
  });

  it.each(['保安工资多少', '道闸是哪个厂家的', '小区绿化率多少', '小区允许开民宿吗', '物业招聘有什么要求', '保安工资谁管'])('%s is asked of no entry', (text) => {
    expect(decide(text)).not.toMatch(/^pm-/);
  });
});
