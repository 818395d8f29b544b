import { describe, expect, it } from 'vitest';
import { admit, admitFromCopy, BREAKER, CLOSED, currentStatus, recordFailure, recordSuccess, type BreakerState } from '../../src/engine/breaker';

const T0 = 1_800_000_000_000;
const fail = (state: BreakerState, at: number, key = `turn-${at}`) => recordFailure(state, { at, key, cause: 'nlp: down' });
/** `n` failures one second apart from `from`. */
function failures(n: number, from = T0, state: BreakerState = CLOSED): BreakerState {
  for (let i = 0; i < n; i++) state = fail(state, from + i * 1000);
  return state;
}
const opened = () => failures(BREAKER.failures);
const lastFailureAt = T0 + (BREAKER.failures - 1) * 1000;

describe('opening', () => {
  it(`opens at the ${BREAKER.failures}th failure within ${BREAKER.windowMs / 1000} s, not before`, () => {
    const almost = failures(BREAKER.failures - 1);
    expect(almost.status).toBe('closed');
    const open = fail(almost, T0 + 10_000);
    expect(open).toMatchObject({ status: 'open', openedAt: T0 + 10_000, retryAt: T0 + 10_000 + BREAKER.cooldownMs });
    expect(admit(open, T0 + 10_001)).toMatchObject({ allow: false, status: 'open' });
  });

  it('failures spread wider than the window never open it', () => {
    let state = CLOSED;
    for (let i = 0; i < 3 * BREAKER.failures; i++) state = fail(state, T0 + i * (BREAKER.windowMs / (BREAKER.failures - 1)));
    expect(state.status).toBe('closed');
    expect(state.failures.length).toBeLessThan(BREAKER.failures);
  });

  it('a turn reported twice (run again after a crash) counts once', () => {
    let state = CLOSED;
    for (let i = 0; i < 2 * BREAKER.failures; i++) state = fail(state, T0 + i, 'the-same-turn');
    expect(state).toMatchObject({ status: 'closed', failures: [expect.objectContaining({ key: 'the-same-turn' })] });
  });

  it('a success while closed does not wipe the failures of the window', () => {
    const state = recordSuccess(failures(BREAKER.failures - 1), T0 + 5000);
    expect(fail(state, T0 + 6000).status).toBe('open');
  });
});

describe('recovering', () => {
  it('stays open for the cool-down, then lets exactly one probe through at a time', () => {
    const open = opened();
    const retryAt = lastFailureAt + BREAKER.cooldownMs;
    expect(admit(open, retryAt - 1).allow).toBe(false);
    expect(currentStatus(open, retryAt)).toBe('half_open');
    const probe = admit(open, retryAt);
    expect(probe).toMatchObject({ allow: true, probe: true, status: 'half_open' });
    expect(admit(probe.state, retryAt + 1)).toMatchObject({ allow: false, probe: false, status: 'half_open' });
    // A probe that never reports back does not hold the breaker forever.
    expect(admit(probe.state, retryAt + BREAKER.probeLeaseMs)).toMatchObject({ allow: true, probe: true });
  });

  it("the probe's success closes it; its failure opens it for another cool-down", () => {
    const retryAt = lastFailureAt + BREAKER.cooldownMs;
    const probe = admit(opened(), retryAt);
    expect(recordSuccess(probe.state, retryAt + 10)).toMatchObject({ status: 'closed', failures: [], since: retryAt + 10 });
    const again = fail(probe.state, retryAt + 10);
    expect(again).toMatchObject({ status: 'open', retryAt: retryAt + 10 + BREAKER.cooldownMs });
  });

  it('a late failure or success while open changes neither the status nor the cool-down', () => {
    const open = opened();
    expect(fail(open, lastFailureAt + 1000)).toMatchObject({ status: 'open', retryAt: open.retryAt });
    expect(recordSuccess(open, lastFailureAt + 1000)).toEqual(open);
  });
});

describe('a copy of the status (the KV mirror)', () => {
  it('admits while closed and refuses while cooling down, without the breaker', () => {
    expect(admitFromCopy({ status: 'closed', retryAt: null }, T0)).toEqual({ allow: true, probe: false, status: 'closed' });
    const open = opened();
    expect(admitFromCopy(open, open.retryAt! - 1)).toEqual({ allow: false, probe: false, status: 'open' });
  });

  it('leaves the half-open probe, and a missing copy, to the breaker itself', () => {
    const open = opened();
    expect(admitFromCopy(open, open.retryAt!)).toBeNull();
    expect(admitFromCopy({ status: 'half_open', retryAt: null }, T0)).toBeNull();
    expect(admitFromCopy(null, T0)).toBeNull();
  });
});
