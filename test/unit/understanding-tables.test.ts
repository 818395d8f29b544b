import { expect, it } from 'vitest';
import { PINYIN_GROUPS } from '../../src/engine/understanding/tables/pinyin';
import { T2S_PAIRS } from '../../src/rules/tables/t2s';
import { buildPinyinTable, buildT2sTable } from '../../scripts/understanding-tables';

// The committed tables are what the installed opencc-js and pinyin-pro give: `npm run gen:tables` after an upgrade.
it('the character tables are derived from the libraries, unchanged', () => {
  expect(T2S_PAIRS).toBe(buildT2sTable());
  expect(PINYIN_GROUPS).toBe(buildPinyinTable());
});
