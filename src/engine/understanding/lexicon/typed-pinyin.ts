/**
 * The words around the content that a customer typing pinyin spells out too (wo xiang huanhuo,
 * kuandai duan le, fukuan bu chenggong, taocan you naxie): pronouns, particles, negations, modals,
 * common verbs and adverbs, each as the character or word a customer-service chat means by its
 * toneless sound (you is 有, not 又; na is 哪, as in dao na le; duan is 断, as in 断网; kuai is 快,
 * not 块).
 * Read only beside the content they surround (../correct): alone they are no reading, so an
 * English "can you help me" stays English. Syllables of two common readings stay out (ji: 几 or
 * 寄, wan: 完 or 晚, cai: 菜 or 才, hua: 话 or 花).
 * A word the characters compose (不能 is 不 能, 还没 还 没) is not listed: the read characters are
 * written together. One string, words apart by spaces.
 */
export const TYPED_FUNCTION_WORDS: readonly string[] = (
  '我 你 他 们 的 了 吗 呢 吧 呀 啊 不 没 不行 是 有 在 要 想 能 会 可 ' +
  '还 也 都 就 很 太 这 哪 哪些 啥 咋 谁 个 下 上 一 一起 已经 出 做 买 ' +
  '用 看 查 找 改 换 退 开 送 收 发 帮 给 让 办 到 去 来 走 过 说 问 ' +
  '等 错 坏 断 慢 快 好 多 少 大 小 长 贵 对 和 钱 天 点 现在 今天 明天 ' +
  '为啥 需要 是否 如何 东西 一次'
).split(' ');
