import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, it } from 'vitest';
import { channelLink } from '../../src/admin/channels';
import { putVersion } from '../../src/storage/config-store';
import { tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT, type Tenant } from '../../src/wecom/corp';
import { api } from '../worker/support/admin';
import { sim } from '../worker/support/sim';
import { CORP_A, CORP_B, deliverSelf, freshCorps, suiteSim } from '../worker/support/suite';

/**
 * The public web channel per corp: `GET /channels/:code/link.json?corp=<corpid>` (the widget's
 * `data-corp`) serves that authorized corp's channel; without `corp`, the own corp's as before.
 * Every corp here has a channel WEB on an account with the same open_kfid, so only the corp tells
 * the links apart.
 */

const KF = 'wkWebChannelKf01';
const CODE = 'WEB';

type LinkAnswer = { code: string; url: string; scene_param: string | null };
const linkJson = (query: string) => SELF.fetch(`http://edge.test/channels/${CODE}/link.json?page=%2Fshop${query}`);
const linkOf = async (query: string) => {
  const r = await linkJson(query);
  return { status: r.status, cors: r.headers.get('access-control-allow-origin'), body: (await r.json()) as LinkAnswer & { error?: { code: string } } };
};

/** The corp's config with channel WEB (params naming the corp), and its kf link made as an operator would. */
async function webChannelOf(tenant: Tenant, corpId: string): Promise<string> {
  await sim.enter({ ...(tenant === OWN_TENANT ? {} : { corp: corpId }), open_kfid: KF, external_userid: 'wmVisitor' });
  const scoped = tenantEnv(env, tenant);
  const put = await putVersion(scoped, { channels: [{ code: CODE, name: '官网', type: 'web', open_kfid: KF, params: { site: tenant || 'own' } }] }, { createdBy: 'test' });
  if (!put.ok) throw new Error('config refused');
  return (await channelLink(scoped, CODE, true)).url;
}

let links: Record<string, string>;

beforeEach(async () => {
  await freshCorps([CORP_A, CORP_B]);
  links = { own: await webChannelOf(OWN_TENANT, env.WECOM_CORP_ID), [CORP_A]: await webChannelOf(CORP_A, CORP_A), [CORP_B]: await webChannelOf(CORP_B, CORP_B) };
});

describe('the public web channel in many-corps mode', () => {
  it("?corp= yields that corp's kf link; the same code of another corp never does", async ({ expect }) => {
    // Each corp's add_contact_way answered its own link.
    expect(new Set(Object.values(links)).size).toBe(3);
    const b = await linkOf(`&corp=${CORP_B}`);
    expect(b.status).toBe(200);
    expect(b.body.url.startsWith(links[CORP_B]!)).toBe(true);
    expect(b.body.scene_param).toBe(`site=${CORP_B}&path=%2Fshop`);

    const a = await linkOf(`&corp=${CORP_A}`);
    expect(a.body.url.startsWith(links[CORP_A]!)).toBe(true);
    expect(a.body.url.startsWith(links[CORP_B]!)).toBe(false);
    expect(a.body.scene_param).toBe(`site=${CORP_A}&path=%2Fshop`);
  });

  it('without corp, or naming the own corp, it is the own corp’s link as before', async ({ expect }) => {
    for (const query of ['', `&corp=${env.WECOM_CORP_ID}`]) {
      const own = await linkOf(query);
      expect(own.status, query).toBe(200);
      expect(own.body.url.startsWith(links.own!), query).toBe(true);
      expect(own.body.scene_param, query).toBe('site=own&path=%2Fshop');
    }
  });

  it('a cancelled or unknown corp is a 404, a malformed corp id a 400, each readable by the widget (CORS)', async ({ expect }) => {
    await deliverSelf(await suiteSim.cancel(CORP_B));
    const cancelled = await linkOf(`&corp=${CORP_B}`);
    expect([cancelled.status, cancelled.body.error?.code, cancelled.cors]).toEqual([404, 'not_found', '*']);
    // A corp that never authorized answers exactly as a cancelled one: the route tells no one which corps were connected.
    const unknown = await linkOf('&corp=wwneverinstalled01');
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'not_found']);
    // A third-party app's corps have longer, provider-scoped ids: well formed, so unknown, not malformed.
    expect((await linkOf('&corp=wpOpenCorp_0123456789abcdefghijklmnopqrstuv')).status).toBe(404);
    const malformed = await linkOf('&corp=not%20a%20corp!');
    expect([malformed.status, malformed.body.error?.code, malformed.cors]).toEqual([400, 'invalid_input', '*']);
    // The corps still served are untouched.
    expect((await linkOf(`&corp=${CORP_A}`)).status).toBe(200);
  });

  it("the admin's snippet for the own corp has no data-corp, so existing pages stay as they are", async ({ expect }) => {
    const r = await api('GET', `/channels/${CODE}/snippets`);
    expect(r.status).toBe(200);
    expect(r.body.web).toBe(`<script src="http://edge.test/widget.js" data-channel="${CODE}" async></script>`);
    expect(r.body.miniprogram).toContain(JSON.stringify(env.WECOM_CORP_ID));
  });
});
