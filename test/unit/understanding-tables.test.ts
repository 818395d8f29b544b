import { expect, it } from 'vitest';
import { soundsOf, SYLLABLES } from '../../src/engine/understanding/pinyin';
import { PINYIN_PACKED, PINYIN_SYLLABLES } from '../../src/engine/understanding/tables/pinyin';
import { packNumbers, unpackNumbers, unzigzag, zigzag } from '../../src/rules/tables/packed';
import { T2S_PACKED } from '../../src/rules/tables/t2s';
import { simplifyUnit } from '../../src/rules/simplify';
import { buildPinyinTable, buildT2sTable, packPinyin, packT2s } from '../../scripts/understanding-tables';

// The committed tables are what the installed opencc-js and pinyin-pro give: `npm run gen:tables` after an upgrade.
it('the character tables are derived from the libraries, unchanged', () => {
  expect(T2S_PACKED).toBe(packT2s(buildT2sTable()));
  expect({ syllables: PINYIN_SYLLABLES, packed: PINYIN_PACKED }).toEqual(packPinyin(buildPinyinTable()));
});

it('the runtime reads every pair and every reading back from the packed tables', () => {
  const pairs = buildT2sTable();
  for (let i = 0; i < pairs.length; i += 2) expect(simplifyUnit(pairs.charCodeAt(i)), pairs[i]).toBe(pairs.charCodeAt(i + 1));
  // No other unit has a simplified form, nor a reading.
  let changed = 0;
  for (let unit = 0; unit < 0x10000; unit++) if (simplifyUnit(unit) !== unit) changed++;
  expect(changed).toBe(pairs.length / 2);
  const groups = buildPinyinTable().split('|');
  expect([...SYLLABLES]).toEqual(groups.map((g) => g.slice(0, g.indexOf(':'))));
  for (const group of groups) {
    const [syllable, chars] = group.split(':') as [string, string];
    for (const ch of chars) expect(soundsOf(ch)?.exact, ch).toBe(syllable);
  }
  let read = 0;
  for (let unit = 0; unit < 0x10000; unit++) if (soundsOf(String.fromCharCode(unit)) !== undefined) read++;
  expect(read).toBe(groups.reduce((n, g) => n + g.length - g.indexOf(':') - 1, 0));
});

it('packed numbers come back as they went in, and only whole ones pack', () => {
  const numbers = [0, 1, 44, 45, 46, 2024, 45 ** 3, 40_959, 65_535, 123_456_789];
  const packed = packNumbers(numbers);
  expect(packed).toMatch(/^[\x23-\x5b\x5d-\x7e]*$/);
  expect(unpackNumbers(packed)).toEqual(numbers);
  expect([-3, -1, 0, 2, 7].map(zigzag).map(unzigzag)).toEqual([-3, -1, 0, 2, 7]);
  expect(() => packNumbers([-1])).toThrow(RangeError);
  expect(() => packNumbers([1.5])).toThrow(RangeError);
});
