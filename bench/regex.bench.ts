/**
 * Operator regexes on the linear-time engine (src/rules/operator-regex.ts): what the worst
 * accepted shapes cost on the longest text a pattern sees (target: a few ms), what ordinary
 * patterns cost on an ordinary message against ECMAScript's RegExp (the price of linearity), what
 * compiling costs (config validation), and ECMAScript's RegExp on the polynomial pattern that
 * stalled the bot, at text lengths it can still finish. Node wall time of a synchronous call is its
 * CPU time.
 */
import { compileOperatorRegex, MAX_LOOKBEHIND_REGEX_SIZE, MAX_REGEX_SIZE, REGEX_TEXT_LIMIT, type OperatorRegex } from '../src/rules/operator-regex';
import { validateConfig } from '../src/rules/config-validate';
import { summarise } from './synthetic';

const TARGET_WORST_MS = 5;

function compiled(pattern: string, flags = 'i'): OperatorRegex {
  const c = compileOperatorRegex(pattern, flags);
  if (!c.ok) throw new Error(`${pattern}: ${c.reason}`);
  return c.regex;
}

/** The largest k for which shape(k) is accepted. */
function largest(shape: (k: number) => string): string {
  let best = shape(1);
  for (let k = 2; compileOperatorRegex(shape(k), 'i').ok; k++) best = shape(k);
  return best;
}

const time = (f: () => void): number => {
  const start = performance.now();
  f();
  return performance.now() - start;
};

export default async function run(): Promise<void> {
  const texts = ['a'.repeat(REGEX_TEXT_LIMIT), 'ab'.repeat(REGEX_TEXT_LIMIT / 2), '1'.repeat(REGEX_TEXT_LIMIT), 'ab cd '.repeat(342).slice(0, REGEX_TEXT_LIMIT), '汉'.repeat(REGEX_TEXT_LIMIT)];
  // Shapes that defeat re2js's DFA (state blow-up, lookbehinds force its NFA) at the size cap.
  const worst = [
    largest((k) => `[ab]*a[ab]{${k}}`),
    largest((k) => `(?<=a)[ab]*a[ab]{${k}}`),
    largest((k) => `(?<=a+)(?:\\w|\\d|\\s){0,${k}}q`),
    largest((k) => `(?:a|\\w){1,${k}}$`),
    largest((k) => `\\b(?:\\w+\\b\\s*){0,${k}}z`),
    '(a+)+$',
    '订单.*\\d+.*\\d+.*\\d+号',
  ];
  console.log(`worst accepted shapes (at most ${MAX_REGEX_SIZE} instructions, ${MAX_LOOKBEHIND_REGEX_SIZE} with a lookbehind) on ${REGEX_TEXT_LIMIT}-unit texts, warm, test + match, the worst of ${texts.length} texts:`);
  let overall = 0;
  for (const pattern of worst) {
    const re = compiled(pattern);
    for (let w = 0; w < 10; w++) for (const t of texts) (re.test(t + w), re.match(t + w));
    // Per text the median of 7 runs (one run can land on a garbage collection), then the worst text.
    let max = 0;
    for (const t of texts) {
      const runs = Array.from({ length: 7 }, (_, r) => time(() => re.test(`${t}${r}`)) + time(() => re.match(`${t}${r}`)));
      max = Math.max(max, summarise(runs).median);
    }
    overall = Math.max(overall, max);
    console.log(`  ${pattern.padEnd(40)} size ${String(re.size).padStart(3)}  ${max.toFixed(2)} ms`);
  }
  console.log(`  worst: ${overall.toFixed(2)} ms (target ≤ ${TARGET_WORST_MS} ms) ${overall <= TARGET_WORST_MS ? 'met' : 'NOT met'}`);

  const ordinary = ['订单(号)?[:：]?\\s*\\d{8,20}', '退(货|款)', '(什么时候|何时)发货', '1[3-9]\\d{9}', '\\b(refund|return)\\b'];
  const message = '你好，我上周买的小米手机想退货，订单号 202606011234，什么时候能退款？我的手机 13812345678。';
  const engines = ordinary.map((p) => ({ ours: compiled(p), native: new RegExp(p, 'i') }));
  const ours: number[] = [];
  const native: number[] = [];
  for (let r = 0; r < 2000; r++) {
    ours.push(time(() => engines.forEach((e) => e.ours.test(message))));
    native.push(time(() => engines.forEach((e) => e.native.test(message))));
  }
  const o = summarise(ours).median * 1000;
  const n = summarise(native).median * 1000;
  console.log(`${ordinary.length} ordinary patterns on a ${message.length}-character message: ${o.toFixed(1)} µs (ECMAScript RegExp: ${n.toFixed(2)} µs, ${(o / n).toFixed(1)}× the cost)`);

  const compile: number[] = [];
  for (let r = 0; r < 200; r++) compile.push(time(() => compiled(ordinary[r % ordinary.length]!)));
  console.log(`compiling (parse, translate, re2js, literals): ${(summarise(compile).median * 1000).toFixed(0)} µs median per pattern`);

  // The slowest document validation the budget allows: 500-character patterns up to the character budget.
  const rule = (i: number) => ({ rule_name: `r${i}`, trigger_type: 'message_regex', pattern: Array.from({ length: 166 }, (_, k) => `a${(k + i) % 10}`).join('|').slice(0, 497), action: 'add_tag', tag_name: 't' });
  const worstDocument = { tag_rules: Array.from({ length: 400 }, (_, i) => rule(i)) };
  const validations = Array.from({ length: 5 }, () => time(() => validateConfig(worstDocument)));
  console.log(`validating 400 regex rules of ~500 characters (refused at the document's regex budget): ${summarise(validations).median.toFixed(0)} ms median, ${validations[0]!.toFixed(0)} ms the first time`);

  const polynomial = new RegExp('订单.*\\d+.*\\d+.*\\d+号', 'i');
  const ours40 = compiled('订单.*\\d+.*\\d+.*\\d+号');
  for (const digits of [20, 30, 40]) {
    const text = '订单' + '1'.repeat(digits);
    console.log(`订单 + ${digits} digits: ECMAScript RegExp ${time(() => polynomial.test(text)).toFixed(1)} ms, linear engine ${time(() => ours40.test(text)).toFixed(3)} ms`);
  }
}
