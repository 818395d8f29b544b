import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/rules/config-validate';
import example from '../fixtures/config.example.json';
import { fuzzParameters } from '../support/fuzz';

/**
 * Property-based fuzzing of the config validator, the gate of everything an operator (or a
 * leaked operator token) can store: any JSON gets a verdict, never an exception, and every
 * refusal points at a path; what it accepts, it accepts again unchanged.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('__proto__', 'constructor', '(a+)+$', '订单(?=\\d)', 'ＶＩＰ', 'V\u200bIP', '\u202e', '\ud800', '', ' ', 'x'.repeat(600), '99:99', 'China/Beijing', '2026-02-30'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** Replaces the value at a random path of `doc` (objects and arrays walked by index). */
function mutate(doc: Json, choices: number[], value: Json): Json {
  if (choices.length === 0 || doc === null || typeof doc !== 'object') return value;
  const [pick, ...rest] = choices as [number, ...number[]];
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [value];
    const i = pick % doc.length;
    return doc.map((item, j) => (j === i ? mutate(item, rest, value) : item));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return { [String(value)]: value };
  const key = keys[pick % keys.length]!;
  return { ...doc, [key]: mutate(doc[key]!, rest, value) };
}

const mutated = fc
  .array(fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), nasty), { minLength: 1, maxLength: 4 })
  .map((edits) => edits.reduce<Json>((doc, [path, value]) => mutate(doc, path, value as Json), example as unknown as Json));

describe('fuzz: the config validator', () => {
  it('gives any JSON a verdict without throwing; every issue has a path and a message', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.jsonValue()), (doc) => {
        const verdict = validateConfig(doc);
        if (!verdict.ok) {
          expect(verdict.issues.length).toBeGreaterThan(0);
          for (const issue of verdict.issues) {
            expect(Array.isArray(issue.path)).toBe(true);
            expect(typeof issue.message).toBe('string');
          }
        }
      }),
      fuzzParameters(300),
    );
  });

  it('accepts what it accepted again, to the same config (normalising is idempotent)', () => {
    fc.assert(
      fc.property(mutated, (doc) => {
        const first = validateConfig(doc);
        if (!first.ok) return;
        const again = validateConfig(first.config);
        expect(again.ok && again.config).toEqual(first.config);
      }),
      fuzzParameters(200),
    );
  });
});
