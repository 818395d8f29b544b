import { describe, expect, it } from 'vitest';
import { maskCustomerText, maskIdentifiers } from '../../src/rules/personal-data';
import { compileSensitive } from '../../src/rules/sensitive';

describe('maskIdentifiers', () => {
  it.each([
    ['我的手机13812345678怎么改', '我的手机***********怎么改'],
    ['电话 138-1234-5678 打不通', '电话 *********** 打不通'],
    ['+86 138 1234 5678', '*************'],
    ['身份证11010519491231002X能用吗', '身份证******************能用吗'],
    ['身份证11010519491231002x', '身份证******************'],
    ['订单号：２０２４０５０１８８', '订单号：**********'],
    ['卡号6222 0202 0000 1234 567', '卡号*******************'],
    ['邮箱是abc.def+shop@qq.com对吗', '邮箱是***@***对吗'],
    ['发到 Li_Ming@example.com.cn', '发到 ***@***'],
  ])('%s → %s', (text, masked) => expect(maskIdentifiers(text)).toBe(masked));

  it.each(['7天无理由退货吗', '买2件打几折', '满500减50', '运费12元', '2024年的款', '型号AF50还有吗', '12345'])(
    'leaves short numbers that carry the meaning: %s',
    (text) => expect(maskIdentifiers(text)).toBe(text),
  );

  it('masks a number of exactly six digits, keeps one of five', () => {
    expect(maskIdentifiers('验证码123456')).toBe('验证码******');
    expect(maskIdentifiers('门牌12345')).toBe('门牌12345');
  });
});

describe('maskCustomerText', () => {
  const sensitive = compileSensitive(['违禁词']);

  it('masks sensitive words, then identifiers', () => {
    expect(maskCustomerText('违-禁-词 找 13812345678', sensitive)).toBe('违*词 找 ***********');
  });

  it('leaves a plain question as it is', () => {
    expect(maskCustomerText('运费怎么算', sensitive)).toBe('运费怎么算');
  });
});
