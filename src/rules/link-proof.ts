import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Proof that the bot handed a tracked link to a customer: a click on `/l/<id>` credits a
 * `link_click` to the customer in `u` only when `s` is the HMAC-SHA256 of (link id, customer,
 * expiry `e`) under the deployment's link key and `e` has not passed. Anyone can still follow a
 * link (it redirects), but nobody can credit a click, and so add or remove tags through
 * `behavior` rules, to a customer the bot did not send it to.
 *
 * The key is derived from the EncodingAESKey (a secret every deployment has): HMAC-SHA256 keyed
 * with a fixed label over it, so no new setting is needed and the AES key itself never signs
 * anything. Rotating the EncodingAESKey makes links handed out before it redirect without credit.
 */

/** How long a handed-out link credits clicks. */
export const LINK_PROOF_TTL_S = 30 * 86_400;
/** 128 bits of the MAC, base64url: short enough for a chat message. */
const PROOF_LENGTH = 22;
const KEY_LABEL = 'wecom-kefu-edge tracked link proof v1';

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHmac('sha256', KEY_LABEL).update(secret).digest();
    keys.clear(); // one deployment, one secret: never grows
    keys.set(secret, key);
  }
  return key;
}

const mac = (secret: string, linkId: string, userid: string, expires: number): string =>
  createHmac('sha256', keyOf(secret)).update(`${linkId}\n${userid}\n${expires}`).digest('base64url').slice(0, PROOF_LENGTH);

/** The query that proves `linkId` was handed to `userid` at `nowMs`. */
export function linkProofQuery(secret: string, linkId: string, userid: string, nowMs: number): string {
  const expires = Math.floor(nowMs / 1000) + LINK_PROOF_TTL_S;
  return new URLSearchParams({ u: userid, e: String(expires), s: mac(secret, linkId, userid, expires) }).toString();
}

export type ProofVerdict = { ok: true; userid: string } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'forged' };

/** Checks a click's `u`, `e`, `s` against the link id; answers the customer to credit, or why not. */
export function verifyLinkProof(secret: string, linkId: string, query: { u?: string | undefined; e?: string | undefined; s?: string | undefined }, nowMs: number): ProofVerdict {
  const { u, e, s } = query;
  if (u === undefined || e === undefined || s === undefined) return { ok: false, reason: 'missing' };
  if (!/^[0-9A-Za-z_-]{1,128}$/.test(u) || !/^\d{1,12}$/.test(e) || !/^[0-9A-Za-z_-]+$/.test(s) || s.length !== PROOF_LENGTH) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(secret, linkId, u, Number(e)));
  if (!timingSafeEqual(expected, Buffer.from(s))) return { ok: false, reason: 'forged' };
  if (Number(e) * 1000 < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, userid: u };
}

/** An absolute tracked link in a text, with whatever query it carries (replaced when signed). */
const TRACKED_LINK = /(https?:\/\/[\w.:-]+\/l\/)([0-9A-Za-z]{1,32})(?![0-9A-Za-z])(?:\?[!"$-~]*)?/g;

/** Ids of the tracked links written in a text. */
export function trackedLinkIds(text: string): string[] {
  return [...new Set([...text.matchAll(TRACKED_LINK)].map((m) => m[2]!))];
}

/** The text with each tracked link whose id is in `known` carrying the customer's proof. */
export function signTrackedLinks(text: string, known: ReadonlySet<string>, secret: string, userid: string, nowMs: number): string {
  return text.replace(TRACKED_LINK, (whole, prefix: string, id: string) => (known.has(id) ? `${prefix}${id}?${linkProofQuery(secret, id, userid, nowMs)}` : whole));
}
