import { describe, expect, it } from 'vitest';
import { channelSceneParam, miniProgramSnippet, pageSceneParam, webSnippet, withSceneParam } from '../../src/rules/channel-link';
import { errcodeHelp, explainedErrcodes, failureHelp } from '../../src/wecom/errcode-help';
import { listAllPages } from '../../src/wecom/kf-accounts';
import { AVATAR_MAX_BYTES, avatarProblem, charCount, kfNameProblem, sniffImage } from '../../src/wecom/kf-limits';
import { aesKeyBytes, checkSecrets } from '../../src/wecom/settings-check';

// The pure parts of managing kf accounts and the web channel: image sniffing, names, the errcode
// table, the paging loop, scene_param fitting, the snippets, and the secrets' shapes.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const bytes = (...b: number[]) => new Uint8Array(b);

describe('avatar images', () => {
  it('tells JPG and PNG by their magic bytes, whatever else the file claims', () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('jpeg');
    expect(sniffImage(bytes(...PNG_SIGNATURE, 0, 0, 0, 13))).toBe('png');
    expect(sniffImage(new TextEncoder().encode('GIF89a......'))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    // A PNG signature cut short, and a JPEG SOI without a following marker.
    expect(sniffImage(bytes(...PNG_SIGNATURE.slice(0, 7)))).toBeNull();
    expect(sniffImage(bytes(0xff, 0xd8, 0x00, 0x00))).toBeNull();
    expect(sniffImage(bytes())).toBeNull();
  });

  it('refuses files WeCom refuses: over 2 MiB, 5 bytes or fewer, not JPG/PNG', () => {
    const png = (size: number) => {
      const b = new Uint8Array(size);
      b.set(PNG_SIGNATURE);
      return b;
    };
    expect(avatarProblem(png(AVATAR_MAX_BYTES))).toBeNull();
    expect(avatarProblem(png(AVATAR_MAX_BYTES + 1))).toMatch(/2 MiB/);
    expect(avatarProblem(bytes(0xff, 0xd8, 0xff, 0xe0, 0))).toMatch(/不完整/);
    expect(avatarProblem(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0))).toBeNull();
    expect(avatarProblem(new TextEncoder().encode('GIF89a......'))).toMatch(/JPG 或 PNG/);
  });
});

describe('kf account names', () => {
  it('counts characters as people do and allows 1 to 16', () => {
    expect(charCount('客服😀')).toBe(3);
    expect(kfNameProblem('售后客服')).toBeNull();
    expect(kfNameProblem('一'.repeat(16))).toBeNull();
    expect(kfNameProblem('😀'.repeat(16))).toBeNull();
    expect(kfNameProblem('一'.repeat(17))).toMatch(/最多 16 个字符，现为 17 个/);
    expect(kfNameProblem('')).toMatch(/不能为空/);
    expect(kfNameProblem('   ')).toMatch(/不能为空/);
  });
});

describe('the errcode table', () => {
  it('explains every code it lists with a Chinese message and a fix', () => {
    expect(explainedErrcodes().length).toBeGreaterThan(20);
    for (const code of explainedErrcodes()) {
      const help = errcodeHelp(code);
      expect(help.message, String(code)).toMatch(/\p{Script=Han}/u);
      expect(help.fix, String(code)).toMatch(/\p{Script=Han}/u);
    }
  });

  it('names the fix for the refusals operators meet first', () => {
    expect(errcodeHelp(60020).fix).toMatch(/企业可信IP[\s\S]*WECOM_API_BASE/);
    expect(errcodeHelp(95017).fix).toContain('通过API管理微信客服账号');
    expect(errcodeHelp(95027).message).toContain('10 个');
    expect(errcodeHelp(48002).fix).toContain('可调用接口的应用');
    for (const code of [40005, 40006, 40009]) expect(errcodeHelp(code).fix).toMatch(/JPG|PNG|2 MiB/);
  });

  it('an unknown code still says where to look it up; a transport failure points at WECOM_API_BASE', () => {
    expect(errcodeHelp(99999, 'strange')).toEqual({ message: expect.stringContaining('99999：strange'), fix: expect.stringContaining('devtool/query?e=99999') });
    expect(failureHelp({ errcode: -1, errmsg: 'no answer', kind: 'timeout' }).message).toContain('超时');
    expect(failureHelp({ errcode: -1, errmsg: '', kind: 'http', status: 502 }).message).toContain('HTTP 502');
    expect(failureHelp({ errcode: -1, errmsg: '', kind: 'network' }).fix).toContain('WECOM_API_BASE');
    expect(failureHelp({ errcode: 95017, errmsg: 'x', kind: 'errcode' })).toEqual(errcodeHelp(95017));
  });
});

describe('listAllPages', () => {
  const source = (n: number) => {
    const asked: [number, number][] = [];
    const page = async (offset: number, limit: number) => {
      asked.push([offset, limit]);
      return Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i);
    };
    return { asked, page };
  };

  it('reads until a page comes back short', async () => {
    const s = source(230);
    expect(await listAllPages(s.page)).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(s.asked).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
  });

  it('an exact multiple ends with an empty page; none at all is one call', async () => {
    const s = source(200);
    expect(await listAllPages(s.page)).toHaveLength(200);
    expect(s.asked.map(([o]) => o)).toEqual([0, 100, 200]);
    const empty = source(0);
    expect(await listAllPages(empty.page)).toEqual([]);
    expect(empty.asked).toHaveLength(1);
  });

  it('stops a list that never ends, and refuses a limit WeCom refuses', async () => {
    await expect(listAllPages(async (_o, limit) => Array.from({ length: limit }, () => 0))).rejects.toThrow(/full pages/);
    await expect(listAllPages(source(1).page, 101)).rejects.toThrow(RangeError);
    await expect(listAllPages(source(1).page, 0)).rejects.toThrow(RangeError);
  });
});

describe('channel links and snippets', () => {
  const params = { store_id: 'BJ001', activity: 'summer_sale' };
  const base = 'https://work.weixin.qq.com/kf/kfc123?enc_scene=ENCabc';

  it('appends scene_param urlencoded, or leaves the link alone', () => {
    expect(withSceneParam(base, 'a=1&b=2')).toBe(`${base}&scene_param=a%3D1%26b%3D2`);
    expect(withSceneParam('https://work.weixin.qq.com/kf/kfc123', 'a=1')).toBe('https://work.weixin.qq.com/kf/kfc123?scene_param=a%3D1');
    expect(withSceneParam(base, null)).toBe(base);
    expect(channelSceneParam({})).toBeNull();
  });

  it('adds the page to the channel params within 128 bytes, shortening the page from its end', () => {
    expect(pageSceneParam(params, '/products/1')).toBe('store_id=BJ001&activity=summer_sale&path=%2Fproducts%2F1');
    expect(pageSceneParam({}, '/a')).toBe('path=%2Fa');
    expect(pageSceneParam(params, undefined)).toBe('store_id=BJ001&activity=summer_sale');
    expect(pageSceneParam({}, '')).toBeNull();
    const long = pageSceneParam(params, `/${'商品'.repeat(60)}`)!;
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(128);
    expect(new TextEncoder().encode(long).length).toBeGreaterThan(110);
    expect(decodeURIComponent(new URLSearchParams(long).get('path')!)).toMatch(/^\/商品/);
    // A channel param named `path` wins over the page.
    expect(pageSceneParam({ path: 'home' }, '/products/1')).toBe('path=home');
    // Params that leave no room for a page keep the params alone.
    const full = { k: 'x'.repeat(122) };
    expect(pageSceneParam(full, '/p')).toBe(`k=${'x'.repeat(122)}`);
  });

  it('writes the web <script> and the mini-program call, values as JSON literals', () => {
    expect(webSnippet('https://kf.example.com', 'WEB')).toBe('<script src="https://kf.example.com/widget.js" data-channel="WEB" async></script>');
    // An authorized corp's page names its corp (many-corps mode); the own corp's line stays as it was.
    expect(webSnippet('https://kf.example.com', 'WEB', 'wwcorpb00000000002')).toBe('<script src="https://kf.example.com/widget.js" data-channel="WEB" data-corp="wwcorpb00000000002" async></script>');
    const mp = miniProgramSnippet({ url: `${base}&scene_param=x`, corpId: 'ww123' });
    expect(mp).toContain(`extInfo: { url: "${base}&scene_param=x" },`);
    expect(mp).toContain('corpId: "ww123",');
    expect(mp).toMatch(/^\/\/ .*bindtap/);
    // A quote in a value cannot end the string early.
    expect(miniProgramSnippet({ url: 'https://x/"); alert(1); ("', corpId: 'ww1' })).toContain('"https://x/\\"); alert(1); (\\""');
  });
});

describe('secret shapes', () => {
  const good = {
    WECOM_CORP_ID: 'ww1234567890abcdef',
    WECOM_TOKEN: 'QDG6eK',
    WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    WECOM_KF_SECRET: 'Ab_cdEfgh-1234567890abcdefghijklmnopqrstuvw',
    ADMIN_TOKEN: 'f'.repeat(64),
  };

  it('passes well-formed settings', () => {
    expect(checkSecrets(good).map((c) => [c.id, c.ok])).toEqual([
      ['corp_id', true],
      ['token', true],
      ['encoding_aes_key', true],
      ['kf_secret', true],
      ['admin_token', true],
    ]);
    expect(aesKeyBytes(good.WECOM_ENCODING_AES_KEY)).toBe(32);
  });

  it('fails each bad or missing one with its fix, never echoing a secret', () => {
    const bad = { WECOM_CORP_ID: 'corp1', WECOM_TOKEN: 'has-dash', WECOM_ENCODING_AES_KEY: `${good.WECOM_ENCODING_AES_KEY}x`, WECOM_KF_SECRET: 'a b', ADMIN_TOKEN: 'secret-admin' };
    const checks = checkSecrets(bad);
    for (const c of checks) {
      expect(c.ok, c.id).toBe(false);
      expect(c.fix, c.id).toMatch(/\p{Script=Han}/u);
    }
    const text = JSON.stringify(checks);
    for (const secret of [bad.WECOM_TOKEN, bad.WECOM_ENCODING_AES_KEY, bad.ADMIN_TOKEN]) expect(text).not.toContain(secret);
    expect(checkSecrets({}).every((c) => !c.ok && c.message.startsWith('未设置'))).toBe(true);
    expect(aesKeyBytes('!'.repeat(43))).toBeNull();
  });
});
