import { z } from 'zod';

/**
 * Names people type that the system keys on (tag names, rule and group names): one spelling per
 * name and nothing invisible. NFKC makes full-width ＶＩＰ the tag VIP; control, format
 * (zero-width, bidi overrides such as U+202E), line and paragraph separators and unpaired
 * surrogates are refused, so two tags that look the same are the same tag and no name can
 * reorder or hide text in the dashboard.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

export const identifier = (max: number) =>
  z
    .string()
    .refine((s) => !INVISIBLE.test(s), { error: 'must not contain control, zero-width, bidi or unpaired surrogate characters' })
    .normalize('NFKC')
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Tag names, everywhere a tag is named (rules, channels' auto tags, routing, the admin API). */
export const TagNameSchema = identifier(64);
/** Rule, group, channel and link names. */
export const NameSchema = identifier(128);

/** Keys that would reach an object's prototype machinery: refused, never silently dropped. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** z.record that refuses `__proto__`, `constructor` and `prototype` as keys with a 400-worthy issue. */
export function safeRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V) {
  return z.preprocess((input, ctx) => {
    if (input !== null && typeof input === 'object') {
      for (const reserved of RESERVED_KEYS) {
        if (Object.hasOwn(input, reserved)) ctx.issues.push({ code: 'custom', message: `"${reserved}" is not allowed as a key`, path: [reserved], input });
      }
    }
    return input;
  }, z.record(key, value));
}
