import { compileUnderstanding, understandMessage } from './src/engine/understanding/index';
import { search } from './src/engine/understanding/retrieve';
import { coverage } from './src/engine/understanding/policy';
import { knowledgeBase } from './eval/dataset';
const [b, ...texts] = process.argv.slice(2);
const u = compileUnderstanding(knowledgeBase(b as any));
for (const text of texts) {
const d = understandMessage(u, text) as any; console.log(text, d.zone, d.entry?.id, JSON.stringify(d.reasons ?? '').slice(0, 300));
const { analysis, candidates } = search(u.index, text, 4);
console.log(analysis.units.map((x: any) => `${x.text}${x.concept ? '[' + x.concept + ']' : ''}:${x.weight}${x.narrative ? 'n' : ''}`).join(' '));
for (const c of candidates) console.log(' ', c.entry.id, c.score.toFixed(3), coverage(c).toFixed(2), c.unexplained.map((x: any) => x.text).join(','));
}
