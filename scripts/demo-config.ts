import { DEMO_KF } from '../src/simulator/defaults';
import type { ConfigInput } from '../src/rules/config';

/**
 * The config `npm start` loads: a small Chinese retail shop (服装/家居) with a pre-sales and an
 * after-sales kf account. It shows every section of the document working together, starting
 * from the seed guide's own examples (the 退货咨询用户 rule and the 北京线下门店 channel).
 */
export const DEMO_CONFIG: ConfigInput = {
  tag_rules: [
    { rule_name: '退货咨询用户', trigger_type: 'message_keyword', keywords: ['退货', '退款', '换货'], action: 'add_tag', tag_name: '售后咨询' },
    { rule_name: '价格敏感用户', trigger_type: 'message_keyword', keywords: ['优惠', '打折', '便宜', '优惠券'], action: 'add_tag', tag_name: '价格敏感' },
    { rule_name: '提供订单号', trigger_type: 'message_regex', pattern: '订单号?[:：\\s]*\\d{8,20}', action: 'add_tag', tag_name: '有订单' },
    { rule_name: '门店扫码', trigger_type: 'channel', channel_code: 'BJ001', action: 'add_tag', tag_name: '线下门店客户' },
    { rule_name: '点了促销菜单', trigger_type: 'behavior', event: 'menu_click', match: 'promo', action: 'add_tag', tag_name: '促销兴趣' },
  ],
  channels: [
    {
      code: 'BJ001',
      name: '北京线下门店',
      type: 'offline',
      open_kfid: DEMO_KF.presale,
      params: { store_id: 'BJ001', activity: 'summer_sale' },
      auto_tag: ['北京用户', '夏季促销'],
    },
    { code: 'WEB_HOME', name: '官网首页', type: 'web', open_kfid: DEMO_KF.presale, params: { page: 'home' }, auto_tag: ['官网用户'] },
    { code: 'MP_ORDER', name: '小程序订单页', type: 'miniprogram', open_kfid: DEMO_KF.aftersale, params: { page: 'order' }, auto_tag: ['小程序用户'] },
  ],
  links: [
    {
      open_kfid: DEMO_KF.presale,
      name: '售前咨询',
      timezone: 'Asia/Shanghai',
      working_hours: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '22:00' }],
      max_concurrent_per_servicer: 5,
      queue_prompt: '当前咨询人数较多，您前面还有 {position} 位，预计等待 {wait_minutes} 分钟，请稍候～',
      off_hours_reply: '您好，售前客服的服务时间是每天 09:00-22:00。您可以先留言，我们上班后第一时间回复您。',
    },
    {
      open_kfid: DEMO_KF.aftersale,
      name: '售后服务',
      timezone: 'Asia/Shanghai',
      working_hours: [
        { days: [1, 2, 3, 4, 5], start: '09:00', end: '12:00' },
        { days: [1, 2, 3, 4, 5], start: '13:30', end: '18:00' },
      ],
      holidays: ['2026-10-01', '2026-10-02', '2026-10-03'],
      max_concurrent_per_servicer: 3,
      queue_prompt: '售后专员正在忙，您排在第 {position} 位，请稍候。',
      off_hours_reply: '售后服务时间为工作日 09:00-12:00、13:30-18:00。请留下订单号和问题描述，我们会尽快处理。',
      backup_open_kfid: DEMO_KF.presale,
    },
  ],
  groups: [
    { id: 'senior_group', name: '资深客服', servicers: ['zhangsan', 'lisi'] },
    { id: 'after_sale_group', name: '售后小组', servicers: ['wangwu', 'zhaoliu'] },
    { id: 'presale_group', name: '售前小组', servicers: ['sunqi', 'zhouba'] },
  ],
  routing: [
    { when: { tag: 'VIP' }, group: 'senior_group' },
    { when: { intent: 'refund' }, group: 'after_sale_group' },
    { when: { channel: 'BJ001' }, group: 'presale_group', strategy: 'round_robin' },
    { default: true, strategy: 'least_busy' },
  ],
  intents: [
    { name: 'refund', patterns: ['退(货|款)', '换货', '不想要了'], keywords: ['refund', 'return'] },
    { name: 'shipping', patterns: ['(什么时候|多久).*(发货|到货)', '物流', '快递'], keywords: ['shipping', 'delivery'], answer: '下单后 48 小时内发货，默认顺丰/中通，江浙沪一般次日达。在「我的订单」里可以查看物流。' },
    { name: 'invoice', patterns: ['发票', '开票'], keywords: ['invoice'], answer: '支持开具电子普通发票和专用发票：在订单详情页点「申请开票」，填写抬头和税号即可，1-3 个工作日发到您的邮箱。' },
  ],
  knowledge: [
    {
      id: 'price',
      questions: ['价格', '多少钱', '怎么卖', '价钱是多少', 'how much', 'price'],
      answer: '夏季新款 T 恤 99 元/件，亚麻衬衫 199 元/件，全场满 299 元包邮。您想看哪一款？',
      sets_context: 'price',
    },
    {
      id: 'price-discount',
      questions: ['有没有优惠', '能便宜点吗', '有折扣吗'],
      requires_context: 'price',
      answer: '现在夏季促销：T 恤第二件半价，新会员首单再减 20 元，优惠可以叠加。',
    },
    { id: 'size', questions: ['尺码怎么选', '我穿什么码', '尺码表'], answer: '身高 165-170、体重 55-62kg 建议 M 码，170-178、62-72kg 建议 L 码。商品页有详细尺码表。' },
    {
      // The welcome menu's 夏季促销 button (menu id `promo`) is answered by this entry.
      id: 'promo',
      questions: ['有什么优惠活动', '最近有活动吗', '夏季促销', '促销活动'],
      answer: '夏季促销进行中：T 恤第二件半价，满 299 元包邮，新会员首单再减 20 元，活动到 8 月 31 日。',
    },
    { id: 'store-hours', questions: ['门店几点开门', '几点关门', '几点下班', '营业时间', '营业到几点', '门店地址'], answer: '北京朝阳大悦城店：每天 10:00-22:00，地址：朝阳北路 101 号 3 层 312。' },
    { id: 'return-policy', questions: ['怎么退货', '退货流程', '七天无理由'], answer: '签收 7 天内支持无理由退换：在「我的订单」申请售后并寄回，收到后 1-3 个工作日退款。' },
  ],
  welcome: {
    text: '您好，欢迎光临夏日优选旗舰店！我是智能客服小优，可以帮您查价格、选尺码、查物流，需要人工请回复“人工”。',
    menu: [
      { id: 'price', content: '查看价格' },
      { id: 'promo', content: '夏季促销' },
      { id: 'human', content: '转人工' },
    ],
  },
  fallback: { reply: '抱歉，这个问题我还没学会。您可以换个说法，或回复“人工”联系客服。', escalate_after_seconds: 300 },
  handoff: { keywords: ['人工', '转人工', '客服'], after_misses: 2, message: '好的，正在为您转接人工客服，请稍候。' },
  sensitive_words: { words: ['代开发票', '刷单', '返现好评'], action: 'block', reply: '抱歉，您的消息包含不当内容，无法处理。' },
  templates: {
    en: {
      welcome: 'Hello and welcome to Summer Select! I can help with prices, sizes and shipping. Reply "human" to talk to a person.',
      fallback: "Sorry, I don't know that yet. Try rephrasing, or reply \"human\" to reach our staff.",
      handoff: 'Sure, connecting you to a human agent now.',
      queue_prompt: 'All agents are busy. You are number {position} in line, about {wait_minutes} minutes.',
      off_hours_reply: 'Our team is offline now. Leave a message and we will reply as soon as we are back.',
    },
  },
  survey: {
    question: '请为本次服务打分：',
    options: [
      { id: 'rate_5', content: '非常满意', score: 5 },
      { id: 'rate_3', content: '一般', score: 3 },
      { id: 'rate_1', content: '不满意', score: 1 },
    ],
    thanks: '感谢您的评价，祝您生活愉快！',
  },
};

/** The servicers of the demo groups, all on duty, for the simulator. */
export const DEMO_SERVICERS = ['zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'sunqi', 'zhouba'];
