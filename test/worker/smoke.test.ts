import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
describe('worker', () => {
  it('healthz', async () => { const r = await SELF.fetch('http://x/healthz'); expect(await r.json()).toMatchObject({ ok: true }); });
});
