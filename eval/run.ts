/**
 * `npm run eval [-- --split dev|test|holdout|probe|probe-<name>] [--failures]`: the understanding engine on the labelled set,
 * beside a naive baseline and the engine as it was, plus one ablation per component, all scored
 * in the same run. Tune on dev, check on holdout in aggregate; the README reports the test split.
 */
import { BLIND_SPLITS, SPLITS, split, type Split } from './dataset';
import { score, type Report, type Share } from './score';
import { ABLATIONS, engine, legacy, naive } from './systems';

const args = process.argv.slice(2);
const which = args.includes('--split') ? args[args.indexOf('--split') + 1]! : 'test';
if (!SPLITS.includes(which as Split) && !/^probe-[a-z0-9-]+$/.test(which)) throw new Error(`--split must be one of ${SPLITS.join(', ')} or probe-<name>`);
// The blind splits are scored, never read: their questions stay out of sight of whoever tunes the engine.
if (BLIND_SPLITS.includes(which as Split) && args.includes('--failures')) throw new Error('--failures lists dev questions only: pass --split dev');
const items = split(which);
const pct = (s: Share) => `${(s.rate * 100).toFixed(1)}% [${(s.low * 100).toFixed(1)}–${(s.high * 100).toFixed(1)}]`;
const row = (name: string, r: Report) =>
  `| ${name} | ${pct(r.correct)} | ${pct(r.wrong)} | ${pct(r.clarifiedRight)} | ${pct(r.clarifiedWrong)} | ${pct(r.fallback)} | ${pct(r.oosFallback)} |`;

const inScope = items.filter((i) => i.expected !== 'none').length;
console.log(`split ${which}: ${inScope} in-scope, ${items.length - inScope} out-of-scope questions (Wilson 95% intervals)\n`);
console.log('| system | correct | wrong | clarified, right entry offered | clarified, without it | fallback | out of scope → fallback |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const main = score(engine(), items);
console.log(row('naive bigram overlap', score(naive, items)));
console.log(row('engine before this work', score(legacy, items)));
console.log(row('**engine**', main));
for (const [name, options] of Object.entries(ABLATIONS)) console.log(row(`engine, ${name}`, score(engine(options), items)));
console.log('\ncorrect by class:', Object.entries(main.byClass).map(([c, v]) => `${c} ${v.correct}/${v.n}`).join(', '));
if (args.includes('--failures')) console.log(`\n${main.failures.join('\n')}`);
