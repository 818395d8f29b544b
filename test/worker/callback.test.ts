import { createExecutionContext, env, listDurableObjectIds, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, type ExpectStatic, it } from 'vitest';
import worker from '../../src/index';
import { MAX_CALLBACK_BYTES } from '../../src/routes/callback';
import { createWecomCrypto } from '../../src/wecom/crypto';

/**
 * `GET|POST /wecom/callback` through the real Worker.
 * Requests are built the way WeCom builds them (WXBizMsgCrypt, proven against the public vectors
 * in test/unit/crypto.test.ts). Every refusal also proves that nothing was handed on: no Inbox
 * Durable Object came into existence.
 */

const CORP = env.WECOM_CORP_ID;
const crypto = createWecomCrypto({ token: env.WECOM_TOKEN, encodingAesKey: env.WECOM_ENCODING_AES_KEY, receiveId: CORP });
const otherCorp = createWecomCrypto({ token: env.WECOM_TOKEN, encodingAesKey: env.WECOM_ENCODING_AES_KEY, receiveId: 'wwothercorp000001' });
const URL_BASE = 'http://edge.test/wecom/callback';

const nowS = () => Math.floor(Date.now() / 1000);
let kfSeq = 0;
const freshKfId = () => `wkcallbacktest${++kfSeq}`;

/** WeCom's padding byte for a message: PKCS#7 to 32-byte blocks over random(16) ‖ len(4) ‖ msg ‖ corp id. */
const padFor = (message: string) => 32 - ((20 + new TextEncoder().encode(message).length + CORP.length) % 32);

function signed(encrypted: string, opts: { timestamp?: number | string; nonce?: string; signature?: string } = {}): URLSearchParams {
  const timestamp = String(opts.timestamp ?? nowS());
  const nonce = opts.nonce ?? '1372623149';
  return new URLSearchParams({ msg_signature: opts.signature ?? crypto.sign(timestamp, nonce, encrypted), timestamp, nonce });
}

const cdata = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('');

function kfEvent(openKfId: string | undefined, extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = { ToUserName: CORP, MsgType: 'event', Event: 'kf_msg_or_event', Token: `ENC${openKfId ?? 'x'}Token`, ...extra };
  if (openKfId !== undefined) fields.OpenKfId = openKfId;
  return `<xml>${cdata(fields)}<CreateTime>${nowS()}</CreateTime></xml>`;
}

/** A kf event whose Token length puts WeCom's padding byte above 16 (or not): real Tokens vary in length. */
function kfEventWithPad(openKfId: string, high: boolean): string {
  let token = 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR';
  while (padFor(kfEvent(openKfId, { Token: token })) > 16 !== high) token += 'x';
  return kfEvent(openKfId, { Token: token });
}

const envelope = (encrypted: string, tail = '') => `<xml>${cdata({ ToUserName: CORP, Encrypt: encrypted, AgentID: '' })}${tail}</xml>`;

function post(body: BodyInit, query: URLSearchParams, headers: Record<string, string> = { 'content-type': 'text/xml' }): Promise<Response> {
  return SELF.fetch(`${URL_BASE}?${query}`, { method: 'POST', body, headers });
}

/** A signed POST of `xml` (encrypted as WeCom does) inside a well-formed envelope. */
function deliver(xml: string, opts: Parameters<typeof signed>[1] = {}): Promise<Response> {
  const encrypted = crypto.encrypt(xml);
  return post(envelope(encrypted), signed(encrypted, opts));
}

async function inboxIds(): Promise<string[]> {
  return (await listDurableObjectIds(env.INBOX)).map((id) => id.toString());
}

/** Runs a request that must be refused: right status, a readable reason, and no Inbox touched. */
async function expectRefused(expect: ExpectStatic, send: () => Promise<Response>, status: number, reason: RegExp) {
  const before = await inboxIds();
  const response = await send();
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status, text: expect.stringMatching(reason) });
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await inboxIds()).toEqual(before);
}

describe('GET /wecom/callback: URL verification', () => {
  const verify = (echostr: string, encrypted = crypto.encrypt(echostr)) =>
    SELF.fetch(`${URL_BASE}?${signed(encrypted)}&echostr=${encodeURIComponent(encrypted)}`);

  for (const echostr of ['1616140317555161061', '161614031', '16161']) {
    it(`answers the decrypted echostr ${echostr} (padding byte ${padFor(echostr)}) as the whole text/plain body`, async ({ expect }) => {
      const response = await verify(echostr);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe(echostr);
    });
  }

  it('covers padding bytes on both sides of 16', ({ expect }) => {
    expect(padFor('1616140317555161061')).toBeLessThanOrEqual(16);
    expect(padFor('161614031')).toBeGreaterThan(16);
    expect(padFor('16161')).toBeGreaterThan(16);
  });

  it('takes an echostr whose "+" arrived unencoded', async ({ expect }) => {
    let encrypted = '';
    for (let i = 0; !encrypted.includes('+'); i++) encrypted = crypto.encrypt(`${1616140317555161061n + BigInt(i)}`);
    const response = await SELF.fetch(`${URL_BASE}?${signed(encrypted)}&echostr=${encrypted.replaceAll('/', '%2F').replaceAll('=', '%3D')}`);
    expect(response.status).toBe(200);
  });

  it('refuses missing or malformed parameters with 400', async ({ expect }) => {
    const encrypted = crypto.encrypt('1616140317555161061');
    const good = Object.fromEntries([...signed(encrypted), ['echostr', encrypted]]);
    for (const name of Object.keys(good)) {
      const { [name]: _, ...rest } = good;
      await expectRefused(expect, () => SELF.fetch(`${URL_BASE}?${new URLSearchParams(rest)}`), 400, new RegExp(`${name} is missing`));
    }
    for (const [name, value] of [['msg_signature', 'xyz'], ['timestamp', 'yesterday'], ['nonce', ''], ['echostr', '']]) {
      await expectRefused(expect, () => SELF.fetch(`${URL_BASE}?${new URLSearchParams({ ...good, [name!]: value! })}`), 400, /malformed/);
    }
  });

  it('refuses a bad signature with 401', async ({ expect }) => {
    const encrypted = crypto.encrypt('1616140317555161061');
    const query = signed(encrypted, { signature: crypto.sign('1', '2', encrypted) });
    await expectRefused(expect, () => SELF.fetch(`${URL_BASE}?${query}&echostr=${encodeURIComponent(encrypted)}`), 401, /msg_signature/);
  });

  it('refuses an echostr for another corp id with 401', async ({ expect }) => {
    await expectRefused(expect, () => verify('1616140317555161061', otherCorp.encrypt('1616140317555161061')), 401, /corp id/);
  });

  it('refuses an undecryptable echostr with 400', async ({ expect }) => {
    await expectRefused(expect, () => verify('', btoa('0123456789abcdef0123456789abcdef')), 400, /cannot decrypt/);
    await expectRefused(expect, () => verify('', 'not*base64'), 400, /cannot decrypt/);
  });
});

describe('POST /wecom/callback: hand-off', () => {
  for (const high of [true, false]) {
    it(`answers success once the event is stored in the kf account's Inbox (payload padding byte ${high ? '17..32' : '1..16'})`, async ({ expect }) => {
      const openKfId = freshKfId();
      const xml = kfEventWithPad(openKfId, high);
      expect(padFor(xml) > 16).toBe(high);
      const response = await deliver(xml);
      expect([response.status, await response.text()]).toEqual([200, 'success']);
      const id = env.INBOX.idFromName(openKfId);
      expect(await inboxIds()).toContain(id.toString());
      expect((await env.INBOX.get(id).status()).openKfId).toBe(openKfId);
    });
  }

  it('answers a redelivered callback (same query, same body) with success again, into the same Inbox', async ({ expect }) => {
    const openKfId = freshKfId();
    const encrypted = crypto.encrypt(kfEvent(openKfId));
    const query = signed(encrypted);
    const before = await inboxIds();
    for (let i = 0; i < 3; i++) {
      const response = await post(envelope(encrypted), query);
      expect([response.status, await response.text()]).toEqual([200, 'success']);
    }
    expect((await inboxIds()).filter((id) => !before.includes(id))).toEqual([env.INBOX.idFromName(openKfId).toString()]);
  });

  it('answers a signature already served inside the replay window with success and no other pull; a new callback still pulls', async ({ expect }) => {
    const openKfId = freshKfId();
    const stub = env.INBOX.get(env.INBOX.idFromName(openKfId));
    const requested = () => runInDurableObject(stub, (_, state) => JSON.parse(state.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'requested'").one().value) as number);
    const encrypted = crypto.encrypt(kfEvent(openKfId));
    const query = signed(encrypted);
    for (let i = 0; i < 3; i++) expect([(await post(envelope(encrypted), query)).status]).toEqual([200]);
    expect(await requested()).toBe(1);
    // Upper-case hex is the same signature.
    const upper = new URLSearchParams(query);
    upper.set('msg_signature', query.get('msg_signature')!.toUpperCase());
    expect((await post(envelope(encrypted), upper)).status).toBe(200);
    expect(await requested()).toBe(1);
    expect((await post(envelope(encrypted), signed(encrypted, { nonce: 'another' }))).status).toBe(200);
    expect(await requested()).toBe(2);
  });

  it('hands the older format without OpenKfId to the all-accounts inbox', async ({ expect }) => {
    const response = await deliver(kfEvent(undefined));
    expect([response.status, await response.text()]).toEqual([200, 'success']);
    expect((await env.INBOX.get(env.INBOX.idFromName('')).status()).openKfId).toBe('');
  });

  it('acknowledges other app events without handing anything on', async ({ expect }) => {
    const before = await inboxIds();
    const response = await deliver(`<xml>${cdata({ ToUserName: CORP, MsgType: 'event', Event: 'change_external_contact' })}<CreateTime>1</CreateTime></xml>`);
    expect([response.status, await response.text()]).toEqual([200, 'success']);
    expect(await inboxIds()).toEqual(before);
  });

  it('takes timestamps inside the replay window on both sides', async ({ expect }) => {
    for (const skew of [-290, 290]) {
      const response = await deliver(kfEvent(freshKfId()), { timestamp: nowS() + skew });
      expect(response.status).toBe(200);
    }
  });

  it('does not look at the timestamp when WECOM_REPLAY_WINDOW_S is "0"', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const request = new Request(`${URL_BASE}?${signed(encrypted, { timestamp: 1409659813 })}`, { method: 'POST', body: envelope(encrypted) });
    const response = await worker.fetch(request, { ...env, WECOM_REPLAY_WINDOW_S: '0' }, createExecutionContext());
    expect(response.status).toBe(200);
  });

  it('takes a body of exactly 64 KiB', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const body = envelope(encrypted, ' '.repeat(MAX_CALLBACK_BYTES - envelope(encrypted).length));
    expect(new TextEncoder().encode(body).length).toBe(64 * 1024);
    expect((await post(body, signed(encrypted))).status).toBe(200);
  });
});

describe('POST /wecom/callback: refusals hand nothing on', () => {
  it('400 for missing or malformed query parameters', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const good = Object.fromEntries(signed(encrypted));
    for (const name of Object.keys(good)) {
      const { [name]: _, ...rest } = good;
      await expectRefused(expect, () => post(envelope(encrypted), new URLSearchParams(rest)), 400, new RegExp(`${name} is missing`));
    }
    await expectRefused(expect, () => post(envelope(encrypted), new URLSearchParams({ ...good, timestamp: '17e8' })), 400, /timestamp/);
  });

  it('400 for a JSON body, whatever its content-type says', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const json = JSON.stringify({ tousername: CORP, encrypt: encrypted, agentid: '' });
    await expectRefused(expect, () => post(json, signed(encrypted), { 'content-type': 'application/json' }), 400, /JSON/);
    await expectRefused(expect, () => post(json, signed(encrypted)), 400, /JSON/);
    await expectRefused(expect, () => post(envelope(encrypted), signed(encrypted), { 'content-type': 'application/json' }), 400, /JSON/);
  });

  it('400 for a DOCTYPE or entities, before any decryption', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const query = signed(encrypted);
    await expectRefused(expect, () => post(`<!DOCTYPE xml [<!ENTITY e "x">]>${envelope(encrypted)}`, query), 400, /DOCTYPE/);
    await expectRefused(expect, () => post(`<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://evil.test/x.dtd">${envelope(encrypted)}`, query), 400, /DOCTYPE/);
    await expectRefused(expect, () => post(envelope(encrypted, '<X>&xxe;</X>'), query), 400, /entity/);
  });

  it('400 for broken XML, another root, no <Encrypt>, a duplicated <Encrypt> and non-UTF-8 bytes', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const query = signed(encrypted);
    await expectRefused(expect, () => post(envelope(encrypted).slice(0, -3), query), 400, /malformed XML/);
    await expectRefused(expect, () => post('', query), 400, /<xml>/);
    await expectRefused(expect, () => post(envelope(encrypted).replaceAll('xml>', 'root>'), query), 400, /<xml>/);
    await expectRefused(expect, () => post(`<xml>${cdata({ ToUserName: CORP })}</xml>`, query), 400, /Encrypt/);
    await expectRefused(expect, () => post(envelope(encrypted, cdata({ Encrypt: encrypted })), query), 400, /more than once/);
    await expectRefused(expect, () => post(new Uint8Array([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0xfe]), query), 400, /UTF-8/);
  });

  it('401 for a bad signature', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    await expectRefused(expect, () => post(envelope(encrypted), signed(encrypted, { signature: 'f'.repeat(40) })), 401, /msg_signature/);
    // Signed over the body rather than the Encrypt value: a common mistake, refused too.
    await expectRefused(expect, () => post(envelope(encrypted), signed(envelope(encrypted))), 401, /msg_signature/);
  });

  it('401 outside the replay window, on either side', async ({ expect }) => {
    for (const skew of [-310, 310, -86400]) {
      const encrypted = crypto.encrypt(kfEvent(freshKfId()));
      await expectRefused(expect, () => post(envelope(encrypted), signed(encrypted, { timestamp: nowS() + skew })), 401, /replay window/);
    }
  });

  it('401 for a message encrypted for another corp id', async ({ expect }) => {
    const encrypted = otherCorp.encrypt(kfEvent(freshKfId()));
    await expectRefused(expect, () => post(envelope(encrypted), signed(encrypted)), 401, /corp id/);
  });

  it('400 for an undecryptable <Encrypt>', async ({ expect }) => {
    for (const encrypted of [btoa('0123456789abcdef0123456789abcdef'), 'bm90IGJsb2Nrcw==', '!!not base64!!']) {
      await expectRefused(expect, () => post(envelope(encrypted), signed(encrypted)), 400, /cannot decrypt/);
    }
  });

  it('400 for a decrypted payload that is not a kf event WeCom could send', async ({ expect }) => {
    const payloads: [string, RegExp][] = [
      ['hello', /decrypted event: .*<xml>/],
      [`<!DOCTYPE x [<!ENTITY a "b">]>${kfEvent(freshKfId())}`, /decrypted event: .*DOCTYPE/],
      [kfEvent(freshKfId()).replace(/<Token>.*?<\/Token>/, ''), /Token/],
      [kfEvent(freshKfId(), { MsgType: 'text' }), /MsgType/],
      // Over-long or malformed fields inside a valid signature: a clear 400, never a 5xx WeCom would retry forever.
      [kfEvent('wk' + 'A'.repeat(63)), /OpenKfId must be 1 to 64/],
      [kfEvent('wk/../x'), /OpenKfId must be 1 to 64/],
      [kfEvent(freshKfId(), { Token: 'E'.repeat(200) }), /Token is longer than 128/],
      [kfEvent(freshKfId(), { Token: 'ENC x' }), /Token must be printable ASCII/],
    ];
    for (const [xml, reason] of payloads) await expectRefused(expect, () => deliver(xml), 400, reason);
  });

  it('413 over 64 KiB, by Content-Length', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const body = envelope(encrypted, ' '.repeat(MAX_CALLBACK_BYTES + 1 - envelope(encrypted).length));
    await expectRefused(expect, () => post(body, signed(encrypted)), 413, /over 65536 bytes/);
    await expectRefused(expect, () => post('x'.repeat(1024 * 1024), new URLSearchParams()), 413, /over 65536 bytes/);
  });

  it('413 over 64 KiB by the bytes that actually arrive, with no or a lying Content-Length', async ({ expect }) => {
    const encrypted = crypto.encrypt(kfEvent(freshKfId()));
    const chunks = (total: number) => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= total) return controller.close();
          const size = Math.min(4096, total - sent);
          controller.enqueue(new TextEncoder().encode(' '.repeat(size)));
          sent += size;
        },
      });
    };
    for (const headers of [{}, { 'content-length': '100' }] as Record<string, string>[]) {
      const request = new Request(`${URL_BASE}?${signed(encrypted)}`, { method: 'POST', body: chunks(MAX_CALLBACK_BYTES + 1), headers });
      await expectRefused(expect, async () => worker.fetch(request, env, createExecutionContext()), 413, /over 65536 bytes/);
    }
  });
});

describe('GET /healthz', () => {
  it('answers ok, the version, and no kf account failing over', async ({ expect }) => {
    const response = await SELF.fetch('http://edge.test/healthz');
    expect(await response.json()).toEqual({ ok: true, version: expect.any(String), breakers: { open: [], half_open: [] } });
  });
});
