/**
 * Names of other parties a customer may ask about: shopping and takeaway platforms, couriers,
 * payment and credit apps, social and video apps, carriers, and chains or brands a business
 * competes with. The lexicon folds some of them into the classes of what they do (美团 is a kind of
 * 外卖, 顺丰 a courier, 支付宝 a way to pay), which lets 能用支付宝付吗 reach the payment entry;
 * but 饿了么的订单能开发票吗 or 美团上团的美甲能用吗 asks about that party's order or voucher,
 * which only an entry that names the party speaks of (./party.ts). Folded (lower case).
 */
export const OTHER_PARTY_NAMES = [
  // Platforms where the customer may have bought or booked.
  '美团', '饿了么', '大众点评', '口碑', '淘宝', '天猫', '京东', '拼多多', '抖音', '快手', '小红书', '唯品会', '闲鱼', '得物', '携程', '飞猪', '苏宁',
  // Couriers.
  '顺丰', '中通', '圆通', '申通', '韵达', '极兔', '德邦', '百世', '菜鸟', '邮政', 'ems', '宅急送',
  // Payment, credit and social apps.
  '支付宝', '微信支付', '花呗', '借呗', '白条', '云闪付', '余额宝', '银联', 'qq', '微博', '腾讯', '爱奇艺', '优酷', '网易', '百度', '王者荣耀',
  // Carriers (移动 and 电信 alone are words of their own).
  '联通', '中国移动', '中国电信', '广电',
  // Chains and brands of the businesses' own trades.
  '肯德基', '麦当劳', '星巴克', '瑞幸', '海底捞', '新东方', '学而思', '猿辅导', '作业帮', '戴森', '美的', '格力', '苏泊尔', '九阳', '科沃斯', '小米', '华为', '乐刻', '超级猩猩',
];
