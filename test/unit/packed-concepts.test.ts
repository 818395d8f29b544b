import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as concepts from '../../src/engine/understanding/lexicon/concepts';
import { GOODS } from '../../src/engine/understanding/lexicon/concepts/goods';
import { packConcepts, unpackConcepts } from '../../src/engine/understanding/lexicon/packed-classes';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the concept lexicon packed for the Worker', () => {
  it('reads back every class, term, kind and topic head of the sources, in order', () => {
    const unpacked = unpackConcepts(packConcepts(concepts));
    expect(unpacked.CONCEPTS).toEqual(concepts.CONCEPTS);
    expect(Object.entries(unpacked.BROADER)).toEqual(Object.entries(concepts.BROADER));
    expect([...unpacked.TOPIC_HEADS]).toEqual([...concepts.TOPIC_HEADS]);
  });

  it('holds printable ASCII only besides the characters once each, so the bundler escapes no term', () => {
    const packed = packConcepts(concepts);
    for (const [id, terms] of packed.classes) expect(terms, id).toMatch(/^[\x23-\x7e]*$/);
    expect(packed.rarer).toMatch(/^[\x23-\x7e]*$/);
    expect(packed.units.length).toBe(44);
    expect(new Set(packed.units).size).toBe(packed.units.length);
  });

  it('keeps any term: Latin letters, digits, a character outside the Basic Multilingual Plane, a class of none', () => {
    const classes = [{ id: 'x.odd', terms: ['vip会员', '24小时', '𠮷野家', 'ab'] }, { id: 'x.none', terms: [] }, ...GOODS];
    const unpacked = unpackConcepts(packConcepts({ ...concepts, CONCEPTS: classes }));
    expect(unpacked.CONCEPTS).toEqual(classes);
  });

  it('refuses a last class named as a kind of goods whose id its names would not make', () => {
    const classes = [...concepts.CONCEPTS.slice(0, -1), { id: 'goods.custom', terms: ['杯子'] }];
    expect(() => packConcepts({ ...concepts, CONCEPTS: classes })).toThrow(/kind of goods/);
  });

  it('is what wrangler gives the Worker for #concepts, while Node reads the sources', () => {
    expect(read('wrangler.toml')).toContain('"#concepts" = "./build/lexicon/concepts.ts"');
    expect(read('wrangler.toml')).toContain('command = "npx tsx scripts/pack-lexicon.ts"');
    expect(read('scripts/pack-lexicon.ts')).toContain("'../build/lexicon/concepts.ts'");
    expect((JSON.parse(read('package.json')) as { imports: Record<string, string> }).imports['#concepts']).toBe('./src/engine/understanding/lexicon/concepts/index.ts');
  });
});
