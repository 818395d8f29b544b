/**
 * WeChat's built-in emoji as they arrive in a message's text: the name in brackets ([捂脸], [抱拳])
 * or, from older clients, a /: code (/::) is 微笑).
 * They carry tone, not content. Names are simplified (traditional clients send [流淚], folded
 * first) and lower case; an English-language client's names ([Facepalm]) are any Latin word in
 * brackets (../fold). A bracketed text not listed ([订单号]) is the customer's own words.
 */
export const WECHAT_EMOJI_NAMES: readonly string[] = [
  // The classic set, in panel order.
  '微笑', '撇嘴', '色', '发呆', '得意', '流泪', '害羞', '闭嘴', '睡', '大哭', '尴尬', '发怒', '调皮', '呲牙', '惊讶', '难过',
  '酷', '冷汗', '抓狂', '吐', '偷笑', '愉快', '可爱', '白眼', '傲慢', '饥饿', '困', '惊恐', '流汗', '憨笑', '悠闲', '大兵',
  '奋斗', '咒骂', '疑问', '嘘', '晕', '疯了', '折磨', '衰', '骷髅', '敲打', '再见', '擦汗', '抠鼻', '鼓掌', '糗大了', '坏笑',
  '左哼哼', '右哼哼', '哈欠', '鄙视', '委屈', '快哭了', '阴险', '亲亲', '吓', '可怜', '菜刀', '西瓜', '啤酒', '篮球', '乒乓',
  '咖啡', '饭', '猪头', '玫瑰', '凋谢', '示爱', '嘴唇', '爱心', '心碎', '蛋糕', '闪电', '炸弹', '刀', '足球', '瓢虫', '便便',
  '月亮', '太阳', '礼物', '拥抱', '强', '弱', '握手', '胜利', '抱拳', '勾引', '拳头', '差劲', '爱你', 'no', 'ok', '爱情',
  '飞吻', '跳跳', '发抖', '怄火', '转圈', '磕头', '回头', '跳绳', '投降', '挥手', '激动', '街舞', '献吻', '左太极', '右太极',
  // Added since.
  '笑脸', '生病', '脸红', '破涕为笑', '恐惧', '失望', '无语', '嘿哈', '捂脸', '奸笑', '机智', '皱眉', '耶', '吃瓜', '加油',
  '汗', '天啊', 'emm', '社会社会', '旺柴', '好的', '打脸', '哇', '翻白眼', '666', '让我看看', '叹气', '苦涩', '裂开', '合十',
  '庆祝', '红包', '发', '福', '烟花', '爆竹', '鸡', '小狗', '蜡烛', 'party',
  // Other apps' (QQ, Weibo, Douyin), pasted or typed the same way.
  '笑哭', '狗头', '哭', '泣', '尬笑', '赞', '囧', '呕吐', '泪奔', '大笑', '生气', '比心', '点赞', '鞠躬', '作揖', '拜托',
];

/** The /: codes older clients send (/::) 微笑, /:,@P 偷笑, /:rose 玫瑰), lower case. */
export const WECHAT_EMOJI_CODES: readonly string[] = [
  '/::)', '/::~', '/::b', '/::|', '/:8-)', '/::<', '/::$', '/::x', '/::z', "/::'(", '/::-|', '/::@', '/::p', '/::d', '/::o',
  '/::(', '/::+', '/:--b', '/::q', '/::t', '/:,@p', '/:,@-d', '/:,@o', '/::g', '/:|-)', '/::!', '/::l', '/::>', '/::,@',
  '/:,@f', '/::-s', '/:?', '/:,@x', '/:,@@', '/::8', '/:,@!', '/:!!!', '/:xx', '/:bye', '/:wipe', '/:dig', '/:handclap',
  '/:&-(', '/:b-)', '/:<@', '/:@>', '/::-o', '/:>-|', '/:p-(', "/::'|", '/:x-)', '/::*', '/:@x', '/:8*', '/:pd', '/:<w>',
  '/:beer', '/:basketb', '/:oo', '/:coffee', '/:eat', '/:pig', '/:rose', '/:fade', '/:showlove', '/:heart', '/:break',
  '/:cake', '/:li', '/:bome', '/:kn', '/:footb', '/:ladybug', '/:shit', '/:moon', '/:sun', '/:gift', '/:hug', '/:strong',
  '/:weak', '/:share', '/:v', '/:@)', '/:jj', '/:@@', '/:bad', '/:lvu', '/:no', '/:ok', '/:love', '/:<l>', '/:jump',
  '/:shake', '/:<o>', '/:circle', '/:kotow', '/:turn', '/:skip', '/:oy', '/:#-0', '/:hiphot', '/:kiss', '/:<&', '/:&>',
];
