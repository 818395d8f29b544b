import { describe, expect, it } from 'vitest';
describe('unit', () => { it('runs', () => { expect(new Intl.Segmenter('zh', { granularity: 'word' }).segment('价格多少').containing(0)?.segment).toBeTruthy(); }); });
