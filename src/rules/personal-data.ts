import type { SensitiveMatcher } from './sensitive';

/**
 * Personal data in customers' words, masked at two strengths (PIPL: the least a reader needs):
 * - what a `viewer` token sees of timelines (`maskTimeline`): mainland mobile numbers
 *   (138****5678), resident ID numbers (110101********123X), e-mail addresses (z***@example.com)
 *   and the house-number part of addresses (人民路*** , 阳光小区***) masked, and a message the
 *   sensitive-word check intercepted replaced by INTERCEPTED; operators and admins see timelines
 *   as stored;
 * - what is kept for review outside the conversation (the questions the bot was unsure of,
 *   offered as suggestions: `maskCustomerText`): sensitive words as the violations log masks them
 *   (违*词), every run of digits long enough to be a phone, ID card, bank card or order number,
 *   e-mail addresses whole, and house numbers. Short numbers (7天, 2件, 500元) carry the question's
 *   meaning and stay.
 */

const MOBILE = /(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])/g;
const RESIDENT_ID = /(?<![0-9A-Za-z])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/g;
/** ASCII local part and domain: `\\p{L}` would swallow the Chinese words written before an address. */
const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
/** A road, lane, estate or building word followed by numbers, building, unit and room. */
const ADDRESS_DETAIL = /(路|街|大道|巷|弄|胡同|小区|大厦|花园|公寓|家园|村)\s*[0-9０-９一二三四五六七八九十百零〇甲乙丙丁#＃\-－]+[0-9０-９一二三四五六七八九十百零〇甲乙丙丁#＃\-－号栋幢座单元室楼层户]*/g;

export const INTERCEPTED = '（已拦截）';

export function maskPersonalData(text: string): string {
  return text
    .replace(RESIDENT_ID, '$1********$2')
    .replace(MOBILE, '$1****$2')
    .replace(EMAIL, '$1***@$2')
    .replace(ADDRESS_DETAIL, '$1***');
}

/** A run of at least this many digits is an identifier (a mobile has 11, an ID card 18, a landline without area code 7-8). */
export const IDENTIFIER_DIGITS = 6;
/**
 * Digits (also full-width) with single spaces or hyphens between groups (138 1234 5678,
 * 138-1234-5678), an optional leading + (country code) and a trailing X (ID cards).
 */
const NUMBER = /\+?\p{Nd}(?:[ \-]?\p{Nd})*(?:[xX](?![A-Za-z]))?/gu;
const DIGIT = /\p{Nd}/gu;
const SEPARATORS = /[+ \-]/g;

/** E-mail addresses and long digit runs masked whole; everything else as it was. */
export function maskIdentifiers(text: string): string {
  return text.replace(EMAIL, '***@***').replace(NUMBER, (run) => {
    const digits = run.match(DIGIT)?.length ?? 0;
    // One star per digit (and ID-card X): the kind of number still shows, never its value.
    return digits >= IDENTIFIER_DIGITS ? '*'.repeat(run.replace(SEPARATORS, '').length) : run;
  });
}

/** A customer's text as it may be kept for review: sensitive words, identifiers, then house numbers, masked. */
export function maskCustomerText(text: string, sensitive: SensitiveMatcher): string {
  return maskIdentifiers(sensitive.scan(text).masked).replace(ADDRESS_DETAIL, '$1***');
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Keys whose strings are identifiers, not words: left as they are. */
const ID_KEYS = new Set(['msgid', 'type', 'msgtype', 'menu_id', 'by', 'purpose', 'trigger', 'from', 'to', 'servicer', 'group', 'variant', 'direction', 'action', 'source', 'status']);

function maskDeep(value: Json, key?: string): Json {
  if (typeof value === 'string') return key !== undefined && ID_KEYS.has(key) ? value : maskPersonalData(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, k)]));
  return value;
}

/** A timeline as a viewer sees it: texts masked, intercepted inbound messages replaced. */
export function maskTimeline<E extends { type: string }>(events: readonly E[]): E[] {
  const intercepted = new Set(events.flatMap((e) => (e.type === 'violation' && (e as Record<string, unknown>)['direction'] === 'inbound' ? [(e as Record<string, unknown>)['msgid']] : [])));
  return events.map((e) => {
    const masked = maskDeep(e as unknown as Json) as unknown as E & Record<string, unknown>;
    return e.type === 'message_in' && intercepted.has(masked['msgid']) ? { ...masked, text: INTERCEPTED } : masked;
  });
}
