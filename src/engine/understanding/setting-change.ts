/**
 * Changing a setting or a record is said with any verb of change: operators write 修改收货地址,
 * 更换手机号, 变更套餐, 调整预约时间, customers 换个地址, 地址调一下, 收件的地方想换一下, 把地址弄成公司的,
 * 时间能不能变. Where the thing changed stands beside such a verb, before or after it (or is the head
 * of a compound after it: 修改入住|日期), the verb reads as the lexicon's term of 改 and that thing
 * (改地址, 改时间, 改套餐, 改名字; or of 换: 换医生), or, for a setting the lexicon names otherwise, as its change
 * class (CHANGE_OF); the thing stays its own term. Messages and entries are read so, and meet.
 * Calling off is read alike (预约撤销 is 取消预约; 自动扣费取消掉 the subscription's own class).
 * Goods are no setting: 换个颜色, 换货 and 换新机 stay an exchange (a term the verb starts, or 换 of
 * what 改 changes in an order), and what is no thing of 改 (换个客服) stays as it is.
 */
import { markOrSpaceAt } from './fold';
import { conceptKeys } from './lexicon';
import { joinedSpan, longestSpan, type SpanTrie } from './span-trie';
import type { Reading } from './clause-readings';

/**
 * Verbs of change, longest first (修改 before 改, 换成 before 换), and what may stand between one and
 * the thing after it (换个地址, 调一下时间, 变一变). Which way it goes (调低, 往下调) is a change too,
 * and a slip in writing a setting (写错, 填错了, 少写, 漏填) asks for its change (手机号填错了, 写错了地址).
 */
const VERB = /([修更]改|更换|变更|调整|调[低高小大]|往[上下]调|[改换调变]成?|[弄写]成|[写填选留弄搞绑]错了?|[少漏多]写了?|写漏了?|[少漏]填了?)(?:一下|[一1]个|下|个|一[改换调变])?/g;
/** Modals, 把 and adverbs between a thing and its verb after it (地址能不能换, 时间想调). */
const BETWEEN = /[能要可以得该想会还再都也帮我给不把]/;
/** Settings the lexicon names by a class whose change is another class (no term of 改 and them), or the same one (换成新号 is a new binding, 登录密码换一个 a new password). */
const CHANGE_OF: Record<string, string> = { 'delivery.address': 'delivery.address_change', 'account.phone_binding': 'account.phone_binding', 'account.password': 'account.password', 'invoice.heading': 'invoice.modify' };

/** An act done to a thing: its verbs, the verbs the lexicon's terms of it start with (改地址, 换医生; 取消预约), and the classes whose act is another class or themselves. */
interface Act {
  verb: RegExp;
  heads: readonly string[];
  of: Readonly<Record<string, string>>;
}
/** Changing: a term of 换 and a thing is a change unless it is goods' exchange (换颜色). */
const CHANGE: Act = { verb: VERB, heads: ['改', '换'], of: CHANGE_OF };
/** Calling off what was set (预约撤销, 自动扣费取消掉, 包月怎么退订): a subscription's class is its own cancellation. */
const CANCEL: Act = { verb: /(取消|撤销|撤回|撤掉|关掉|关闭|停掉|退订)(?:掉|了|一下|下)?/g, heads: ['取消'], of: { 'member.auto_renew': 'member.auto_renew' } };
/** The longest thing (and new value after 成) a verb is read with. */
const THING = 6;

/**
 * What the act does to the thing at [from, to): a head of the act + its text as a term (not goods'
 * exchange), else its class's act; none where the terms read from the left run into it (门店|地址;
 * not 预约|时间).
 */
function actOn(trie: SpanTrie, text: string, from: number, to: number, act: Act): string | undefined {
  let concept: string | undefined;
  for (const head of act.heads) {
    const both = joinedSpan(trie, head, text, from, to);
    if (both?.kind === 'concept' && !both.concept.startsWith('returns.')) concept ??= both.concept;
  }
  const thing = longestSpan(trie, text, from);
  const span = trie.depth[thing] === to - from ? trie.spans[thing] : undefined;
  concept ??= span?.kind === 'concept' ? act.of[span.concept] : undefined;
  return concept && !crossed(trie, text, from) ? concept : undefined;
}

/** Whether the terms read from the left, a thing's length before `at`, run across it (空调, 地址能改). */
function crossed(trie: SpanTrie, text: string, at: number): boolean {
  for (let i = Math.max(0, at - THING); i < at; ) {
    const node = longestSpan(trie, text, i);
    if (i + trie.depth[node]! > at) return true;
    i += trie.depth[node]! || 1;
  }
  return false;
}

/**
 * The shapes' readings (clause-readings.ts) with the verbs of change beside a setting read as its
 * change, by where they start. `blank` marks question words and fillers (nonzero).
 */
export function withSettingChanges(trie: SpanTrie, text: string, blank: Uint8Array, shapes: Reading[]): Reading[] {
  // One array for both acts, not spread from two: this runs on every text compiled.
  const found: Reading[] = [];
  actsOn(trie, text, blank, shapes, CHANGE, found);
  actsOn(trie, text, blank, shapes, CANCEL, found);
  return found.length === 0 ? shapes : [...shapes, ...found].sort((a, b) => a.from - b.from);
}

/** The readings of one act's verbs beside a thing it is done to, pushed to `found`. */
function actsOn(trie: SpanTrie, text: string, blank: Uint8Array, shapes: Reading[], act: Act, found: Reading[]): void {
  const verbs = act.verb;
  verbs.lastIndex = 0;
  for (let m = verbs.exec(text); m !== null; m = verbs.exec(text)) {
    const verb = m[1]!;
    const at = m.index;
    const end = at + verb.length;
    // A term the verb starts that is more than the verb and its measure (换货, 改天; not 密码|换一个), or one across it (空调, 地址能改), reads it already.
    if (trie.depth[longestSpan(trie, text, at)]! > m[0].length || crossed(trie, text, at)) continue;
    // The thing after the verb or its head (修改入住|日期), longest first.
    const from = at + m[0].length;
    let concept: string | undefined;
    let to = from;
    for (let last = from + THING; last > from + 1 && !concept; last--)
      for (let head = from; head < last - 1 && !concept; head++) concept = actOn(trie, text, head, last, act);
    // The thing before it, past modals and question words; what it is made into after 成 (弄成公司的) fills the change's slot.
    let before = at;
    while (before > 0 && (blank[before - 1] !== 0 || BETWEEN.test(text[before - 1]!))) before--;
    for (let start = Math.max(0, before - THING); start < before - 1 && !concept; start++)
      if ((concept = actOn(trie, text, start, before, act)) && /成$/.test(verb))
        while (to < text.length && to - end < THING && blank[to] === 0 && !markOrSpaceAt(text, to)) to++;
    // 换 of what 改 changes in an order (颜色能换吗, 改颜色) is an exchange of goods.
    if (!concept || (concept === 'orders.modify' && /换/.test(verb)) || shapes.some((r) => r.from < to && at < r.to)) continue;
    found.push({ from: at, to, concept, quiet: to > from });
    verbs.lastIndex = to;
  }
}

/**
 * One act is said alike of whatever a business sets: calling off (不要了, 撤了, 帮我取消) is a
 * shop's order cancelled and a clinic's appointment; a delivery's time set (晚点送, 定时送达) is a
 * shop's and a restaurant's alike; hurrying a delivery (快点送, 帮我催) where no entry hurries anything
 * is answered by how long it takes; money held (押钱) is a clinic's booking deposit where nothing else is
 * held; a new home (搬了新家) is a line to move (not a shop's new address:
 * 搬新家了想买个沙发 buys furniture). Read so
 * only where the business's entries name no class of the customer's own but one it stands for, and
 * the term says the act itself (a class's looser terms do not: 后悔了 of a treatment is no appointment
 * called off, 快点 of a reply no delivery hurried). Not a booking's time moved (改天 also ends a chat:
 * 改天再说), nor any address changed (a bill's) read as a line moved.
 */
const STAND_INS: Readonly<Record<string, readonly [RegExp, ...string[]]>> = {
  'orders.cancel': [/取消|撤|不要|不想要/, 'booking.cancel'],
  'delivery.scheduled': [/./, 'takeaway.scheduled'],
  'takeaway.scheduled': [/./, 'delivery.scheduled'],
  'orders.urge': [/[送催]/, 'delivery.delivery_time'],
  'home.moved': [/./, 'telecom.move_broadband'],
  'home.moving': [/./, 'telecom.move_broadband'],
  // Money held against the stay (押钱, 押金) is the deposit that holds a booking where the business asks no other.
  'payment.security_deposit': [/押/, 'booking.deposit'],
  // A card paused (停一段时间) is a number kept where the business is a carrier.
  'member.card_pause': [/./, 'telecom.suspend'],
};

/**
 * The class a message's term of `concept` (at [from, to) of `text`) reads as where `served` (the
 * business's features) lacks it; the act is looked for in the term and the two units after it
 * (快点|送过来). Sliced only then: it runs on every term of every text, and compiling has no `served`.
 */
export function standIn(served: ReadonlyMap<string, number> | undefined, concept: string, text: string, from: number, to: number): string {
  if (served === undefined) return concept;
  const [act, ...others] = STAND_INS[concept] ?? [];
  if (act === undefined || served.has(conceptKeys(concept).concept) || !act.test(text.slice(from, to + 2))) return concept;
  return others.find((c) => served.has(conceptKeys(c).concept)) ?? concept;
}
