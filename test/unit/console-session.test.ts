import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/console/api/session';

/** The console's two ways in: a pasted bearer token (tab storage) or the cookie session's CSRF token (memory only). */

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('ConsoleSession', () => {
  it('sends nothing before sign-in (the cookie goes by itself), then the CSRF token of an adopted cookie session', () => {
    const s = new ConsoleSession(memoryStorage());
    expect([s.via, s.headers()]).toEqual([null, {}]);
    s.adopt('csrf-123');
    expect([s.via, s.headers()]).toEqual(['session', { 'x-csrf-token': 'csrf-123' }]);
    s.signOut();
    expect([s.via, s.headers()]).toEqual([null, {}]);
  });

  it('a pasted token wins over a cookie session and stays in the tab storage until sign-out', () => {
    const store = memoryStorage();
    const s = new ConsoleSession(store);
    s.adopt('csrf-123');
    s.signIn('  wkt_abc  ');
    expect([s.via, s.headers()]).toEqual(['token', { authorization: 'Bearer wkt_abc' }]);
    expect(new ConsoleSession(store).via).toBe('token');
    s.signOut();
    expect(store.length).toBe(0);
  });

  it("sends the provider's picked corp as X-Corp-Id with either credential, and forgets it at sign-out", () => {
    const store = memoryStorage();
    const s = new ConsoleSession(store);
    s.signIn('wkt_abc');
    s.pickCorp('wwcorpb00000000002');
    expect(s.headers()).toEqual({ authorization: 'Bearer wkt_abc', 'x-corp-id': 'wwcorpb00000000002' });
    expect(new ConsoleSession(store).corp).toBe('wwcorpb00000000002');
    s.pickCorp(null);
    expect(s.headers()).toEqual({ authorization: 'Bearer wkt_abc' });
    s.pickCorp('wwcorpb00000000002');
    s.signOut();
    expect([s.corp, store.length]).toEqual([null, 0]);
  });
});
