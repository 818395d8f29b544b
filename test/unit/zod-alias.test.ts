import * as zod from 'zod';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as bundled from '../../src/runtime/zod';

/** What src/runtime/zod leaves out of each namespace (its index.ts says why). */
const COMPILE = ['compile', 'withParser', 'INVALID', 'ZodCompileAsyncError', 'ZodCompileUnsupportedError'];
const LEFT_OUT = { z: ['locales', 'fromJSONSchema', ...COMPILE], core: ['locales', 'compileFn', ...COMPILE] };

/** The Worker's bundle takes `zod` from src/runtime/zod (wrangler.toml [alias]): it must be zod, less what it leaves out. */
describe('the bundle’s zod', () => {
  const names = (o: object, drop: readonly string[]) => Object.keys(o).filter((k) => !drop.includes(k)).sort();

  it('exports every name zod exports but those it leaves out, as the same values', () => {
    expect(names(bundled, LEFT_OUT.z)).toEqual(names(zod, LEFT_OUT.z));
    for (const k of LEFT_OUT.z) {
      expect(k in zod, k).toBe(true);
      expect(k in bundled, k).toBe(false);
    }
    for (const k of names(bundled, ['z'])) if (k !== 'core' && k !== 'default') expect(bundled[k as keyof typeof bundled], k).toBe(zod[k as keyof typeof zod]);
  });

  it('its core namespace is zod’s core less what it leaves out, and schemas built with it are zod schemas', () => {
    expect(names(bundled.z.core, LEFT_OUT.core)).toEqual(names(zod.z.core, LEFT_OUT.core));
    for (const k of LEFT_OUT.core) expect(k in bundled.z.core, k).toBe(false);
    const schema = bundled.z.object({ n: bundled.z.number().int() });
    expect(schema).toBeInstanceOf(zod.z.ZodObject);
    expect(schema.safeParse({ n: 1.5 }).error?.issues[0]?.message).toBe(zod.z.object({ n: zod.z.number().int() }).safeParse({ n: 1.5 }).error?.issues[0]?.message);
  });

  it('no source of the Worker uses a name it leaves out (the types, from zod itself, would not say so)', () => {
    const root = resolve(import.meta.dirname, '../../src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('runtime/zod') && !f.startsWith('console/'));
    const left = [...new Set([...LEFT_OUT.z, ...LEFT_OUT.core])].join('|');
    const uses = new RegExp(`\\b(?:z|zod|core)\\.(?:${left})\\b|\\bimport\\s*\\{[^}]*\\b(?:${left})\\b[^}]*\\}\\s*from\\s*'zod`);
    const found = files.filter((f) => uses.test(readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
