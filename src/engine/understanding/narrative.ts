/**
 * Which of a customer's words tell their story rather than ask the question, by the shape of the
 * language, not by any business's words: the near-miss veto (policy.ts `coverage`) expects told
 * words to go unexplained. Nouns of the question (会员卡丢了 against a points entry) are never
 * made story here: only function-word compounds, times, counts, the place a thing goes to,
 * narration, and (counting a little, not nothing) the people and feelings a story is about.
 */
import { NARRATIVE_COUNT, NARRATIVE_WORDS, STOP_WORDS } from './function-words';
import { PLACES } from './lexicon/places';

/**
 * A day, a part of it or an hour, alone or built from parts (昨天晚上, 今天早上, 上周五, 下周三,
 * 中午十二点, 三点十分, 前几天, 月底): when it happened or should, told, not asked.
 */
const NUM = '[0-9零〇一二两三四五六七八九十百几半]+';
const DAY = `(?:[昨今明前后]天|大[前后]天|[上下这本]?(?:个)?(?:周|星期|礼拜)(?:[一二三四五六日天末]|[1-7])?|[上下这本]个?月(?:初|底|中)?|[月年](?:底|初)|[去今明前]年|${NUM}[月号日]|前几天|这几天|那几天|那天|当天|隔天|第二天|次日|改天|[今明昨前后]晚|[今明昨]早)`;
const PART = '(?:早上|早晨|清早|上午|中午|下午|傍晚|晚上|夜里|半夜|深夜|凌晨|白天)';
const CLOCK = `(?:${NUM}(?:点|时)(?:${NUM}分?|半|多|钟|整)?)`;
const TOLD_TIME = new RegExp(`^(?:${DAY}(?:${PART}|[早晚])?${CLOCK}?|${PART}${CLOCK}?|${CLOCK})(?:多|左右|前|后|之前|之后|以前|以后|开始)?$`, 'u');

/** A word made of function words only (一直在, 也没, 才能, 我是, 的是, 都没有): glue the segmenter fused. A negation only ends one (还没), never leads a verb (没到, 用不了 ask). */
function functionCompound(word: string): boolean {
  if (word.length < 2) return false;
  // ends[i]: word[0, i) splits into function words.
  const ends = [true];
  for (let i = 1; i <= word.length; i++) {
    ends[i] = false;
    for (let j = Math.max(0, i - 3); j < i && !ends[i]; j++) {
      const piece = word.slice(j, i);
      ends[i] = ends[j]! && STOP_WORDS.has(piece) && (i === word.length || !NEGATION.has(piece));
    }
  }
  return ends[word.length]!;
}
const NEGATION: ReadonlySet<string> = new Set(['不', '没', '没有', '别']);

/** A counter after a number (三回, 5岁, 第5天 and 第 before it): how often, how old, told; not 次 or 遍 (多久洗一次 asks how often), nor a span (晚20分钟 asks about being late). */
const COUNTER = /^(?:回|趟|岁|口|位|号|个月|来|点|点多)$/u;
const NUMBER_BEFORE = /[0-9零〇一二两三四五六七八九十百千万几俩仨]$/u;
const NUMBER_AFTER = /^[0-9一二两三四五六七八九十几]/u;

/**
 * A verb whose object is where a thing goes or someone lives (寄到哈尔滨, 能送到万达吗, 我住城西那边):
 * the place is told, its pieces too when the segmenter cut a name (万|达).
 */
const TO_PLACE = /(?:[送寄发运邮搬]到|[送寄发运]去|[送寄发运]往|住在|住)\p{Script=Han}{0,2}$/u;

/** Words that open a clause of the telling (结果公司临时安排加班): discourse there, content elsewhere (检查结果). */
const CLAUSE_OPENER: ReadonlySet<string> = new Set(['结果', '后来', '接着', '于是', '然后就', '完了']);

/** Verbs that report what was seen (显示已签收, 提示错误): narration when what was seen follows. */
const REPORTING: ReadonlySet<string> = new Set(['显示', '提示', '显示的', '提示的', '写着', '写的', '上面写', '报']);

/** The people a story is about (我妈, 她老人家, 同事, 我家娃, 女儿, 公司要报销). */
const PERSON = /^(?:我|我们|我家|咱|咱家|他|她|他们|她们|你)?(?:的)?(?:老?妈|老?爸|妈妈|爸爸|爷爷|奶奶|姥姥|姥爷|外婆|外公|老婆|老公|媳妇|爱人|对象|男朋友|女朋友|男友|女友|孩子|小孩|娃|娃娃|宝宝|儿子|女儿|闺女|老人|老人家|长辈|家人|家里人|同事|朋友|同学|室友|邻居|领导|亲戚|哥哥?|姐姐?|弟弟?|妹妹?|婆婆|公公|岳母|丈母娘|老板|公司|单位)$/u;
/** Feelings and complaints told on the way (恶心, 气死, 崩溃, 坑人, 饿死了), and the day's doings (加班, 出差): how it felt and why, not what is asked. */
const FEELING = /^(?:上班|下班|加班|出差|开会|出门|回家|放假|上课|上学|放学|逛街|恶心|气人|生气|气死|烦|烦人|烦死|郁闷|崩溃|无语|难受|离谱|过分|失望|闹心|糟心|心累|服了|醉了|晕|吐了|绝了|无奈|委屈|心疼|伤心|害怕|怕|担心|急死|饿|饿死|坑人|坑爹|坑|太坑|受不了|头疼|抓狂|倒霉|晦气)(?:死了|死|了|得要死|透了|坏了)?$/u;
/** An intensifier after a feeling (恶心死了, 卡得要死, 气得不行): degree, not topic. */
const INTENSIFIER = /^(?:死|死了|要死|要命|得要死|得不行|不行了|极了|透了|坏了)$/u;

/** A complaint asked as a question (这还咋吃, 还怎么用, 让人怎么睡): the verb after it is the grievance, not what is asked. */
const RHETORICAL = /(?:还|让人|叫人|让我)(?:咋|怎么|怎样|怎么能)$/u;

/**
 * Whether a segmenter word at `from` of the text is the story's: expected to go unexplained, it
 * never vetoes. `content` is the text with question words and fillers blanked to spaces (offsets
 * unchanged).
 */
export function toldWord(word: string, text: string, content: string, from: number): boolean {
  if (NARRATIVE_WORDS.has(word) || NARRATIVE_COUNT.test(word) || PLACES.has(word) || TOLD_TIME.test(word) || INTENSIFIER.test(word) || functionCompound(word)) return true;
  const before = content.slice(Math.max(0, from - 4), from);
  // The end of a time whose start a term or the segmenter took apart (挪到下周|日, 三点|10|分).
  for (let k = 1; k <= before.length; k++) if (TOLD_TIME.test(before.slice(-k) + word)) return true;
  const after = content.slice(from + word.length, from + word.length + 1);
  if (COUNTER.test(word) && NUMBER_BEFORE.test(before)) return true;
  if (word === '第' && NUMBER_AFTER.test(after)) return true;
  if (REPORTING.has(word)) return HAN.test(after);
  if (CLAUSE_OPENER.has(word)) return !HAN.test(before.slice(-1));
  if (word.length === 1 && RHETORICAL.test(text.slice(Math.max(0, from - 4), from))) return true;
  return TO_PLACE.test(before) && !asideWord(word);
}
const HAN = /\p{Script=Han}/u;

/** Whether a word names a person or a feeling of the story: when the entry leaves it unexplained, it counts a little. */
export const asideWord = (word: string): boolean => PERSON.test(word) || FEELING.test(word);

/** Where the story happens (在地下车库, 我家卧室, 在公司楼下): after 在 (not 现在, 正在) or the customer's own home. */
const AT_PLACE = /(?:(?:^|[^现正存实自好还])在|我家|我们家|咱家|家里)$/u;

/** Whether a segmenter word at `from` of the text is an aside of the story: a person, a feeling, or where it happens. */
export const asideAt = (word: string, text: string, from: number): boolean =>
  asideWord(word) || (word.length >= 2 && AT_PLACE.test(text.slice(Math.max(0, from - 3), from)));
