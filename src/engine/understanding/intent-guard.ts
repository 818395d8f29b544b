/**
 * The guard on intents: a keyword (or a pattern's match) inside an unrelated question must not
 * capture it. 价格保护怎么申请 holds the keyword 价格 of a "price" intent but asks about price
 * protection: the matched text explains 价格 and nothing else, so the intent does not take it.
 * The message's informative words are checked as the near-miss veto checks a knowledge entry's.
 */
import { analyze } from './analyze';
import type { Understanding } from './index';
import { topicOf } from './lexicon';

export function intentCaptures(u: Understanding, text: string, matched: string): boolean {
  const { lexicon, options } = u.index;
  const message = analyze(text, lexicon, options);
  const key = analyze(matched, lexicon, { ...options, pinyin: false });
  const topics = new Set([...key.concepts].map(topicOf));
  let explained = 0;
  let unexplained = 0;
  for (const unit of message.units) {
    if (unit.narrative) continue;
    // A lexicon term is covered by its topic only (退货运费 is about returns like 退货; 价格保护 is
    // not about the price); a plain word by the matched text.
    const covered = unit.concept !== undefined ? topics.has(topicOf(unit.concept)) || key.text === unit.text : key.text.includes(unit.text);
    if (covered) explained += unit.weight;
    else unexplained += unit.weight;
  }
  // A message with nothing informative beyond the keyword (退款!) is the intent's.
  return explained >= unexplained;
}
