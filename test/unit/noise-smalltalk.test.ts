/**
 * The noise around a customer's question (WeChat's emoji, addressing the agent, spoken particles,
 * fillers) costs no answer, and a message of noise alone is small talk.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { knowledgeBase } from '../../eval/dataset';

const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const answer = (text: string) => {
  const d = understandMessage(shop, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe("WeChat's emoji", () => {
  it('are dropped by name in brackets and by /: code, traditional names too; other bracketed text stays', () => {
    expect(fold('[捂脸]我的快递到哪了[抱拳]')).toBe('我的快递到哪了');
    expect(fold('[流淚]退款[流淚]')).toBe('退款');
    expect(fold('/::)优惠券怎么用/:,@P')).toBe('优惠券怎么用');
    expect(fold('/::~退货')).toBe('退货');
    expect(fold('[订单号]123456')).toBe('[订单号]123456');
    expect(fold('1/2的价格')).toBe('1/2的价格');
  });

  it("an English-language client's names, and other apps' pasted in, are dropped too; a bracketed code stays", () => {
    expect(fold('发票怎么开[Facepalm][Sob]')).toBe('发票怎么开');
    expect(fold('退款多久到账[笑哭][狗头][doge]')).toBe('退款多久到账');
    expect(fold('[sku123]')).toBe('[sku123]');
    expect(answer('发票怎么开[Facepalm]')).toBe('ec-invoice');
    expect(answer('退款多久到账[笑哭][狗头]')).toBe('ec-refund-time');
  });

  it('cost no answer', () => {
    expect(answer('[微笑]怎么退货')).toBe('ec-how-to-return');
    expect(answer('退款多久到账[流泪][流泪]')).toBe('ec-refund-time');
    expect(answer('/::)优惠券怎么用')).toBe('ec-coupon');
  });

  it('alone are small talk of the kind they show, an acknowledgement otherwise', () => {
    expect(smallTalkKind('[捂脸]')).toBe('ack');
    expect(smallTalkKind('[强][强]')).toBe('ack');
    expect(smallTalkKind('/:,@P')).toBe('ack');
    expect(smallTalkKind('[抱拳]')).toBe('thanks');
    expect(smallTalkKind('🙏')).toBe('thanks');
    expect(smallTalkKind('[再见]')).toBe('goodbye');
    expect(smallTalkKind('[发怒][发怒]')).toBe('complaint_emotion');
    expect(smallTalkKind('😡')).toBe('complaint_emotion');
    expect(smallTalkKind('[玫瑰]')).toBe('praise');
    expect(smallTalkKind('谢谢[抱拳]')).toBe('thanks');
    expect(smallTalkKind('[订单号]')).toBeUndefined();
    expect(smallTalkKind('？？')).toBeUndefined();
  });
});

describe('laughing, crying and sighing', () => {
  it('held on as long as the feeling are two of a kind (哈哈哈哈 is 哈哈, 呜呜呜呜 呜呜)', () => {
    expect(fold('哈哈哈哈哈怎么退')).toBe('哈哈怎么退');
    expect(fold('呜呜呜呜')).toBe('呜呜');
    expect(fold('嘤嘤嘤')).toBe('嘤嘤');
  });

  it('cost no answer, in characters, in letters and as emoticons', () => {
    expect(answer('怎么退货呜呜呜呜')).toBe('ec-how-to-return');
    expect(answer('优惠券怎么用嘤嘤嘤')).toBe('ec-coupon');
    expect(answer('发票怎么开 笑死')).toBe('ec-invoice');
    expect(answer('快递到哪了 心累')).toBe('ec-tracking');
    expect(answer('怎么退货QAQ')).toBe('ec-how-to-return');
    expect(answer('怎么退货 T_T')).toBe('ec-how-to-return');
    expect(answer('怎么退货 orz')).toBe('ec-how-to-return');
    expect(answer('dear 发票怎么开')).toBe('ec-invoice');
  });

  it('alone stay small talk', () => {
    expect(smallTalkKind('无语')).toBe('complaint_emotion');
    expect(smallTalkKind('哭了')).toBe('complaint_emotion');
  });
});

describe('a check that someone is there', () => {
  it('is dropped before the question, after a greeting or an address too; alone it is a greeting', () => {
    expect(fold('在吗在吗 我想退货')).toBe('我想退货');
    expect(fold('亲~在吗~怎么退货')).toBe('怎么退货');
    expect(fold('hello 在吗 怎么退货')).toBe('hello 怎么退货');
    expect(fold('在？退货')).toBe('退货');
    expect(fold('在不同地区价格一样吗')).toBe('在不同地区价格一样吗');
    expect(smallTalkKind('在吗在吗')).toBe('greeting');
  });
});

describe('addressing the agent', () => {
  it('is dropped set apart at the start or the end, and stays content inside a sentence', () => {
    expect(fold('老师，怎么开发票')).toBe('怎么开发票');
    expect(fold('师傅您好，安装费多少')).toBe('您好,安装费多少');
    expect(fold('你好师傅 快递几天到')).toBe('你好 快递几天到');
    expect(fold('怎么退货呀，老师？')).toBe('怎么退货呀?');
    expect(fold('怎么退货呀老师')).toBe('怎么退货呀');
    expect(fold('安装师傅什么时候来')).toBe('安装师傅什么时候来');
    expect(fold('快递小哥不送上门')).toBe('快递小哥不送上门');
    expect(fold('叫了师傅')).toBe('叫了师傅');
  });

  it('costs no answer, and a near miss stays one', () => {
    expect(answer('师傅 快递几天能到')).toBe('ec-delivery-time');
    expect(answer('小哥 怎么退货呀')).toBe('ec-how-to-return');
    expect(answer('客官您好 怎么改手机号')).toBe('ec-change-phone');
    expect(answer('快递小哥的电话多少')).not.toBe('ec-tracking');
  });
});

describe('fillers, spoken particles and question words', () => {
  it('cost no answer', () => {
    expect(answer('问个事，优惠券怎么用')).toBe('ec-coupon');
    expect(answer('请教一下发票怎么开')).toBe('ec-invoice');
    expect(answer('优惠券怎么用捏')).toBe('ec-coupon');
    expect(answer('不晓得咋退货')).toBe('ec-how-to-return');
    expect(answer('有冇电子发票')).toBe('ec-invoice');
    expect(answer('多会儿发货')).toBe('ec-shipping-time');
    expect(fold('外卖多会儿能到，为毛这么慢')).toBe('外卖什么时候能到,为什么很慢');
    expect(fold('重点解决')).toBe('重点解决');
    // An input method's first pick for a function word: 马 closing a clause is 吗, but not in a word or a count.
    expect(fold('能开发票马？')).toBe('能开发票吗?');
    expect(fold('产地在哪力，多小钱')).toBe('产地在哪里,多少钱');
    for (const text of ['有宝马吗', '买了一匹马', '马上发货', '盒马']) expect(fold(text)).toBe(text);
    expect(answer('快递到哪旮旯了')).toBe('ec-tracking');
    expect(answer('[抱拳][抱拳]麻烦看下发票怎么开')).toBe('ec-invoice');
  });

  it('around a question in any combination cost no answer: openers, closers, emoji, kaomoji, held marks and particles', () => {
    const noisy = [
      '老板在吗？退款多久到账？谢谢！',
      '在吗亲亲～想问一下退款多久到账呀😊',
      '😡😡😡退款多久到账！！！',
      '退款多久到账啊啊啊啊[流泪][流泪]',
      '客服小姐姐 在不在 退款多久到账 急急急',
      '退款多久到账 (╥﹏╥) 麻烦了🙏',
      '退款多久到账 着急用钱 在线等',
      'hi 亲 退款多久到账～～ thx',
    ];
    for (const text of noisy) expect(answer(text), text).toBe('ec-refund-time');
  });

  it('alone, or with small talk, are small talk; a complaint is not swallowed as a filler', () => {
    expect(smallTalkKind('蟹蟹')).toBe('thanks');
    expect(smallTalkKind('嗯呐')).toBe('ack');
    expect(smallTalkKind('在吗在吗')).toBe('greeting');
    expect(smallTalkKind('师傅您好')).toBe('greeting');
    expect(smallTalkKind('谢啦 好嘞好嘞')).toBe('thanks');
    expect(smallTalkKind('收到收到 ok的')).toBe('ack');
    expect(smallTalkKind('太麻烦了')).toBe('complaint_emotion');
    expect(smallTalkKind('麻烦看下发票')).toBeUndefined();
  });
});

describe('English borrowed by a Chinese sentence', () => {
  it('is read as the Chinese word it stands for, joined to the Chinese around it; English alone stays English', () => {
    expect(fold('退款 status')).toBe('退款状态');
    expect(fold('付款failed了')).toBe('付款失败了');
    expect(fold('size偏大吗')).toBe('尺码偏大吗');
    expect(fold('pls change 一下 address')).toBe('pls 改一下地址');
    expect(fold('我的order 123456到哪了')).toBe('我的订单 123456到哪了');
    expect(fold('order123 退款')).toBe('order123 退款');
    // A count folded to digits does not glue to the Latin word before it.
    expect(fold('要一个receipt')).toBe('要1个收据');
    expect(fold('xl两件')).toBe('xl 2件');
    expect(fold('af50一小时几度电')).toBe('af50 1小时几度电');
    expect(fold('refund status')).toBe('refund status');
    // A longer phrase of the English lexicon stays whole; shipping (dispatch or transit?) stays English.
    expect(fold('price drop了能退差价吗')).toBe('price drop了能退差价吗');
    expect(fold('shipping要几天')).toBe('shipping要几天');
  });

  it('costs no answer, and a near miss stays one', () => {
    expect(answer('退款 status')).toBe('ec-refund-time');
    expect(answer('付款failed了')).toBe('ec-payment-failed');
    expect(answer('paid了但是显示unpaid')).toBe('ec-paid-but-unpaid');
    expect(answer('kd到哪了')).toBe('ec-tracking');
    expect(answer('kuaidi到哪了')).toBe('ec-tracking');
    expect(answer('coupons不能用')).toBe('ec-coupon');
    expect(answer('地址写错了 怎么change')).toBe('ec-change-address');
    expect(answer('少了一个item')).toBe('ec-missing-item');
    const carrier = compileUnderstanding(knowledgeBase('telecom'));
    const decided = (text: string) => {
      const d = understandMessage(carrier, text);
      return d.zone === 'answer' ? d.entry.id : d.zone;
    };
    expect(decided('data不够用了')).toBe('tc-data-addon');
    expect(decided('overdue了会停机吗')).toBe('tc-arrears');
    expect(answer('courier的工号是多少')).not.toBe('ec-tracking');
    expect(answer('会员card丢了能补吗')).not.toBe('ec-membership');
  });
});

describe('a question in English', () => {
  it('asks its type with English question words, and its glue words are no content', () => {
    expect(answer('how long does refund take')).toBe('ec-refund-time');
    expect(answer('when will my refund arrive')).toBe('ec-refund-time');
    expect(answer('who pays return shipping')).toBe('ec-return-shipping-fee');
    expect(answer('item arrived damaged')).toBe('ec-damaged-item');
    expect(answer('how to use coupon')).toBe('ec-coupon');
    expect(answer('change my phone number')).toBe('ec-change-phone');
  });
});
