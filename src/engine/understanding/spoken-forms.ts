/**
 * Spoken, net and regional spellings written as the rest of the analyser reads them (fold's word
 * step): question words and negations, how strongly a complaint is felt, and why something has
 * still not happened.
 */
import { signMask, signsIn } from './signs';

/**
 * Spoken, net and regional spellings of function and question words, written as customers type
 * them (木有 is 没有, 肿么 is 怎么, 咋整 is 怎么办, 晓得 is 知道, 多会儿 is 什么时候, 哪旮旯 is 哪里,
 * Cantonese 冇 is 没有, 点解 is 为什么, south-western 莫得 is 没有, 咋滴 is 怎么, the north's and west's 娃
 * is 孩子 (not 娃娃, 娃哈哈), a clause's closing 了没有 is 了没 (修好了没有 asks 修好了没), spoken 疼 is 痛 (疼不疼 asks 痛不痛), 地儿 is 地方, the north's 瞅 is 看, and a check that 过不去 (刷脸过不去, 审核过不去) has 失败; 马 closing a clause is 吗, an input method's first pick, but
 * not in 宝马 or 斑马): the question words and negations the rest reads, and that
 * terms hold (什么时候能到). Only where they cannot be part of another word (实木有, 酱紫色, 重点解决);
 * 木有 ending a clause is the tag of 有X木有 (有发票木有), whatever stands before it.
 */
export const SPOKEN: Readonly<Record<string, string>> = {
  神马: '什么', 肿么: '怎么', 木有: '没有', 咋整: '怎么办', 介个: '这个', 酱紫: '这样子', 啥子: '什么', 俺: '我',
  晓得: '知道', 冇: '没有', 啥玩意儿: '什么', 啥玩意: '什么', 嘛玩意儿: '什么', 嘛玩意: '什么', 灰常: '非常',
  多会儿: '什么时候', 啥会儿: '什么时候', 多咱: '什么时候', 哪旮旯: '哪里', 哪疙瘩: '哪里', 哪嘎达: '哪里', 边度: '哪里',
  啥地儿: '什么地方', 哪地儿: '哪里', 为毛: '为什么', 点解: '为什么', 乜嘢: '什么', 咩嘢: '什么', 几多: '多少', 系咪: '是不是',
  啷个: '怎么', 可唔可以: '可不可以', 得唔得: '行不行', 莫得: '没有', 咋滴: '怎么', 咋地: '怎么', 咋的: '怎么', 娃: '孩子', 疼: '痛', 地儿: '地方', 瞅: '看', 瞅瞅: '看看', 过不去: '失败', 了没有: '了没',
  // A hesitation while the word is sought (那个啥, 那啥, 怎么说呢): the filler 那个, asking nothing.
  那个啥: '那个', 那啥: '那个', 怎么说呢: '那个', 咋说呢: '那个',
  // An input method's first candidate for the toneless syllable (ma 马 for 吗, li 力 for 里, shao 小 for 少).
  马: '吗', 哪力: '哪里', 怎们: '怎么', 怎摸: '怎么', 什摸: '什么', 咋么: '怎么', 多小钱: '多少钱',
};
export const SPOKEN_FORMS =
  /那个?啥(?![时意样子的])|(?:怎么|咋)说呢|神马|肿么|(?<![\p{Script=Han}])木有|(?<=[还都也我你他她就并又可但却怎咋有了])木有|木有(?=[\p{P}\s]|$)|莫得|咋[滴地的]|(?<!娃)娃(?![娃儿子哈])|疼(?!爱)|(?<![啥哪])地儿|咋整|瞅瞅|瞅|过不去|介个|酱紫(?!色)|啥子|俺|晓得|冇|[啥嘛]玩意儿?|灰常|[多啥]会儿|多咱|哪旮旯|哪疙瘩|哪嘎达|边度|[啥哪]地儿|为毛(?![衣巾绒呢线料发孔利皮])|点解(?![决释答析读题])|[乜咩]嘢|几多|系咪|啷个|可唔可以|得唔得|哪力|怎[们摸]|什摸|咋么|多小钱|了没有(?=[\p{P}\s啊呀呢]|$)|(?<=\p{Script=Han})(?<![宝斑河木骑赛黑白上出罗里人铁野小大千下海天飞匹盒])马(?=[\p{P}\s]|$)/gu;

/**
 * Whether a text may hold a spoken form: one of the signs every match of SPOKEN_FORMS holds, read
 * from the pattern itself (./signs), so a form added there is looked for at once. Two characters
 * where a form has two fixed ones (灰常, not the 灰 of 浅灰; 会儿, not the 度 of 温度).
 */
const spokenSigns = signMask([SPOKEN_FORMS]);
export const maySpeak = (text: string): boolean => spokenSigns(text) !== 0;
/** The written spellings of spoken forms (SPOKEN), looked for only in a text holding a sign of one. */
export const spokenForms = (text: string): string => degreeFolded(maySpeak(text) ? text.replace(SPOKEN_FORMS, (m) => SPOKEN[m] ?? m) : text);

/**
 * How strongly a complaint is felt, one way: 这么, 那么, 咋这么, 太, 好, 贼, 真, 超, 有点 … before 慢, 卡, 贵
 * or 差 (not 差评, 差价) are 很, in messages and terms alike, so 网咋这么卡 meets 网太卡 and 网好卡 (the
 * complaint is the content; "why so" asks nothing an entry answers otherwise). Looked for only where
 * one of those marks stands before one of those words.
 */
const DEGREE = /(?:(?:怎么|咋)?[这那]么|太|好|特别|超级?|贼|真|非常|有点儿?)(?=[慢卡贵]|差(?![评价额距]))/gu;
/** A mark's last character before one of those words, every pair (./signs: a table, where a regex per text cost more). */
const mayDegree = signsIn([Array.from('么太好别超级贼真常点儿', (mark) => Array.from('慢卡贵差', (word) => mark + word)).flat()]);
/**
 * Why something still has not happened (咋还没到, 怎么还不发货, 钱为啥还没退, 为什么一直没到账) says that it has
 * not: the question word before 还没, 还不, 一直没 or 一直不 goes, so 钱咋还没退 meets the term 钱还没退 and
 * no term needs a spelling per question word.
 */
const ASKED_NEGATION = /(?:怎么|咋|为啥|为什么|为何)(?=(?:还|一直)[没不])/gu;
const MAYBE_ASKED_NEGATION = /[么咋啥何](?:还|一直)[没不]/u;
const degreeFolded = (text: string): string => {
  // 还 or 一直 first: one search of the text each, where most texts hold neither.
  const plain = (text.includes('还') || text.includes('一直')) && MAYBE_ASKED_NEGATION.test(text) ? text.replace(ASKED_NEGATION, '') : text;
  return mayDegree(plain) ? plain.replace(DEGREE, '很') : plain;
};
