import * as zod from 'zod';
import { describe, expect, it } from 'vitest';
import * as bundled from '../../src/runtime/zod';

/** The Worker's bundle takes `zod` from src/runtime/zod (wrangler.toml [alias]): it must be zod, less its locales. */
describe('the bundle’s zod', () => {
  const names = (o: object, drop: string) => Object.keys(o).filter((k) => k !== drop).sort();

  it('exports every name zod exports but `locales`, as the same values', () => {
    expect(names(bundled, 'locales')).toEqual(names(zod, 'locales'));
    expect('locales' in bundled).toBe(false);
    for (const k of names(bundled, 'z')) if (k !== 'core' && k !== 'default') expect(bundled[k as keyof typeof bundled], k).toBe(zod[k as keyof typeof zod]);
  });

  it('its core namespace is zod’s core less `locales`, and schemas built with it are zod schemas', () => {
    expect(names(bundled.z.core, 'locales')).toEqual(names(zod.z.core, 'locales'));
    const schema = bundled.z.object({ n: bundled.z.number().int() });
    expect(schema).toBeInstanceOf(zod.z.ZodObject);
    expect(schema.safeParse({ n: 1.5 }).error?.issues[0]?.message).toBe(zod.z.object({ n: zod.z.number().int() }).safeParse({ n: 1.5 }).error?.issues[0]?.message);
  });
});
