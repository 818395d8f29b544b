/**
 * What kind of answer a question asks for. A message asking "how much" must not get the answer to
 * "how long" or "who": 快递员的工号是多少 is not answered by 怎么查物流, 客服是男的还是女的 is not
 * answered by 客服工作时间. Types are read from the question words; the words themselves carry no
 * topic, so they are not content (./analyze strips them before matching).
 */
import { signMask } from './signs';

export type QuestionType = 'price' | 'duration' | 'when' | 'where' | 'who' | 'which' | 'why' | 'count' | 'quantity' | 'choice' | 'how' | 'what' | 'yesno';

/**
 * Looking a thing up or doing it on a screen (在哪看, 哪里可以查, 在哪儿改, where can I check, where
 * to enter): how to, not a place. Nor is "where is my …": it asks after a parcel's or a refund's
 * progress, which a time answers as well as a place. A bare 哪 ending its clause after a verb of
 * sending or putting (寄到哪, 车停哪, 扔哪) asks where too; not after 到, 送 or 退 alone (快递到哪, 钱退哪了:
 * how far it has got, as "where is my …").
 */
const LOOKUP = '(?:可以|能)?(?:查看|看|查|找|输|填|设置|修改|改|下载|申请|开通|关闭|取消|绑定|解绑|登录|注册|提交)';
const LOOKUP_EN = ' (?:can|do|should|could) (?:i|we) (?:see|check|view|find|look|enter|download|update|change|apply|redeem|use|type)| to (?:see|check|view|find|look|enter|download|update|change|apply|redeem|use|type)| (?:is|are|s) my';
/** Where two things differ or one excels (差在哪, 区别在哪里, 好在哪, 贵在哪): what the difference is, not a place. */
const DIFFERENCE = '(?:差|区别|不同|好|强|贵|优势|不一样)';
const WHERE = new RegExp(
  `(?<!${DIFFERENCE}在)哪里(?!${LOOKUP})|(?<!${DIFFERENCE}在)哪儿(?!${LOOKUP})|(?<!${DIFFERENCE})在哪儿?(?!(?:里|儿)?${LOOKUP})|去哪儿?|什么地方|啥地方|哪个地方|(?<![如任])何处|到哪了|在那里|哪块儿|哪边|上哪儿?|从哪儿?|哪个地儿|(?:啥|什么)位置|(?<=[寄发邮放停搬交存扔]到?)哪(?=[了呢啊呀啦]*(?!\\p{Script=Han}))|(?<![a-z])(?=where(?![a-z])(?!${LOOKUP_EN}))`,
  'u',
);

/**
 * Not finding where to do a thing (找半天没找到, 找了半天也找不到, 没找到入口, 退货按钮找不到, 找不到开
 * 发票的地方): asks how to do it, as 在哪看 does. What was not found is left to say it (找不到快递 is a lost parcel's, 券找不到 a
 * coupon's trouble): only a search that took long, or an entrance, a button or an option not found.
 */
const NOT_FOUND = '找了?(?:半天|好久|一圈)(?:了|也|都|还是)*(?:没找到|找不到|没找着|找不着|没看到|看不到)|(?:没找到|找不到|没找着|找不着|没看到|看不到)(?:在哪儿?|哪里|的)?(?:入口|按钮|选项|页面)|(?:入口|按钮|选项)(?:在哪儿?)?(?:没找到|找不到|没找着|找不着|没看到|看不到)|(?<=(?:没找到|找不到|找不着|没看到|看不到)\\p{Script=Han}{1,8})的(?:地方|入口|按钮)';

/**
 * The markers of each type, tried in this order (longer and more specific markers first). 好几 and
 * 十几 are "several" (碎成好几块, 等了十几天), not a question. 卖多少 asks a price (现在卖多少, 一斤卖多少)
 * unless a measure word counts what was sold (卖多少件); 卖了多少, 卖出多少 and 还剩多少 ask how many.
 * 要等很久吗 asks how long whatever is awaited takes, like 要等多久: waiting is no topic of its own; so
 * does a wait still to come ending its clause (是不是要等很久, 会很久, 要等很长时间), not one told (等了很久).
 * English where, which and how many are looked ahead at, not taken: they are stop words already,
 * and the English terms holding one (where are you, which one, how many people) must stay whole.
 * 何处 is "where" but not inside 如何处理 or 任何处; 怎么回事 and 咋回事 ask how it came about; 干嘛 before
 * 不, 没 or 要 asks why (干嘛不给我退); 有啥好处 asks what the thing named before it offers (办个会员有啥好处
 * is about 会员), so 好处 goes with it. 最少, 最低, 至少 or 起码 before 多少 (首付最少交多少, 最低能给到多少钱) asks
 * the same amount: an entry saying what it is answers the least of it.
 */
export const MARKERS: readonly (readonly [QuestionType, RegExp])[] = [
  ['price', /(?:最少|最低|至少|起码)(?:要|能|得|可以)?(?:给到?|卖|花|付|交)?多少钱|多少钱|多钱|多少米(?![长宽高远深饭粉线])|(?<![好十])几个米(?![长宽高远深饭粉线])|多少(?:大洋|银子|子儿)|(?<![好十])几个(?:大洋|子儿)|(?:咋个?|怎么|怎样)卖|卖(?:多少|几多)(?![件个台张位次单份套瓶箱支条只本斤吨盒包袋双对杯碗人天回])|(?<![好十])几块钱?|(?<![好十])几个钱|(?<![好十])几毛|(?:什么|啥)价(?:位|格|钱)?|价格是多少|价钱是多少|贵不贵|贵吗|便宜吗|收费多少|收多少|要多少钱|花多少|(?<![好十])几钱|how much/u],
  // A span after 了 (晚还了几天, 用了几个月) is how long it was: told, not asked.
  ['duration', /多久|(?:很|太|那么|这么)?久(?=[吗么不])|(?:要|得|会)等?(?:很|好|太|那么|这么)久(?!\p{Script=Han})|等(?:很|好|太|那么|这么)长时间(?!\p{Script=Han})|多长时间|(?<![好十了])几年|(?<![好十了])几个?礼拜|多少天|多少时间|(?<![好十了])几天|(?<![好十了])几个小时|(?<![好十了])几小时|(?<![好十了])几分钟|多少分钟|(?<![好十了])几周|(?<![好十了])几个月|多长|多快|how long|how soon|how often|how many (?:days|hours|weeks|months|minutes|working days)/u],
  // "A 还是 B" between times asks when (马上到账还是要等, 当月生效还是下个月), between people who (我出还是你们出).
  ['when', /什么时候|啥时候|(?<![好十])几时|(?<![好十])几点|哪天|何时|哪一天|什么时间|(?<![好十])几号|啥时|哪会儿|(?:啥|什么)点(?=\p{Script=Han})|when(?![a-z])|what time|(?<=还是)(?=要?等|下个?月|次月|第二天|以后)/u],
  ['where', WHERE],
  ['who', /谁|哪位|什么人|啥人|who(?![a-z])|(?<=还是[由让]?)(?=你们|我|自己|[商卖买店]家)/u],
  // What something is for (有什么用, 干什么用的) is asked as why it is done: not how to do it, nor what it costs.
  ['why', /为什么|为啥|为何|怎么会|咋会|凭什么|干[嘛啥](?=[不没要还又老总就一])|(?:有|干|做)(?:什么|啥)用|why(?![a-z])/u],
  // 还是 also means "still" (物流还是没动静, 结果还是显示未付款, 还是待发货): not a choice after 但/可/却/都/结果, nor before a negation or a state (待, not 待会).
  ['choice', /(?<![但可却都果])还是(?![没不未一很显老会太]|待(?!会))/u],
  ['which', /哪个|哪家|哪种|哪款|哪些|哪一个|哪一款|哪一种|哪类|哪样|哪一家|(?<![a-z])(?=which(?![a-z]))/u],
  // How many of a counted thing (几次, 多少个): never what it costs (补胎能补几次 is not 补胎多少钱); 我们几个 is the few of us, told.
  ['count', /(?<![好十们俩])几[次个件台张位]|多少[次个件台张位]/u],
  ['quantity', /(?:最少|最低|至少|起码)(?:要|能|得|可以)?(?:给到?|买|付|交|充)?多少|多少|多大|多重|多高|多宽|多长|(?<![a-z])(?=how many(?![a-z]))|how (?:big|large|heavy|tall|wide)(?![a-z])/u],
  ['how', new RegExp(`(?:怎么|咋)一?回事|怎么|怎样|如何|咋|怎么办|怎么弄|怎么搞|有什么办法|什么办法|怎么操作|流程|步骤|手续(?!费)|在?哪(?:里|儿)?(?=${LOOKUP})|${NOT_FOUND}`, 'u')],
  ['what', /(?:什么|啥|哪些)好处|好处是(?:什么|啥)|什么|啥|是指|是啥/u],
  // 行不行, 对不对 and 成不成 ask yes or no whole: their second word is no content (a verb's, 退不退, stays).
  // A clause ending in 不 or 没(有) asks yes or no (能退不, 这样行不, 能开票不咯, 到了没), but not 都没有, 还不, 我不,
  // nor what was found (打开一看汤没有, 发现里面没有).
  ['yesno', /吗|么$|行不行|对不对|成不成|(\p{Script=Han})不(?=\1)|能不能|可不可以|可以不|是不是|有没有|会不会|要不要|能否|可否|是否|有无|(?<=\p{Script=Han})(?<![都还也并从就再又很太真我你他她])(?<!(?:发现|一看|结果)\p{Script=Han}{0,6})(?:不|没有?)[咯啦嘛呀啊哦呢]?(?!\p{Script=Han})/u],
];

/** Types whose answers cannot stand in for one another. */
const SPECIFIC: ReadonlySet<QuestionType> = new Set(['price', 'duration', 'when', 'where', 'who', 'which', 'why', 'choice', 'count', 'quantity']);
/** Pairs that answer each other (几天能到 / 什么时候到; 多少钱 / 多少). */
const COMPATIBLE: readonly (readonly [QuestionType, QuestionType])[] = [
  ['duration', 'when'],
  ['price', 'quantity'],
  ['duration', 'quantity'],
  ['count', 'quantity'],
  ['count', 'duration'],
  ['which', 'what'],
  ['choice', 'which'],
  ['choice', 'yesno'],
  // A list says how many it holds: 有哪些配件 answers 配几个, 包装里有几个.
  ['count', 'which'],
];

/**
 * Which markers a text can match (./signs): a marker whose every match holds a sign the text
 * lacks is not tried.
 */
const mayMatch = signMask(MARKERS.map(([, marker]) => marker));

/** Every type a text asks, in marker order (a question may ask two: 怎么退，多久到账). */
export const questionTypes = (text: string): QuestionType[] => questionWords(text).types;

/**
 * The types a text asks, and every question-word occurrence, to strip from content ([start, end)
 * pairs, flat), in one pass of each marker the text can match: a match says its type unless it
 * lies inside an earlier type's.
 */
const GLOBAL_MARKERS = MARKERS.map(([, marker]) => new RegExp(marker.source, 'gu'));
export function questionWords(text: string): { types: QuestionType[]; ranges: number[] } {
  const candidates = mayMatch(text);
  const types: QuestionType[] = [];
  const ranges: number[] = [];
  for (let i = 0; i < MARKERS.length; i++) {
    if ((candidates & (1 << i)) === 0) continue;
    const marker = GLOBAL_MARKERS[i]!;
    marker.lastIndex = 0;
    let m = marker.exec(text);
    if (m === null) continue;
    // A match inside an earlier type's (多少 of 多少钱, 几个 of 几个小时) is part of that question, not one of its own.
    const earlier = ranges.length;
    let own = false;
    // A look-ahead match takes nothing (the English where): the search goes on after it.
    for (; m !== null; m = marker.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!own) own = !within(ranges, earlier, start, end);
      if (end > start) ranges.push(start, end);
      else marker.lastIndex += 1;
    }
    if (own) types.push(MARKERS[i]![0]);
  }
  return { types, ranges };
}

/** Whether [start, end) lies inside one of the first `count` values' ranges of `ranges` (flat pairs). */
function within(ranges: readonly number[], count: number, start: number, end: number): boolean {
  for (let r = 0; r < count; r += 2) if (ranges[r]! <= start && end <= ranges[r + 1]!) return true;
  return false;
}

/**
 * Where a thing is, the question word ending its clause (储物柜在哪, 燃气表在哪里呢): a place only an
 * answer stating one says. Where to do something (在哪交, 去哪办) is asked as much of how.
 */
const LOCATED = /(?:哪里|哪儿|在哪|地方|哪块儿?|哪边|位置)[啊呀呢哦啦]*(?![\p{Script=Han}a-z0-9])/u;
export const asksLocation = (text: string): boolean => LOCATED.test(text);

/** A where word a verb follows, through a modal (在哪里买, 去哪办, 哪里可以领). */
const WHERE_BEFORE = /(?:哪里|哪儿|哪)(?:可以|能够?|才能|要|去)?$/u;

/**
 * What is to be done where the message asks where (激活码在哪里买, 医保卡去哪办: 买, 办): an entry
 * telling how to use the thing or what it covers, which neither explains the verb nor says it in
 * its answer, answers another question of the same thing.
 */
export const doneWhere = <U extends { text: string; at?: number }>(text: string, units: readonly U[]): U[] =>
  units.filter((u) => u.at !== undefined && u.at > 0 && !WHERE_RIGHT.test(u.text) && !PRO_VERB.test(u.text) && WHERE_BEFORE.test(text.slice(Math.max(0, u.at - 4), u.at)));
/** A verb standing for whatever the thing asks to be done (实名认证在哪弄, 去哪搞): it names no other act. */
const PRO_VERB = /^[弄搞整]$/u;
/** What completes the where word itself, or its typed slip (哪个, 哪边, 在哪理). */
const WHERE_RIGHT = /^[里理儿个些边块位种款家]/u;

/** A modal or a verb of doing (能换吗, 要拍大一码吗, 有现货吗, 用什么): the message asks what to do or have, not only whether a thing is so. */
const DOING = /[能会要需有得该用让帮]|可以/u;
/** A rhetorical question (这不坑人吗, 不是说包邮吗): a complaint, not asking a fact ("是不是" still asks one). */
const RHETORICAL = /(?<!是)不(?!是)\p{Script=Han}{0,4}[吗么]/u;

/**
 * Whether a message asks only whether a thing is so, or how much of it (尺码偏大吗, 是欧码吗, 穿多大):
 * a fact about the thing, which an entry telling what one may do about it (尺码不合适可以更换吗,
 * 如何申请换货) does not say though it names the thing.
 */
export const asksState = (text: string, types: readonly QuestionType[]): boolean =>
  types.length > 0 && types.every((t) => t === 'yesno' || t === 'quantity') && !DOING.test(text) && !RHETORICAL.test(text);

/** How to do something or whether one may, and what (如何申请换货, 尺码不合适可以更换吗, 能否改期); not what to do once it happened (怎么办). */
const CONDUCT = /(?:如何|怎么(?!办)|怎样|可以|能否|可否|(?<!不)能)(\p{Script=Han}+?)[吗么呢]?$/u;

/**
 * Whether an entry's question asks only how to do something or whether one may, of what a
 * message does not name (尺码偏大吗 against 尺码不合适可以更换吗: no character of 更换).
 */
export function asksOtherConduct(question: string, text: string): boolean {
  const done = CONDUCT.exec(question)?.[1];
  return done !== undefined && !Array.from(done).some((ch) => text.includes(ch));
}

/** Whether a message asks something specific (who, where, how much, how long …), not only how, what or yes/no. */
export const asksSpecific = (message: readonly QuestionType[]): boolean => message.some((t) => SPECIFIC.has(t));

/** Whether an entry's own questions ask what the message specifically asks (not merely allow it: an entry asking nothing specific allows any). */
export function typesMatch(message: readonly QuestionType[], entry: number): boolean {
  return entry !== 0 && asksSpecific(message) && typesAgree(message, entry);
}

const compatible = (a: QuestionType, b: QuestionType) => a === b || COMPATIBLE.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/** The specific types an entry's questions ask, one bit each (in MARKERS order): what typesAgree needs of an entry. */
export function specificTypes(types: readonly QuestionType[]): number {
  let bits = 0;
  for (let i = 0; i < types.length; i++) bits |= SPECIFIC_BIT.get(types[i]!) ?? 0;
  return bits;
}
/** Each specific type's bit (its place in MARKERS), looked up once per question while compiling. */
const SPECIFIC_BIT: ReadonlyMap<QuestionType, number> = new Map(MARKERS.flatMap(([type], i) => (SPECIFIC.has(type) ? [[type, 1 << i] as const] : [])));

/**
 * Whether an entry whose questions ask the specific types `entry` (specificTypes of them all) can
 * answer a message asking `message` types. Only specific types must agree: a message asking who,
 * where, how much, how long, when, why or "A or B" needs an entry that asks the same (or a
 * compatible) thing somewhere in its questions; an entry that asks nothing specific answers any
 * but who, "A or B" and which alone (哪个老师好 asks to pick among what 老师的资质怎么样 describes;
 * 哪个套餐多少钱 still asks a price), and only asked how long when its answer states a span of time (`span`),
 * where a thing is when it states a place (`place`: 储物柜在哪 is not said by 有储物柜吗 answered 提供储物柜),
 * and how many or what number only when it states a number (`number`: 你们电话多少 is not said by 如何修改绑定手机号):
 * 如何注销账号 does not say how long 注销 takes unless its answer does. How, what and yes/no
 * questions are answered by any entry on the topic.
 */
export function typesAgree(message: readonly QuestionType[], entry: number, span = true, place = true, number = true): boolean {
  const wanted = message.filter((t) => SPECIFIC.has(t));
  if (wanted.length === 0) return true;
  const beside = (type: QuestionType) => wanted.some((t) => t !== type);
  if (entry === 0) return !wanted.includes('who') && beside('which') && (span || beside('duration')) && (place || beside('where')) && (number || beside('quantity'));
  const offered = MARKERS.filter((_, i) => (entry & (1 << i)) !== 0).map(([type]) => type);
  return wanted.some((w) => offered.some((o) => compatible(w, o)));
}
