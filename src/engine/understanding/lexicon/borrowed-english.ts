/**
 * English words and pinyin abbreviations a Chinese sentence borrows (退款status, 付款failed了,
 * size偏大吗, kd到哪了), as the Chinese word they stand for there: read so, they meet the Chinese
 * terms around them (退款状态, 付款失败, 尺码偏大, 快递到哪了) as a Chinese customer's words do.
 * Only in a text holding Han characters (../fold); a message in English keeps its words, which
 * ./english.ts reads. Each form is listed (refunded, shipped), and only the sense customers mean
 * in a Chinese sentence: order is 订单 (order号, 我的order), not 下单; shipping, which may be the
 * dispatch (发货) or the transit (配送), stays English. A longer English phrase of ./english.ts
 * (price drop, price match) stays whole.
 */
export const BORROWED_ENGLISH: Readonly<Record<string, string>> = {
  // orders and payment
  order: '订单', orders: '订单', 'order no': '订单号', 'order number': '订单号', 'order id': '订单号',
  cancel: '取消', cancelled: '取消', canceled: '取消', cancellation: '取消', cart: '购物车',
  pay: '付款', paid: '付款', payment: '付款', unpaid: '未付款', fail: '失败', failed: '失败', failure: '失败',
  wxpay: '微信支付', alipay: '支付宝', zfb: '支付宝', wx: '微信', vx: '微信', wechat: '微信',
  cod: '货到付款', installment: '分期', installments: '分期', huabei: '花呗',
  balance: '余额', 'top up': '充值', topup: '充值', recharge: '充值', bill: '账单', bills: '账单', status: '状态',
  // delivery
  ship: '发货', shipped: '发货', delivery: '配送', deliver: '配送', delivered: '签收',
  express: '快递', kd: '快递', courier: '快递员', parcel: '包裹', package: '包裹', logistics: '物流', tracking: '物流',
  'tracking number': '快递单号', 'tracking no': '快递单号', waybill: '快递单号', address: '地址',
  'shipping fee': '运费', 'delivery fee': '运费', 'return shipping': '退货运费', postage: '运费', freight: '运费', yf: '运费', 'free shipping': '包邮',
  // returns and quality
  refund: '退款', refunds: '退款', refunded: '退款', refunding: '退款', tk: '退款',
  return: '退货', returns: '退货', returned: '退货', returning: '退货', exchange: '换货', exchanged: '换货',
  broken: '破损', damaged: '破损', fake: '假货', change: '改', changed: '改',
  // products, stock and promotions
  size: '尺码', sizes: '尺码', color: '颜色', colour: '颜色', colors: '颜色', price: '价格', stock: '库存',
  'in stock': '有货', 'out of stock': '缺货', 'sold out': '缺货', presale: '预售', gift: '赠品', gifts: '赠品',
  discount: '优惠', discounts: '优惠', coupon: '优惠券', coupons: '优惠券', voucher: '优惠券', yhq: '优惠券', 'promo code': '优惠码',
  invoice: '发票', invoices: '发票', fp: '发票', receipt: '收据', member: '会员', membership: '会员', points: '积分', jf: '积分',
  // service and accounts
  warranty: '保修', repair: '维修', cleaning: '清洁', install: '安装', installation: '安装', login: '登录', 'log in': '登录',
  password: '密码', account: '账号', 'phone number': '手机号', signal: '信号', slow: '慢', roaming: '漫游',
  // a carrier's and a restaurant's (plan is the carrier's 套餐, data its 流量)
  data: '流量', plan: '套餐', speed: '速度', suspend: '停机', overdue: '欠费', arrears: '欠费', penalty: '违约金',
  'packaging fee': '打包费', microwave: '微波炉', peanut: '花生', cold: '凉', missing: '少',
  cs: '客服', kf: '客服', rg: '人工',
  // a booking, a spill, a carrier's broadband and a plan's upgrade (取消booking is 取消预约, 汤spill了 汤洒了, upgrade套餐 升级套餐)
  book: '预约', booking: '预约', reservation: '预订', deposit: '定金', spill: '洒', spilled: '洒', broadband: '宽带', upgrade: '升级', promo: '活动',
  'mobile number': '手机号', 'mobile no': '手机号',
  // a thing's quality, the net, cash, a refresh, becoming a member (quality有问题, internet断了, 当cash用, 怎么update, 怎么become member)
  quality: '质量', internet: '网络', cash: '现金', update: '更新', become: '成为',
  // pinyin initials shop customers type (ddh 订单号, fh 发货, shdz 收货地址), and a courier's name
  ddh: '订单号', sjh: '手机号', yzm: '验证码', kdh: '快递单号', wl: '物流', fh: '发货', shdz: '收货地址', sf: '顺丰',
  // what is in the box, a bill's lines, a fee, a card, a day count, a table, a nut (box里有啥accessories, 配送fee, 医保card, 几个working day)
  box: '包装', accessory: '配件', accessories: '配件', detail: '明细', details: '明细', card: '卡',
  'free gift': '赠品', 'working day': '工作日', 'working days': '工作日',
  'order tracking': '物流', international: '国际', day: '天', days: '天', online: '在线', super: '超', table: '座位', nut: '坚果', nuts: '坚果',
  // pinyin spelled out, where joined to the Chinese beside it (fapiao抬头 is 发票抬头)
  kuaidi: '快递', fapiao: '发票', kefu: '客服', rengong: '人工',
};
