import { describe, expect, it } from 'vitest';
import { buildLexicon, compileLexicon, type LexiconExtension, type Lexicon } from '../../src/engine/understanding/lexicon';
import { childOf } from '../../src/engine/understanding/span-trie';

/** Everything a lexicon holds, order aside (the trie by what each span's text finds in it, and how many spans it has). */
function contents(l: Lexicon) {
  const sorted = <V>(entries: Iterable<[string, V]>) => [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const found = (k: string) => {
    let node = l.spanTrie.first[k.charCodeAt(0)]!;
    for (let j = 1; j < k.length && node !== 0; j++) node = childOf(l.spanTrie, node, k.charCodeAt(j));
    return l.spanTrie.spans[node];
  };
  return {
    spans: sorted(l.spans),
    trie: sorted([...l.spans.keys()].filter((k) => k.length > 0).map((k) => [k, found(k)] as [string, unknown])),
    trieSpans: l.spanTrie.spans.filter((s) => s !== undefined).length,
    english: sorted(l.english),
    longestEnglish: l.longestEnglish,
    englishWords: [...l.englishWords].sort(),
    families: sorted(l.families),
    above: sorted(l.above),
    words: [...l.own.words].sort(),
    sounds: sorted(l.own.sounds),
    exactSounds: sorted(l.own.exactSounds),
    builtinWords: l.builtinWords,
  };
}

describe('an operator’s classes over the built-in lexicon', () => {
  const cases: Record<string, LexiconExtension[]> = {
    'new terms, longer ones through built-in terms, English, a filler taken': [
      { concept: 'brand.mi', terms: ['小米', '小米手机', 'Redmi Note', 'MIUI', '快递单号查询', '哈', '嗯嗯'] },
      { concept: 'delivery.tracking', terms: ['查件儿', 'sf'] },
    ],
    'built-in terms taken, the first class keeping a term two name, traditional and full-width forms': [
      { concept: 'orders.mine', terms: ['订单', '單子', 'ＶＩＰ会员', '快递'] },
      { concept: 'x.second', terms: ['订单', '七天无理由退货啊', 'vip会员'] },
    ],
    // More code units than the built-in trie's table was sized for: it is laid out again.
    'enough terms to outgrow the table': [{ concept: 'x.many', terms: Array.from({ length: 20000 }, (_, i) => `品${String.fromCharCode(0x4e00 + (i % 500), 0x5e00 + Math.floor(i / 500))}`) }],
  };
  for (const [name, extensions] of Object.entries(cases)) {
    it(`are what building the whole lexicon with them first gives: ${name}`, () => {
      expect(contents(compileLexicon(extensions))).toEqual(contents(buildLexicon(extensions, {})));
    });
  }

  it('leave the built-in lexicon of other versions as it was', () => {
    const before = contents(compileLexicon());
    compileLexicon([{ concept: 'orders.mine', terms: ['订单', '小米'] }]);
    expect(contents(compileLexicon())).toEqual(before);
  });
});
