import type { SensitiveMatcher } from './sensitive';

/**
 * Masking a customer's text before operators see it outside the conversation (the questions the
 * bot was unsure of, offered as suggestions): sensitive words as the violations log masks them
 * (违*词), then what identifies a person or an order: e-mail addresses and runs of digits long
 * enough to be a phone, ID card, bank card or order number. Short numbers (7天, 2件, 500元) carry
 * the question's meaning and stay.
 */

/** A run of at least this many digits is an identifier (a mobile has 11, an ID card 18, a landline without area code 7-8). */
export const IDENTIFIER_DIGITS = 6;

/** ASCII local part and domain: `\p{L}` would swallow the Chinese words written before an address. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/**
 * Digits (also full-width) with single spaces or hyphens between groups (138 1234 5678,
 * 138-1234-5678), an optional leading + (country code) and a trailing X (ID cards).
 */
const NUMBER = /\+?\p{Nd}(?:[ \-]?\p{Nd})*(?:[xX](?![A-Za-z]))?/gu;
const DIGIT = /\p{Nd}/gu;
const SEPARATORS = /[+ \-]/g;

/** E-mail addresses and long digit runs masked; everything else as it was. */
export function maskIdentifiers(text: string): string {
  return text.replace(EMAIL, '***@***').replace(NUMBER, (run) => {
    const digits = run.match(DIGIT)?.length ?? 0;
    // One star per digit (and ID-card X): the kind of number still shows, never its value.
    return digits >= IDENTIFIER_DIGITS ? '*'.repeat(run.replace(SEPARATORS, '').length) : run;
  });
}

/** A customer's text as it may be kept for review: sensitive words, then identifiers, masked. */
export function maskCustomerText(text: string, sensitive: SensitiveMatcher): string {
  return maskIdentifiers(sensitive.scan(text).masked);
}
