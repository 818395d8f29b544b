/** Kinds of message that carry no question: the bot answers them with a canned reply. */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'ack' | 'praise' | 'complaint_emotion' | 'identity';

/** Whole messages (after fillers and punctuation are stripped) that are only small talk, by kind. */
export const SMALL_TALK: Readonly<Record<SmallTalkKind, readonly string[]>> = {
  greeting: [
    '你好', '您好', '你好呀', '您好呀', '你好啊', '在吗', '在不在', '在么', '在嘛', '有人吗', '有人在吗', '有人么',
    '亲在吗', '亲在不在', '客服在吗', '老板在吗', '哈喽', '嗨', '哈罗', '早上好', '早安', '上午好', '中午好',
    '下午好', '晚上好', '早', '你们好', '大家好', '在线吗', '有客服吗', '人呢', '喂', '喂喂',
    'hi', 'hello', 'hey', 'hallo', 'hi there', 'good morning', 'good afternoon', 'good evening', 'anyone there',
    'are you there', 'anyone here', 'dd',
    '老师好', '师傅好', '老板好',
    // Asking whether one has eaten is how a day's chat opens, not a question about food.
    '吃了吗', '吃了没', '吃了么', '吃饭了吗', '吃饭了没', '吃饭没', '吃了没有', '吃饭了没有',
  ],
  thanks: [
    '谢谢', '谢谢你', '谢谢您', '多谢', '谢啦', '谢了', '感谢', '感谢你', '感谢您', '非常感谢', '太感谢了', '谢谢啦',
    '谢谢亲', '谢谢哈', '麻烦你了', '辛苦了', '辛苦你了', '辛苦啦', '感恩', '万分感谢', '多谢多谢', '谢谢谢谢',
    '好的谢谢', '好的谢谢你', '知道了谢谢', '明白了谢谢', '收到谢谢', '谢谢客服', '感谢帮助', '谢谢帮忙',
    'thanks', 'thank you', 'thx', 'ty', 'tks', 'thank u', 'thanks a lot', 'many thanks', '3q', '3x',
    'thank you so much', 'thank you very much', 'thanks so much',
    '蟹蟹', '唔该', '麻烦了', '打扰了', '么么哒',
  ],
  goodbye: [
    '再见', '拜拜', '拜', '88', '886', 'byebye', '回见', '下次见', '改天见', '先这样', '先这样吧', '就这样吧', '没事了',
    '没有了', '没别的了', '没其他问题了', '不用了', '好的再见', '谢谢再见', '晚安', '我先走了', '下了', '先下了',
    '回头再说', '回头聊', '有事再找你', '下次再来', '再会',
    'bye', 'bye bye', 'goodbye', 'see you', 'see ya', 'cya', 'good night', 'gn',
    '回头见', '先忙了', '不打扰了',
  ],
  ack: [
    '好的', '好', '好滴', '好哒', '好嘞', '好吧', '好呀', '好的呢', '嗯', '嗯嗯', '嗯呢', '嗯好', '哦', '哦哦', '噢',
    '知道了', '收到', '收到了', '明白', '明白了', '了解', '了解了', '懂了', '清楚了', '行', '行吧', '可以', '可以的',
    '没问题', '对', '对的', '是的', '是', '没错', 'ok', 'okay', 'okk', 'okok', 'k', 'kk', '好的好的', '行行行', '知道啦',
    'got it', 'sure', 'yes', 'yep', 'yeah', 'fine', 'alright', 'noted', '1', 'lol', 'haha',
    '嗯呐', '嗯哪', 'ok的', '好勒', '妥', '妥了', '没毛病', '阔以', '对滴', '是滴', '晓得了',
    '知道咯', '懂', 'get', 'ojbk',
  ],
  praise: [
    '你真棒', '真棒', '太棒了', '很棒', '好棒', '服务很好', '服务真好', '服务不错', '服务周到', '态度很好', '态度真好',
    '很专业', '专业', '厉害', '你好厉害', '太厉害了', '给力', '很给力', '点赞', '赞', '好评', '五星好评', '满意',
    '很满意', '非常满意', '不错', '挺好的', '很好', '效率真高', '回复真快', '好贴心', '贴心', '666', '牛', '牛逼',
    'nice', 'great', 'good job', 'awesome', 'perfect', 'excellent', 'cool', 'love it', 'amazing',
    '牛哇', '牛啊', 'yyds', '棒棒哒', '爱了', '给你点赞', '比心',
  ],
  complaint_emotion: [
    '太慢了吧', '太慢了', '好慢', '慢死了', '无语', '无语了', '真无语', '气死了', '气死我了', '太气人了', '烦死了',
    '好烦', '烦', '服了', '服了你们', '我服了', '醉了', '郁闷', '失望', '太失望了', '很失望', '垃圾', '太垃圾了',
    '什么破服务', '差劲', '太差了', '真差', '离谱', '太离谱了', '过分', '太过分了', '坑', '坑爹', '崩溃', '我要疯了',
    '受不了了', '心累', '算了', '算了吧', '呵呵', '哎', '唉', '晕', '无奈', '急死了', '等死了', '等了好久',
    'wtf', 'terrible', 'awful', 'ridiculous', 'so slow', 'disappointed', 'annoying',
    '太麻烦了', '好麻烦', '真麻烦', '麻烦死了', '气死', '破防了', '裂开', '心塞', '我哭了',
    '哭了', '栓q', '太坑了', '坑人', '差评',
  ],
  identity: [
    '你是机器人吗', '你是机器人', '机器人吗', '是机器人吗', '你是谁', '你是真人吗', '真人吗', '是真人吗', '你是人吗',
    '是人工吗', '你是人工吗', '你是ai吗', '你是ai', '是ai吗', '你是智能客服吗', '智能客服吗', '你是自动回复吗',
    '自动回复吗', '是自动回复吗', '你叫什么', '你叫什么名字', '你是客服吗', '你是哪位', '你是男的女的', '你是什么',
    '你是程序吗', '你是chatgpt吗', '你是活人吗', '是不是机器人', '是不是真人',
    'are you a bot', 'are you human', 'are you a robot', 'are you real', 'who are you', 'bot', 'robot',
  ],
};

/**
 * A message of emoji alone (Unicode or WeChat's, by name or /: code) is the kind of its first
 * emoji listed here, and an acknowledgement otherwise (👍, [OK], [捂脸]).
 */
export const EMOJI_SMALL_TALK: Readonly<Partial<Record<SmallTalkKind, readonly string[]>>> = {
  thanks: ['抱拳', '合十', '鞠躬', '作揖', '拜托', '/:@)', '🙏'],
  goodbye: ['再见', '挥手', '/:bye', '/:oy', '👋'],
  praise: ['鼓掌', '666', '玫瑰', '爱心', '比心', '点赞', '赞', '/:handclap', '/:rose', '/:heart', '👏', '🌹', '❤', '💯'],
  complaint_emotion: [
    '发怒', '生气', '泪奔', '抓狂', '咒骂', '鄙视', '白眼', '翻白眼', '无语', '叹气', '裂开', '心碎', '衰', '大哭', '流泪', '快哭了', '委屈', '难过',
    '失望', '怄火', '皱眉', '苦涩', '差劲', '弱', '/::@', '/::<', "/::'(", '/::-s', '/:>-|', '/:break', '/:bad', '/:weak',
    '😡', '😠', '🤬', '😤', '💢', '😭', '😢', '😞', '😩', '😫', '💔', '🙄', '👎',
  ],
};
