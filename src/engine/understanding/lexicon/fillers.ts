/** Words that carry no question content: stripped before matching (politeness, hesitation, addressing the agent). Longest first is not required. */
export const FILLERS: readonly string[] = [
  // politeness / opening
  '请问', '请问一下', '请问下', '麻烦问一下', '麻烦问下', '麻烦您', '麻烦你', '麻烦', '劳驾', '打扰一下', '打扰了',
  '不好意思', '抱歉', '冒昧问一下', '冒昧', '你好', '您好', '你好呀', '您好呀', '哈喽', '嗨', '谢谢', '谢谢你',
  '谢谢您', '谢谢啦', '多谢', '感谢', '辛苦了', '拜托', '拜托了', '请帮我', '帮我看看', '帮我看一下',
  '帮我查一下', '帮忙看看', '帮忙看一下', '帮忙查一下', '打扰下', '打扰啦', '请问下下', '问下下', '麻烦看下', '麻烦看一下', '麻烦帮我看下',
  '麻烦帮忙', '麻烦帮我', '麻烦查下', '麻烦查一下', '帮我看下', '帮忙看下', '帮我查下', '帮我查查', '蟹蟹', '谢啦',
  // asking phrases without content
  '我想问一下', '我想问下', '我想问', '想问一下', '想问下', '想问问', '问一下', '问下', '问问', '咨询一下',
  '咨询下', '我想咨询', '我想咨询一下', '想咨询一下', '我想了解一下', '想了解一下', '了解一下', '我想知道',
  '想知道', '我问一下', '我问下', '问个事', '问个事儿', '问个问题', '问你个事', '问哈', '请教', '请教一下',
  '请教下', '咨询个事', '有个问题', '我有个问题', '有个事',
  // one more ask announced (还有个事, 再问一下, 顺便问下): the ask follows
  '还有个事', '还有个问题', '还有一个问题', '再问一下', '再问下', '顺便问一下', '顺便问下',
  // addressing the agent
  '亲', '亲亲', '亲爱的', '客服', '客服小姐姐', '客服小哥哥', '小哥哥', '小姐姐', '美女', '帅哥', '老板',
  '掌柜', '店家', '姐妹', '大佬', '宝子', '家人们', '客官', '老铁', '靓仔', '靓女', '小可爱', '客服妹妹', '客服小哥',
  '老板娘', '掌柜的', '亲们', '集美',
  // checking someone is there
  '在吗', '在么', '在不在', '有人吗', '有人在吗', '有没有人', '人呢', '有人没', '还在吗', '在线吗', '在不', '在伐', '在嘛',
  '在的吗', '有人不', '有人在不', '嗨喽', '哈罗',
  // hesitation / connectors, laughing and crying (../fold holds a longer run to two: 哈哈哈哈 is 哈哈)
  '嗯嗯', '嗯', '额', '呃', '哦', '噢', '啊', '呀', '哈', '哈哈', '嘿', '嘿嘿', '呵呵', '嘻嘻', '哎', '唉', '诶', '欸', '呜呜', '嘤嘤', '啊啊', '哦哦', '囧',
  '哎呀', '哎哟', '喂', '嗯呢', '嗯呐', '嗯哪', '额额', '呃呃', '哇塞', '天呐', '好的', '好滴', '好哒', '我的天', '天哪', '那个', '这个那个', '就是', '就是说', '然后',
  '然后呢', '还有就是', '对了', '另外', '话说', '其实', '这样的', '是这样的', '我说', '那么', '所以',
  // a guess at a number or time, which the segmenter would otherwise cut (大|概要: 种植牙大概要多少)
  '大概', '大约',
  // a count that asks nothing, which a term would otherwise cut (买了不少东西 is no 少东西, a missing item; 不少人 stays a remark),
  // and "normally", which is no symptom's 正常 (正常情况下多久到账)
  '不少东西', '正常情况下', '正常来说', '正常的话',
  // a case framed as a future one (以后再遇到…怎么办): the case is what is asked, not the meeting of it
  '再遇到', '以后再遇到', '下次再遇到', '如果遇到', '要是遇到', '万一遇到',
  // asking for the rules of what was just named (养狗有什么要求): the thing named is the question
  '有没有什么要求', '有什么要求', '有啥要求', '有没有啥要求',
  // asking who answers for it (楼道灯坏了谁管): the trouble named is the question
  '谁管', '管不管', '你们管不管', '有人管吗', '你们管吗',
  // a feeling about it, and emoji names typed out, that ask nothing (无语, 心累, 笑死, 哭了, 捂脸, 狗头)
  '无语', '心累', '心塞', '郁闷', '绝了', '服了', '醉了', '笑死', '哭了', '哭死', '想哭', '烦死了', '好烦', '破防了', '栓q', '蚌埠住了', '绷不住了', '无语子', '卧槽', '我的妈', '好家伙',
  '天啊', '尴尬', '委屈', '捂脸', '狗头', '笑哭',
  // urgency without content
  '急急急', '急死了', '急死', '着急', '很急', '挺急的', '比较急', '在线等', '在线等急', '求助', '求救', '救命', '求解答', '求回复', '速回', '快回复', '盼回复', '急求', '快点回复', '回复一下', '十万火急', '特别急', '非常急', '急急', '急得很', '尽快回复', '赶紧回复', '快回', '等你回复', '求速回', '急用钱', '着急用钱',
];

/**
 * Words a customer addresses the agent with that are also content elsewhere (安装师傅, 快递小哥,
 * 老师 of a training business, 宝宝 a child): only set apart at the start or the end of a message
 * (老师，…; 师傅您好…; …呀，小哥) are they the listener rather than the topic (./fold drops them there).
 * Addresses that are never content (亲, 客服, 老板) are FILLERS, anywhere.
 */
export const ADDRESSES: readonly string[] = [
  '老师', '师傅', '小哥', '小哥哥', '小姐', '小姐姐', '宝宝', '宝', '宝贝', '姐', '姐姐', '哥', '哥哥', '大哥', '大姐', '妹子', '妹妹',
  '小妹', '兄弟', '同学', '老哥', '老弟', '店长', '管家', '小二', '朋友', '医生', '大夫', '师父',
];
