import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, hash32, isShadow, variantFor, versionFor, type ReleaseSplit } from '../../src/rules/release';

const release = (over: Partial<ReleaseSplit> = {}): ReleaseSplit => ({
  stable: 1,
  candidate: 2,
  stage: 'percent',
  percent: 10,
  internal: { ids: [], tags: [] },
  salt: 'salt-2',
  ...over,
});
const customer = (id: string, tags: string[] = []) => ({ external_userid: id, tags });
const ids = (n: number, prefix = 'wmUser') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('bucketOf', () => {
  it('is stable: the same salt and id always give the same bucket', () => {
    expect(bucketOf('s', 'wm001')).toBe(bucketOf('s', 'wm001'));
    // Pinned values: a change of hash would silently move customers across a running split.
    expect(hash32('')).toBe(2872998923); // fmix32 of the FNV-1a offset basis
    expect([bucketOf('salt-2', 'wmUser0'), bucketOf('salt-2', 'wmUser1'), bucketOf('other', 'wmUser0')]).toEqual([4706, 6357, 6273]);
  });

  it('stays within 0..9999', () => {
    for (const id of ids(5000)) {
      const b = bucketOf('x', id);
      expect(Number.isInteger(b) && b >= 0 && b < BUCKETS).toBe(true);
    }
  });

  it('spreads 100,000 ids uniformly over 100 buckets (chi-square, p = 0.001)', () => {
    for (const [salt, prefix] of [['salt-a', 'wmUser'], ['salt-b', 'wmq8Y2'], ['', '']]) {
      const counts = new Array<number>(100).fill(0);
      for (const id of ids(100_000, prefix)) counts[Math.floor(bucketOf(salt!, id) / 100)]!++;
      const expected = 1000;
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // 99 degrees of freedom: the 0.999 quantile is 148.23.
      expect(chi2).toBeLessThan(148.23);
    }
  });

  it('a new salt reshuffles the order (another release, other customers first)', () => {
    const a = ids(1000).map((id) => bucketOf('r1', id) < 1000);
    const b = ids(1000).map((id) => bucketOf('r2', id) < 1000);
    const both = a.filter((x, i) => x && b[i]).length;
    expect(both).toBeLessThan(30); // independent 10% splits overlap on ~1%
  });
});

describe('variantFor', () => {
  it('puts about percent% on the candidate and is stable per customer', () => {
    const r = release({ percent: 10 });
    const first = ids(20_000).map((id) => variantFor(r, customer(id)));
    const share = first.filter((v) => v === 'candidate').length / first.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
    expect(ids(20_000).map((id) => variantFor(r, customer(id)))).toEqual(first);
  });

  it('is monotonic: raising the percent only moves customers onto the candidate', () => {
    const population = ids(10_000);
    let previous = population.map(() => 'stable');
    for (const percent of [0, 0.5, 1, 5, 10, 25, 50, 99.99, 100]) {
      const now = population.map((id) => variantFor(release({ percent }), customer(id)));
      previous.forEach((v, i) => {
        if (v === 'candidate') expect(now[i]).toBe('candidate');
      });
      previous = now;
    }
    expect(previous.every((v) => v === 'candidate')).toBe(true);
    expect(population.every((id) => variantFor(release({ percent: 0 }), customer(id)) === 'stable')).toBe(true);
  });

  it('internal stage: listed ids and tagged customers only', () => {
    const r = release({ stage: 'internal', internal: { ids: ['wmStaff1'], tags: ['内部员工'] } });
    expect(variantFor(r, customer('wmStaff1'))).toBe('candidate');
    expect(variantFor(r, customer('wmX', ['VIP', '内部员工']))).toBe('candidate');
    expect(variantFor(r, customer('wmX', ['VIP']))).toBe('stable');
    expect(ids(2000).some((id) => variantFor(r, customer(id)) === 'candidate')).toBe(false);
  });

  it('percent stage keeps internal members on the candidate', () => {
    const r = release({ percent: 0, internal: { ids: ['wmStaff1'], tags: ['内部员工'] } });
    expect(variantFor(r, customer('wmStaff1'))).toBe('candidate');
    expect(variantFor(r, customer('wmY', ['内部员工']))).toBe('candidate');
    expect(variantFor(r, customer('wmY'))).toBe('stable');
  });

  it('full, none, shadow and no candidate', () => {
    expect(variantFor(release({ stage: 'full' }), customer('a'))).toBe('candidate');
    expect(variantFor(release({ stage: 'none' }), customer('a'))).toBe('stable');
    expect(variantFor(release({ stage: 'shadow' }), customer('a'))).toBe('stable');
    expect(variantFor(release({ stage: 'full', candidate: null }), customer('a'))).toBe('stable');
    expect(isShadow(release({ stage: 'shadow' }))).toBe(true);
    expect(isShadow(release({ stage: 'shadow', candidate: null }))).toBe(false);
    expect(isShadow(release({ stage: 'percent' }))).toBe(false);
  });

  it('versionFor answers the deciding version', () => {
    expect(versionFor(release({ stage: 'full' }), customer('a'))).toBe(2);
    expect(versionFor(release({ stage: 'none' }), customer('a'))).toBe(1);
  });
});
