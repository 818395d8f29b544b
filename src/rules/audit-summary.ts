import { createHash } from 'node:crypto';
import { maskPersonalData } from './personal-data';

/**
 * What the audit log keeps of a request (pure). The path without its query (a note may carry
 * anything), a customer's id in it replaced by a short SHA-256 (an erasure must not leave the id
 * behind in the log; hash a known id to find its entries), and a summary from the answer's
 * harmless fields only: never a secret or a token value (POST /tokens answers one), and personal
 * data in what remains masked.
 */

/** Answer fields worth keeping: what was made or changed, never what it contains. */
const SUMMARY_FIELDS = ['version', 'base_version', 'stage', 'percent', 'id', 'name', 'role', 'open_kfid', 'code', 'added', 'skipped', 'ok', 'complete'] as const;
const MAX_VALUE = 64;
const MAX_SUMMARY = 300;

/** Segments that follow these are customers' ids. */
const CUSTOMER_ID_AFTER = new Set(['users']);

export const hashedId = (id: string): string => `#${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;

export function auditPath(pathname: string): string {
  const parts = pathname.split('/');
  return parts.map((p, i) => (i > 0 && CUSTOMER_ID_AFTER.has(parts[i - 1]!) && p !== '' ? hashedId(decodeURIComponent(p)) : p)).join('/');
}

/** `version=3`, `id=abc name=ops role=operator`, …; empty when the answer names nothing. */
export function auditSummary(answer: unknown): string {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return '';
  const record = answer as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of SUMMARY_FIELDS) {
    const value = record[field];
    if (typeof value === 'number' || typeof value === 'boolean') parts.push(`${field}=${value}`);
    else if (typeof value === 'string') parts.push(`${field}=${maskPersonalData(value).slice(0, MAX_VALUE)}`);
    else if (Array.isArray(value)) parts.push(`${field}=${value.length}`);
  }
  return parts.join(' ').slice(0, MAX_SUMMARY);
}
