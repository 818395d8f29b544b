/**
 * `npm run fit`: chooses the decision policy's thresholds on the DEV split (never the test split):
 * a grid over the answer threshold, margin, coverage and the clarification's threshold, keeping the
 * settings that answer the most questions right (a clarification offering the right entry counts
 * half) while at most 2% of in-scope questions get a wrong answer and at least 96% of
 * out-of-scope ones reach the fallback. Prints the best settings; DEFAULT_POLICY carries them.
 */
import { DEFAULT_POLICY, type PolicySettings } from '../src/engine/understanding/policy';
import { split } from './dataset';
import { score } from './score';
import { engine } from './systems';

const items = split('dev');
const grid = {
  answerAt: [0.15, 0.2, 0.3],
  margin: [0.03, 0.06, 0.1],
  coverage: [0.6, 0.65, 0.7, 0.75],
  clarifyAt: [0.2, 0.3, 0.4],
};
let best: { value: number; settings: Partial<PolicySettings>; summary: string } | undefined;
const keys = Object.keys(grid) as (keyof typeof grid)[];
const combos = keys.reduce<Partial<PolicySettings>[]>((acc, k) => acc.flatMap((c) => grid[k].map((v) => ({ ...c, [k]: v }))), [{}]);
for (const settings of combos) {
  const r = score(engine({ policy: settings }), items);
  if (r.wrong.rate > 0.02 || r.oosFallback.rate < 0.96) continue;
  const value = r.correct.k + 0.5 * r.clarifiedRight.k;
  if (!best || value > best.value) {
    best = { value, settings, summary: `correct ${r.correct.k}/${r.correct.n}, wrong ${r.wrong.k}, clarified right ${r.clarifiedRight.k}, out of scope to fallback ${r.oosFallback.k}/${r.oosFallback.n}` };
  }
}
const current = score(engine(), items);
console.log(`current DEFAULT_POLICY ${JSON.stringify(DEFAULT_POLICY)}: correct ${current.correct.k}, wrong ${current.wrong.k}, clarified right ${current.clarifiedRight.k}, out of scope to fallback ${current.oosFallback.k}/${current.oosFallback.n}`);
console.log(best ? `best on dev: ${JSON.stringify(best.settings)}: ${best.summary}` : 'no setting meets the bounds on dev');
