/**
 * Words that carry no topic of their own. They are never content: a message is not "explained"
 * by them and an entry is not found through them.
 */

/** Whole segments that say nothing about the topic: pronouns, particles, modal and linking words. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '我', '你', '您', '他', '她', '它', '我们', '你们', '您们', '他们', '咱们', '自己', '人家', '大家',
  '的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '嗯', '么', '哈', '啦', '嘛', '哇', '呗', '咯', '喔', '噢',
  // Spoken and regional sentence particles (用捏, 退货伐, 有冇得退咩, 好嘞, 是哒, 咋退滴), and the north's 咱 (咱这能开票不).
  '捏', '伐', '咩', '嘞', '呐', '哒', '哟', '呦', '咧', '噻', '哩', '滴', '咱',
  '是', '有', '在', '这', '那', '这个', '那个', '这些', '那些', '这样', '那样', '这种', '那种', '这类', '那类', '这边', '那边', '这里', '那里', '就', '都', '也', '还',
  '和', '与', '跟', '或', '或者', '及', '并', '而', '但', '但是', '可是', '不过', '所以', '因为', '如果', '要是', '的话', '然后', '而且',
  '可以', '能', '能够', '会', '要', '想', '想要', '需要', '得', '应该', '可能', '必须', '请', '帮', '给', '让', '把', '被', '对', '向', '从', '到', '用',
  '一下', '一个', '个', '些', '点', '一点', '一些', '下', '上', '里', '中', '后', '前', '时', '时候', '现在', '目前', '刚刚', '刚才', '已经', '一直', '还是',
  '很', '太', '挺', '比较', '非常', '特别', '真的', '真', '好', '再', '又', '才', '只', '只是', '就是', '还有', '怎么样', '一样', '其他', '别的',
  '蛮', '超级', '贼', '灰常', '老是', '总是',
  // Being allowed (准许养狗吗, 允许带宠物吗) is what 可以 asks: a modal, not a topic.
  '允许', '准许', '容许',
  // Needn't, beside 不要 and 不能 (不用在门口干等, 不用排队): a modal's negation, not a topic.
  '不用',
  '不', '没', '没有', '不是', '不能', '不会', '不要', '别', '问', '问下', '问问', '请问', '咨询', '了解', '知道', '不知道', '告诉', '说', '看', '看看',
  // 这玩意儿 and 那玩意 point at the thing as 这个东西 does: the spoken word for a thing, no topic of its own.
  '玩意儿', '玩意',
  '东西', '问题', '情况', '事情', '事', '方面', '方式', '一般', '多', '少', '啥', '什么', '怎么', '如何', '吗', '呢',
  '我想', '我要', '想问', '该', '大概', '大约', '左右', '到底', '具体', '估计', '一共', '总共', '究竟', '是否', '能否', '可否',
  'the', 'a', 'an', 'is', 'are', 'to', 'of', 'my', 'i', 'you', 'it', 'do', 'can', 'how', 'what', 'when', 'where', 'why', 'please', 'pls', 'plz', 'and', 'or', 'for', 'in', 'on',
  'hi', 'hello', 'hey', 'ok', 'okay', 'sorry', 'thanks', 'thank', 'thx', 'sos', 'lol', 'omg', 'btw', 'em', 'emm', 'emmm', 'hmm', 'hhh', 'haha', 'hh', 'yes', 'no', 'so', 'just', 'me', 'this', 'that',
  // Chinglish glue around the Chinese words ("pls check 一下", "xx support 吗", "少了一个 item"), and chat forms (3q, u, ur).
  'check', 'support', 'supported', 'item', 'items', 'thing', 'things', 'stuff', 'help', 'want', 'need', 'have', 'has', 'get', 'got',
  'be', 'was', 'will', 'not', 'any', 'your', 'our', 'we', 'with', 'about', 'ask', 'question', 'questions', 'problem', 'problems',
  'issue', 'issues', 'u', 'ur', 'r', 'im', '3q', 'tks', 'ty', 'still', 'already', 'now', 'again',
  'does', 'did', 'done', 'would', 'could', 'should', 'may', 'might', 'take', 'takes', 'but', 'who', 'which', 'many', 'much', 'up',
  'by', 'from', 'at', 'very', 'become', 'accept', 'arrive', 'arrived', 'receive', 'received', 'use', 'using',
  // Addressing the agent and Hong Kong / Singapore sentence particles ("dear 点退货", "can refund lah", "how ah").
  'dear', 'sir', 'madam', 'bro', 'sis', 'lah', 'la', 'leh', 'lor', 'meh', 'ah',
  'info', 'information', 'details', 'know', 'tell', 'like', 'if', 'all', 'there', 'they', 'make', 'np',
  // What is left of a contraction (what's, you're, we'll, i've), sending in general, and the business itself (service, clinic).
  's', 're', 'll', 've', 'sent', 'send', 'add', 'move', 'service', 'services', 'clinic', 'restaurant',
  // What is left of a negation or i'm (hasn't, doesn't, won't, i'm, i'd), and the glue of a sentence (yet, within, after, one).
  'hasn', 'haven', 'isn', 'aren', 'doesn', 'don', 'didn', 'wasn', 'weren', 'won', 'couldn', 'shouldn', 'wouldn', 'cant', 'dont', 'm', 'd', 't',
  'yet', 'within', 'after', 'before', 'since', 'until', 'than', 'then', 'also', 'too', 'one', 'something',
  'here', 'these', 'those', 'his', 'her', 'their', 'them', 'us', 'him', 'she', 'he', 'am', 'been', 'were', 'possible', 'really', 'right', 'own',
  // What follows an action (逾期后果, 有什么后果): ./consequence reads the question from it and wants an entry speaking of one.
  '后果',
  // While at it (能顺便把地拖了吗, 顺带问下): how the thing is done alongside, not what.
  '顺便', '顺带', '顺手', '一并',
]);
/**
 * Latin interjections of any length (emmmm, hhhhh, hahaha, hiahia, 23333, 666, 5555 for 呜呜呜呜),
 * emoticons typed in letters (qaq, qwq, tat, orz; the t and o of T_T and o(╥﹏╥)o) and net slang
 * for a laugh or a sigh (xswl, awsl): tone, not content.
 */
export const LATIN_INTERJECTION = /^(?:e*m{2,}|h{2,}|(?:ha)+h?|(?:he)+|(?:hi)+|(?:hia)+|(?:xi)+|2333+|666+|555+|a{2,}|o{2,}|u{2,}|w{3,}|q[aw]q|tat|or[z2]|otz|[to]|xd|xswl|awsl|emo)$/;

/**
 * Words of a customer's story rather than of the question (昨天买的, 收到发现, 用了两次): in a
 * long message they are expected to go unexplained by the entry, so they never veto an answer.
 * Days and hours are ./narrative's TOLD_TIME.
 */
export const NARRATIVE_WORDS: ReadonlySet<string> = new Set([
  '刚', '最近', '马上', '赶紧', '一会', '当时', '买', '买了', '购买', '下单', '拍', '拍了', '收到', '到了', '发现', '觉得', '感觉', '试', '试了', '穿',
  '穿了', '用', '用了', '打开', '拿到', '看到', '等', '等了', '好久', '很久', '太久', '半天', '几次', '两次', '一次', '一直', '宝贝', '商品', '产品', '衣服', '鞋子', '东西',
  '店', '店里', '你家', '你们家', '咱家', '贵店', '贵司', '贵公司', '你司', '家里', '怎么办', '咋办', '办', '弄', '搞', '处理', '解决', '帮忙', '着急', '急', '谢谢', '麻烦',
  // How the telling goes (突然, 平时, 本来, 居然, 好像, 老 for "always": 网老断), what was seen on the way (一看, 听说,
  // 拔了), and a feeling's intensifier (恶心|死了).
  '买回来', '买回去', '突然', '忽然', '居然', '竟然', '果然', '平时', '本来', '原来', '其实', '反正', '明明', '好像', '差不多', '开始', '经常', '老', '每', '每次', '每天', '有时', '有点',
  '这么', '那么', '最', '更', '打算', '一看', '听说', '以为', '拔了', '我家', '死', '死了', '要死',
  // How much of it (汤漏得全是).
  '全是',
  // An English story: what was done and when (i bought it yesterday, the day after i ordered, found a hair).
  'bought', 'ordered', 'purchased', 'found', 'yesterday', 'today', 'tomorrow', 'morning', 'week', 'weeks', 'month', 'months', 'last', 'next', 'ago',
  'just', 'day', 'days', 'hours', 'two', 'three', 'later', 'early',
  // After long use (涂层用久了会掉吗, 时间长了会不会发黄): when the trouble would come, the trouble is the question.
  '用久了', '用久', '时间长了', '时间久了',
  // Whose home and what caught the eye (我们家五口人, 看中的那款): the teller's, as 我家 is.
  '我们家', '咱们家', '俺家', '看中', '看上', '看中了', '看上了',
  // How often (天天用吹风机): told, as 每天 is.
  '天天',
  // What was ordered, told (今天拍的, 刚拍的那单), a complaint's intensifiers and softeners (根本不是, 明显装错了, 死活不给减,
  // 不太喜欢, 直接寄回来), how long it was (这么久) and not knowing (没搞清楚).
  '拍的', '根本', '明显', '死活', '这么久', '那么久', '这么长时间', '不太', '直接', '搞清楚', '搞不清楚', '没搞清楚', '记不清', '买东西', '买的东西',
  // The order of the telling (先怎么把号停掉, 要先交定金不): when it is done, not what.
  '先', '首先',
]);

/** Spans and counts of a story (好几天, 十几次, 好几块): how long or how often, told, not asked. */
export const NARRATIVE_COUNT = /^(?:好几|十几|几十)(?:个)?(?:天|周|年|月|小时|分钟|次|遍|回|块|件|个|趟|口)?$/u;

/**
 * Light verbs and other words that take their meaning from what they go with (怎么弄, 在哪写,
 * 放哪, 要带什么): left unexplained they say little about whether an entry fits, so they weigh
 * a quarter of a content word in the near-miss check (they still count as features).
 */
export const LIGHT_WORDS: ReadonlySet<string> = new Set([
  '弄', '搞', '办', '做', '干', '出', '给', '操作', '处理', '写', '填', '发', '放', '带', '来', '去', '拿', '完', '过', '开', '打', '加', '弄好', '搞定',
  '得', '行', '算', '整', '找', '走', '当', '人', '有人', '能用', '用的', '来看', '过来', '过去', '回来', '回去', '一下子', '一次', '这次', '上次', '下次',
  // Coming or going again another time (改天再去, 下次再来): the motion is glue, when is the question.
  '再去', '再来', '再过去', '再过来',
  // Where on a screen, and looking for it there (入口在哪, 页面上没有, 找了半天, 哪里能看到): the thing looked for is the question.
  '入口', '页面', '界面', '找半天', '找了半天', '查到', '查得到', '能查到', '看得到', '能看到', '找不到', '找不着', '没找到', '看不到', '没看到',
  // How soon or late a time question asks (最快多久能到, 最晚几点): the time question is the question.
  '最快', '最早', '最晚', '最迟',
  // English verbs that take their meaning from their object (get an invoice, bring for my first visit, turn on roaming, treat kids), and online.
  'give', 'bring', 'choose', 'pick', 'find', 'keep', 'make', 'turn', 'put', 'come', 'go', 'going', 'see', 'look', 'let', 'try', 'work', 'works', 'happen', 'happened', 'provide', 'allow', 'allowed', 'treat', 'contain', 'keeps', 'kept', 'switch', 'online',
  // Measure words left alone by the segmenter (这件衣服, 那条裤子): they count the thing, not the question.
  '件', '条', '台', '只', '双', '套', '张', '款', '瓶', '盒', '份', '支', '颗', '本',
  // Whether the business takes or offers a thing (团餐接不接, 接急单吗, 提供发票吗): the thing is the question, as of provide.
  '接', '承接', '提供',
  // Directions after a verb (一年下来, 工作起来, 吹上来) and whether it is enough (够用吗, 风够猛吗): their meaning is what they go with.
  '下来', '上来', '起来', '够',
  // How strongly or plainly it is said (直接丢洗衣机, 根本不是一个颜色, 完全两个色): the thing said is the question.
  '直接', '根本', '完全', '简直', '压根',
  // Putting it on (穿上去勒, 穿起来紧): the wearing is where the question happens, not the question.
  '穿上', '穿上去', '穿起来',
  // A result after its verb left alone when a term took the verb (把号停|掉, 合约退|掉): the verb says it.
  '掉',
]);

/**
 * Question words customers also type in pinyin ("zenme tuikuan", "duojiu daohuo"): known words of
 * every lexicon, so typed pinyin reads them as the question words they are instead of leaving an
 * unexplained Latin word.
 */
export const PINYIN_QUESTION_WORDS: readonly string[] = [
  '怎么', '怎么办', '怎么样', '什么', '什么时候', '啥时候', '为什么', '为啥', '多少', '多少钱', '多久', '多长时间',
  '哪里', '哪儿', '在哪', '哪个', '几天', '几点', '几号', '可以', '能不能', '可不可以', '有没有', '是不是', '要不要', '会不会', '行不行', '可以吗',
];
