/**
 * Gray release: which config version decides a customer's conversation.
 *
 * A customer's side is a pure function of the release and their id: the bucket is a stable hash
 * of the release's salt and the external_userid (0..9999), and at the `percent` stage the
 * candidate goes to buckets below percent × 100. So the same customer always lands on the same
 * side, and raising the percent only moves customers onto the candidate (the threshold grows,
 * buckets never move). A new salt per candidate reshuffles who goes first for the next release.
 *
 * The hash is FNV-1a 32 over the UTF-8 bytes of `salt`, a NUL and the id, followed by murmur3's
 * fmix32 finaliser (FNV alone spreads short, similar ids poorly in its low digits): synchronous,
 * a few hundred nanoseconds, and reproducible in any language.
 */

export const BUCKETS = 10_000;

/** The release state as stored (structurally the storage's ReleaseState). */
export interface ReleaseSplit {
  stable: number;
  candidate: number | null;
  stage: 'none' | 'shadow' | 'internal' | 'percent' | 'full';
  /** Share of customers (0-100, fractions allowed down to 0.01) on the candidate at the `percent` stage. */
  percent: number;
  /** Who gets the candidate at the `internal` stage and keeps it at `percent`. */
  internal: { ids: readonly string[]; tags: readonly string[] };
  salt: string;
}

export interface ReleaseCustomer {
  external_userid: string;
  tags: readonly string[];
}

export type Variant = 'stable' | 'candidate';

const utf8 = new TextEncoder();

export function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(input)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The customer's bucket, 0..9999, for this salt. */
export const bucketOf = (salt: string, externalUserId: string): number => hash32(`${salt}\u0000${externalUserId}`) % BUCKETS;

export function isInternal(release: ReleaseSplit, customer: ReleaseCustomer): boolean {
  return release.internal.ids.includes(customer.external_userid) || customer.tags.some((t) => release.internal.tags.includes(t));
}

/**
 * The side a customer is on. `full` answers candidate: the caller promotes it to stable (until
 * then the candidate is what everyone gets). `shadow` answers stable: see `isShadow`.
 */
export function variantFor(release: ReleaseSplit, customer: ReleaseCustomer): Variant {
  if (release.candidate === null) return 'stable';
  switch (release.stage) {
    case 'none':
    case 'shadow':
      return 'stable';
    case 'full':
      return 'candidate';
    case 'internal':
      return isInternal(release, customer) ? 'candidate' : 'stable';
    case 'percent': {
      if (isInternal(release, customer)) return 'candidate';
      const threshold = Math.min(BUCKETS, Math.max(0, Math.round(release.percent * 100)));
      return bucketOf(release.salt, customer.external_userid) < threshold ? 'candidate' : 'stable';
    }
  }
}

/** The version that decides for this customer. */
export function versionFor(release: ReleaseSplit, customer: ReleaseCustomer): number {
  return variantFor(release, customer) === 'candidate' && release.candidate !== null ? release.candidate : release.stable;
}

/** At the shadow stage the candidate also runs for everyone, its decisions recorded and never sent. */
export const isShadow = (release: ReleaseSplit): boolean => release.stage === 'shadow' && release.candidate !== null;
