import { describe, expect, it } from 'vitest';
import { LINK_PROOF_TTL_S, linkProofQuery, signTrackedLinks, trackedLinkIds, verifyLinkProof } from '../../src/rules/link-proof';

const SECRET = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const NOW = 1_780_000_000_000;
const query = (q: string) => Object.fromEntries(new URLSearchParams(q));

describe('link proof', () => {
  it('verifies what it signed, for that link and customer only, until it expires', () => {
    const q = query(linkProofQuery(SECRET, 'Ab12Cd34Ef', 'wmCustomer', NOW));
    expect(verifyLinkProof(SECRET, 'Ab12Cd34Ef', q, NOW)).toEqual({ ok: true, userid: 'wmCustomer' });
    expect(verifyLinkProof(SECRET, 'Ab12Cd34Ef', q, NOW + LINK_PROOF_TTL_S * 1000)).toEqual({ ok: true, userid: 'wmCustomer' });
    expect(verifyLinkProof(SECRET, 'Ab12Cd34Ef', q, NOW + (LINK_PROOF_TTL_S + 1) * 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLinkProof(SECRET, 'OtherLink1', q, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyLinkProof(SECRET, 'Ab12Cd34Ef', { ...q, u: 'wmSomeoneElse' }, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyLinkProof(`${SECRET.slice(1)}x`, 'Ab12Cd34Ef', q, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('names what is missing or malformed without throwing', () => {
    expect(verifyLinkProof(SECRET, 'L', { u: 'wm1' }, NOW)).toEqual({ ok: false, reason: 'missing' });
    for (const bad of [{ u: 'wm 1', e: '1', s: 'A'.repeat(22) }, { u: 'wm1', e: '-1', s: 'A'.repeat(22) }, { u: 'wm1', e: '1', s: 'short' }, { u: 'wm1', e: '1', s: '点'.repeat(22) }]) {
      expect(verifyLinkProof(SECRET, 'L', bad, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('signs the tracked links of a text that are known, and leaves the rest as written', () => {
    const text = '详情见 https://kf.example.com/l/Ab12Cd34Ef?u=old，另见 https://other.example/l/Zz99Zz99Zz 和 https://kf.example.com/x/l';
    expect(trackedLinkIds(text)).toEqual(['Ab12Cd34Ef', 'Zz99Zz99Zz']);
    const signed = signTrackedLinks(text, new Set(['Ab12Cd34Ef']), SECRET, 'wmCustomer', NOW);
    expect(signed).toBe(`详情见 https://kf.example.com/l/Ab12Cd34Ef?${linkProofQuery(SECRET, 'Ab12Cd34Ef', 'wmCustomer', NOW)}，另见 https://other.example/l/Zz99Zz99Zz 和 https://kf.example.com/x/l`);
  });
});
