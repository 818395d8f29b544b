import { describe, expect, it } from 'vitest';
import {
  checkAdminToken,
  checkCallbackToken,
  checkCorpId,
  checkCredentials,
  checkEncodingAesKey,
  checkKfSecret,
  devVarsFile,
  generateAdminToken,
  generateCallbackToken,
  generateEncodingAesKey,
  secretBulkDocument,
} from '../../scripts/cloud/credentials';
import { aesKeyFrom, createWecomCrypto } from '../../src/wecom/crypto';

const KF_SECRET = 'dQnQ0j5w0_H4M7ZBhtL7GNxqAK3GrQQa5FOK8vhq-pM';
const CORP = 'ww1a2b3c4d5e6f7a8b';

describe('generated WeCom credentials', () => {
  it('EncodingAESKeys are 43 letters or digits that decode to a 32-byte key the Worker can use', () => {
    for (let i = 0; i < 200; i++) {
      const key = generateEncodingAesKey();
      expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(aesKeyFrom(key)).toHaveLength(32);
      expect(checkEncodingAesKey(key)).toEqual({ ok: true, value: key });
    }
    const key = generateEncodingAesKey();
    const crypto = createWecomCrypto({ token: 't', encodingAesKey: key, receiveId: CORP });
    expect(crypto.decrypt(crypto.encrypt('你好'))).toBe('你好');
  });

  it('callback Tokens use WeCom’s alphabet at its longest length, and differ every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateCallbackToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(checkCallbackToken(t).ok).toBe(true);
    }
  });

  it('admin tokens carry 256 bits and pass their own check', () => {
    const t = generateAdminToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(checkAdminToken(t)).toEqual({ ok: true, value: t });
  });
});

describe('shape checks', () => {
  it('accept real shapes, trimming what a paste adds', () => {
    expect(checkCorpId(` ${CORP}\n`)).toEqual({ ok: true, value: CORP });
    expect(checkCorpId('wx82ff4a35e3c7ee12').ok).toBe(true);
    expect(checkKfSecret(KF_SECRET).ok).toBe(true);
    expect(checkCallbackToken('a').ok).toBe(true);
    // The sample key of Tencent's WXBizMsgCrypt, whose last character carries non-zero spare bits.
    expect(checkEncodingAesKey('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C').ok).toBe(true);
  });

  it.each([
    ['an agent id instead of the corp id', '1000002', /corp id \(企业ID\).*"1000002" \(7 characters\)/],
    ['a corp id with a space inside', 'ww1a2b3c4d 5e6f7a8b', /19 characters, including " "/],
    ['a corp id one character short', 'ww1a2b3c4d5e6f7a8', /18 characters in all/],
  ])('refuse %s with a message that says what a corp id looks like', (_, input, message) => {
    const r = checkCorpId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuse bad secrets without echoing them', () => {
    const short = checkKfSecret(KF_SECRET.slice(0, 40));
    expect(short).toEqual({ ok: false, message: expect.stringMatching(/is 43 letters.*got 40 characters$/) });
    const spaced = checkKfSecret(`${KF_SECRET.slice(0, 20)} ${KF_SECRET.slice(21)}`);
    expect(spaced.ok).toBe(false);
    if (!spaced.ok) {
      expect(spaced.message).toMatch(/including " "/);
      expect(spaced.message).not.toContain(KF_SECRET.slice(0, 20));
    }
    expect(checkCallbackToken('x'.repeat(33))).toEqual({ ok: false, message: expect.stringMatching(/1 to 32 English letters or digits.*got 33 characters/) });
    expect(checkCallbackToken('tok-en').ok).toBe(false);
    expect(checkEncodingAesKey(`${'a'.repeat(42)}+`)).toEqual({ ok: false, message: expect.stringMatching(/exactly 43 .* including \+/) });
    expect(checkEncodingAesKey('a'.repeat(44)).ok).toBe(false);
    expect(checkAdminToken('short').ok).toBe(false);
    expect(checkAdminToken(`${'a'.repeat(32)} b`).ok).toBe(false);
  });

  it('checkCredentials reports every problem at once, missing ones by name', () => {
    const r = checkCredentials({ WECOM_CORP_ID: 'nope', WECOM_TOKEN: generateCallbackToken(), WECOM_KF_SECRET: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.messages).toHaveLength(4);
      expect(r.messages[0]).toMatch(/^WECOM_CORP_ID: the corp id/);
      expect(r.messages.slice(1)).toEqual(['WECOM_ENCODING_AES_KEY is missing', 'WECOM_KF_SECRET is missing', 'ADMIN_TOKEN is missing']);
    }
  });
});

describe('what gets written', () => {
  const creds = { WECOM_CORP_ID: CORP, WECOM_TOKEN: generateCallbackToken(), WECOM_ENCODING_AES_KEY: generateEncodingAesKey(), WECOM_KF_SECRET: KF_SECRET, ADMIN_TOKEN: generateAdminToken() };

  it('the secret bulk document is JSON of exactly the five settings', () => {
    expect(JSON.parse(secretBulkDocument(creds))).toEqual(creds);
  });

  it('.dev.vars holds the same settings, and the egress proxy when one is given', () => {
    const vars = (text: string) => Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    expect(vars(devVarsFile(creds))).toEqual(creds);
    expect(vars(devVarsFile(creds, 'https://egress.example.com'))).toEqual({ ...creds, WECOM_API_BASE: 'https://egress.example.com' });
  });
});
