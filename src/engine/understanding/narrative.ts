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
 * 中午十二点, 三点十分, 前几天, 月底): when it happened or should, told, not asked; not 当天 (当天发货吗
 * asks for same-day dispatch).
 */
// Its parts are each optional: a lone character it matches (早, 晚, 后) is not a time by itself.
const TOLD_TIME =
  /^(?:[昨今明前后]天|[上下这]?个?(?:周|星期|礼拜)[一二三四五六日天末1-7]?|[上下这]个?月[初底]?|[月年][底初]|[去今明]年|\d+[月号日]|[前这]几天|那天|[今明昨]晚)?(?:早上|上午|中午|下午|傍晚|晚上|半夜|凌晨|夜里|深夜|夜晚|白天|[早晚])?(?:[\d一二三四五六七八九十两几半]+[点时](?:[\d一二三四五六七八九十两几半]+分?|半|多|钟)?)?(?:多|左右|[之以]?[前后])?$/u;

/** A word made of function words only (一直在, 也没, 才能, 我是, 的是, 都没有): glue the segmenter fused. A negation only ends one (还没), never leads a verb (没到, 用不了 ask). */
function functionCompound(word: string): boolean {
  if (word.length < 2) return false;
  // ends[i]: word[0, i) splits into function words.
  const ends = [true];
  for (let i = 1; i <= word.length; i++) {
    ends[i] = false;
    for (let j = Math.max(0, i - 3); j < i && !ends[i]; j++) {
      const piece = word.slice(j, i);
      ends[i] = ends[j]! && STOP_WORDS.has(piece) && (i === word.length || !NEGATION.test(piece));
    }
  }
  return ends[word.length]!;
}
const NEGATION = /^(?:不|没有?|别)$/u;

/**
 * A counter after a number (三回, 5岁, 24个月): how often, how old, told; not 次 or 遍 (多久洗一次 asks how
 * often), nor a span (晚20分钟 asks about being late). So is a measure of what was seen or bought
 * (裂了1道, 2根, 少了1件, 3条): the count of the story's thing, not the question.
 */
const COUNTER = /^(?:回|趟|岁|口|位|号|个月|道|根|条|片|颗|粒|处|只|件|双|支|瓶|盒|袋|箱|套|张|台)$/u;
const NUMBER_BEFORE = /[\d一二两三四五六七八九十百几俩]$/u;
/** How many times it was done (穿了两次, 用过3次): a count of the story; 多久洗一次 still asks how often. */
const DONE_TIMES = /[了过][\d一二两三四五六七八九十几俩]+$/u;

/**
 * A verb whose object is where a thing goes or someone lives (寄到哈尔滨, 能送到万达吗, 我住城西那边):
 * the place is told, its pieces too when the segmenter cut a name (万|达).
 */
const TO_PLACE = /(?:[送寄发运邮搬]到|住在?)\p{Script=Han}{0,2}$/u;

/** Unboxing, narration when what was found follows (拆开发现屏幕裂了, 一打开就是碎的); 拆开能退吗 asks about opened goods. */
const UNBOXING = /^(?:一?(?:拆开|打开|拆|开箱|拆箱)(?:来|后|以后|之后)?)$/u;
const FOUND = /^(?:发现|一看|看到|就|才|里面|居然|竟然)/u;

/**
 * An hour or a minute after a number and before a how-many (一小时几度电, 每小时多少度, 1分钟能出多少水):
 * the "per" of a rate, told; the quantity is what is asked. Elsewhere (20分钟, 几个小时) it stays a word.
 */
const RATE_UNIT = /^(?:小时|钟头|分钟)$/u;
const PER = /(?:\d|[一两半每])个?\s*$/u;
const HOW_MANY = /^(?:[要能会得用耗出跑扫烧充]{0,2}|大概|大约)(?:几|多少)/u;
export const rateUnit = (word: string, text: string, from: number): boolean =>
  RATE_UNIT.test(word) && PER.test(text.slice(Math.max(0, from - 3), from)) && HOW_MANY.test(text.slice(from + word.length));

/** Words that open a clause of the telling (结果公司临时安排加班): discourse there, content elsewhere (检查结果). */
const CLAUSE_OPENER = /^(?:结果|后来|接着)$/u;

/** Verbs that report what was seen (显示已签收, 提示错误): narration when what was seen follows. */
const REPORTING = /^(?:显示|提示)的?$/u;

/**
 * The people a story is about (我妈, 她老人家, 同事, 我家娃, 公司要报销, 店员态度差), and how it felt or why
 * (恶心死了, 气死了, 崩溃, 坑人, 加班): who and how, not what is asked.
 */
const ASIDE_WORD = /^(?:(?:我们?|我家|他|她)?的?(?:老?[妈爸]|妈妈|爸爸|老婆|老公|孩子|小孩|娃|宝宝|儿子|女儿|老人家?|家人|同事|朋友|室友|舍友|邻居|客户|公司|服务员|店员|营业员|收银员?|导购|销售|员工|保安|保洁|司机)|(?:加班|出差|恶心|生?气|烦|崩溃|无语|难受|离谱|坑人?|饿|受不了)(?:死了?|了)?)$/u;

/**
 * Whether a segmenter word at `from` of the text is the story's: expected to go unexplained, it
 * never vetoes. `content` is the text with question words and fillers blanked to spaces (offsets
 * unchanged).
 */
export function toldWord(word: string, content: string, from: number): boolean {
  if (NARRATIVE_WORDS.has(word) || NARRATIVE_COUNT.test(word) || PLACES.has(word) || (word.length > 1 && TOLD_TIME.test(word)) || functionCompound(word)) return true;
  const before = content.slice(Math.max(0, from - 4), from);
  // The end of a time whose start a term or the segmenter took apart (挪到下周|日, 三点|10|分).
  for (let k = 1; k <= before.length; k++) if (TOLD_TIME.test(before.slice(-k) + word)) return true;
  const after = content.slice(from + word.length, from + word.length + 1);
  if (COUNTER.test(word) && NUMBER_BEFORE.test(before)) return true;
  if (SHOP_HOUSE.test(word) && SHOP_OWNER.test(before)) return true;
  if (word === '次' && DONE_TIMES.test(before)) return true;
  if (REPORTING.test(word)) return HAN.test(after);
  if (UNBOXING.test(word)) return FOUND.test(content.slice(from + word.length));
  if (CLAUSE_OPENER.test(word)) return !HAN.test(before.slice(-1));
  return (TO_PLACE.test(before) && !asideWord(word)) || describing(word, content, from);
}

/**
 * Words that describe the thing asked about rather than ask: a degree before 的 (这么小的孩子, 那么贵的),
 * and a verb before 起来 judged by what follows (转起来吵不吵, 用起来方便吗). `content` is folded: its
 * clauses end at ASCII marks.
 */
function describing(word: string, content: string, from: number): boolean {
  const clause = content.slice(0, from).split(CLAUSE_END).pop()!;
  return DESCRIBING.test(`${clause}|${word}|${content.slice(from + word.length).split(CLAUSE_END, 1)[0]}`);
}
const CLAUSE_END = /[,.?!;~。\n]/u;
/** The clause before, the word and the clause after, joined by |: a degree before 的, or a verb before 起来 with what judges it after. */
const DESCRIBING = /[这那][么样]\|[^|]*\|的|\|\p{Script=Han}\|起来\s*\S|\p{Script=Han}\|起来\|\s*\S/u;
const HAN = /\p{Script=Han}/u;
/** A shop as its customers say it (你家, 你们家有, 别家, 他家的): the segmenter leaves 家 apart from whose it is. */
const SHOP_HOUSE = /^家[有的]?$/u;
const SHOP_OWNER = /(?:你|您|你们|他|他们|别|这|咱)$/u;

/** What a yes/no question ends on: 吗 or its spoken forms. */
const YES_NO_END = /^[吗么嘛]/u;
/** A state or an event (到了, 用过), a modal and its verb (能用) or an adverb and what it says of (都有, 还有): told, not a quality asked after. */
const NOT_QUALITY = /^[能要会可想该得敢肯都也还就才又没不]|[了过]$/u;
/** An ability asked of the event (能收到吗, 可以到吗): the event is told, what is asked is whether it can happen. */
const ABLE_BEFORE = /(?:能|可以)$/u;

/**
 * Whether a word of the telling's vocabulary (有用, 好看, 好玩: function words together) ends a yes/no
 * question at `end` of the text (私教课有用吗, 染发好看吗): the quality asked of the thing, content
 * there whatever it is in a story.
 */
export const askedQuality = (word: string, text: string, end: number): boolean =>
  (functionCompound(word) || NARRATIVE_WORDS.has(word)) && word.length >= 2 && YES_NO_END.test(text.slice(end, end + 1)) && !NOT_QUALITY.test(word) && !ABLE_BEFORE.test(text.slice(0, end - word.length));

/**
 * Whether a buying verb at `from` of the text follows a how or where word, through a modal (门票咋买,
 * 在哪里买, 怎么才能下单): the buying is what is asked, not what was done before asking (昨天买的).
 */
export const askedBuying = (word: string, text: string, from: number): boolean => BUYING.test(word) && HOW_BEFORE.test(text.slice(Math.max(0, from - 6), from));
const BUYING = /^(?:买|购买|下单)$/u;
const HOW_BEFORE = /(?:怎么|怎样|咋|如何|哪里|哪儿|在哪|去哪|上哪)(?:才|能|可以|要|去|来)*$/u;

/** Whether a word names a person or a feeling of the story: when the entry leaves it unexplained, it counts a little. */
export const asideWord = (word: string): boolean => ASIDE_WORD.test(word);

/** Where the story happens (在地下车库, 我家卧室, 在公司楼下): after 在 (not 现在, 正在) or the customer's own home. */
const AT_PLACE = /(?:(?:^|[^现正存实还])在|我家|家里)$/u;

/** Whether a segmenter word at `from` of the text is an aside of the story: a person, a feeling, where it happens, or whom a role is (王|医生). */
export const asideAt = (word: string, text: string, from: number): boolean =>
  asideWord(word) ||
  (word.length >= 2 ? AT_PLACE.test(text.slice(Math.max(0, from - 3), from)) || IN_PLACE.test(text.slice(from + word.length)) : SURNAME.test(word) && ROLE_AFTER.test(text.slice(from + 1)));
/** A common surname the segmenter left alone before a role it names (王医生, 李主任, 张老师: which person, not what is asked). */
const SURNAME = /^[王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯邓曹彭]$/u;
const ROLE_AFTER = /^(?:医生|大夫|主任|老师|教练|师傅|护士|院长|经理)/u;
/** A place or surface a thing is in or on (袋子里, 手机上, 包装上): a word of two or more characters before 里 or 上 (a verb's complement is one: 带上, 连不上). */
const IN_PLACE = /^[里上]/u;

/**
 * A sum told with its verb or its 钱 (交了50, 充了一百, 付了200, 两块钱, 20元钱): what was paid is
 * the story, like the digits (the entry answers what was asked of it: 咋还没到账, 为啥多扣了).
 */
export const paidSum = (word: string, content: string, from: number): boolean =>
  word === '钱' ? SUM_BEFORE.test(content.charAt(from - 1)) : PAYING.test(word) && SUM_AFTER.test(content.slice(from + 1, from + 3));
const PAYING = /^[交充付缴转花]$/u;
const SUM_AFTER = /^了?[\d一二两三四五六七八九十百千几]/u;
const SUM_BEFORE = /[块元毛\d]/u;
