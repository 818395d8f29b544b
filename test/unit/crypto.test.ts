import { Buffer } from 'node:buffer';
import { createDecipheriv } from 'node:crypto';
import { describe, it } from 'vitest';
import { aesKeyFrom, CryptoErrorCode, createWecomCrypto, WecomCryptoError } from '../../src/wecom/crypto';

/**
 * Public WXBizMsgCrypt vectors, copied verbatim from where they were published (a test fails if a
 * character is off). The padding byte of each is asserted too, so the 17..32 case that WebCrypto
 * refuses (https://developer.work.weixin.qq.com/document/path/90968) can never silently drop out of the suite.
 */
interface Vector {
  source: string;
  token: string;
  encodingAesKey: string;
  receiveId: string;
  signature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
  message: string;
  pad: number;
}

// Tencent's official sample pair (corp wx5823bf96d3bd56c7), also used by doc 90968.
const OFFICIAL = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wx5823bf96d3bd56c7' };
const PY = { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', receiveId: 'ww1436e0e65a779aee' };
const WECHATPY = { token: '123456', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: 'wx49f0ab532d5d035a' };
const EASYWECHAT = { token: 'pamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: 'wxb11529c136998cb6' };

const VECTORS: Vector[] = [
  {
    source: 'sbzhu/weworkapi_php callback/Sample.php (VerifyURL); same in weworkapi_golang json_callback/sample.go',
    ...OFFICIAL,
    signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    encrypted: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    message: '1616140317555161061',
    pad: 7,
  },
  {
    source: 'sbzhu/weworkapi_php callback/Sample.php (DecryptMsg); doc 90968; EasyWeChat tests/Kernel/Traits/DecryptXmlMessageTest.php',
    ...OFFICIAL,
    signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypted:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
    message:
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
    pad: 30,
  },
  {
    source: 'workweixin/weworkapi_golang json_callback/sample.go (DecryptMsg, JSON flavour)',
    ...OFFICIAL,
    signature: '0623cbc5a8cbee5bcc137c70de99575366fc2af3',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypted:
      'CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=',
    message: '{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate","CreateTime": 1409659813,"MsgType":"text","Content":"hello","MsgId":4561255354251345929,"AgentID": 218}',
    pad: 22,
  },
  {
    source: 'sbzhu/weworkapi_python callback/Sample.py (VerifyURL)',
    ...PY,
    signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
    timestamp: '1476416373',
    nonce: '47744683',
    encrypted: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    message: '1288432023552776189',
    pad: 7,
  },
  {
    source: 'sbzhu/weworkapi_python callback/Sample.py (DecryptMsg): 你好, msg_len counts UTF-8 bytes',
    ...PY,
    signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
    timestamp: '1476422779',
    nonce: '1597212914',
    encrypted:
      'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
    message:
      '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
    pad: 22,
  },
  {
    source: 'workweixin/weworkapi_golang json_callback/httpserver.go (a real GET logged in a comment)',
    token: 'gY1AGR3mjBhzy',
    encodingAesKey: 'g8VGfQEqluUhoKOlyjmmll8Q9C5tVFUTX5T2qkmI9Sv',
    receiveId: 'wwabfd0cec7171e769',
    signature: '825075c093249d5a60967fe4a613cae93146636b',
    timestamp: '1597998748',
    nonce: '1597483820',
    // Exactly as it arrived, URL-encoded: decoded once, as the sample warns (这一步注意作URL解码).
    encrypted: decodeURIComponent('neLB8CftccHiz19tluVb%2BUBnUVMT3xpUMZU8qvDdD17eH8XfEsbPYC%2FkJyPsZOOc6GdsCeu8jSIa2noSJ%2Fez2w%3D%3D'),
    message: '7139691598513686239',
    pad: 7,
  },
  {
    source: 'wechatpy/wechatpy tests/test_crypto.py test_check_signature_should_ok (echostr)',
    ...WECHATPY,
    signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    timestamp: '1411443780',
    nonce: '437374425',
    encrypted: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
    message: '5927782489442352469',
    pad: 7,
  },
  {
    source: 'wechatpy/wechatpy tests/test_crypto.py test_decrypt_message',
    ...WECHATPY,
    signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
    timestamp: '1411525903',
    nonce: '461056294',
    encrypted:
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
    message:
      '<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>',
    pad: 1,
  },
  {
    source: 'w7corp/easywechat tests/Kernel/EncryptorTest.php testDecrypt (a key whose last character has spare bits set)',
    ...EASYWECHAT,
    signature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890',
    timestamp: '1458300676',
    nonce: '260774613',
    encrypted:
      'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==',
    message:
      '<xml><URL><![CDATA[http://wechat.laravel.so/server]]></URL><ToUserName><![CDATA[asdasdasd]]></ToUserName><FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName><CreateTime>1234567898</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>12345</MsgId></xml>',
    pad: 21,
  },
];

/** The WeCom padding byte of a ciphertext, read independently of the code under test. */
function padOf(encodingAesKey: string, encrypted: string): number {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  return plain[plain.length - 1]!;
}

function codeOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WecomCryptoError) return error.code;
    throw error;
  }
  return undefined;
}

describe('public WXBizMsgCrypt vectors', () => {
  it('cover padding bytes above 16, at most 16, and a non-ASCII message', ({ expect }) => {
    expect(VECTORS.some((v) => v.pad > 16)).toBe(true);
    expect(VECTORS.some((v) => v.pad <= 16)).toBe(true);
    expect(VECTORS.some((v) => Buffer.byteLength(v.message) !== v.message.length)).toBe(true);
  });

  for (const v of VECTORS) {
    describe(v.source, () => {
      const crypto = createWecomCrypto(v);

      it(`uses padding byte ${v.pad}`, ({ expect }) => {
        expect(padOf(v.encodingAesKey, v.encrypted)).toBe(v.pad);
      });

      it('signs and verifies msg_signature', ({ expect }) => {
        expect(crypto.sign(v.timestamp, v.nonce, v.encrypted)).toBe(v.signature);
        expect(crypto.verify(v.signature, v.timestamp, v.nonce, v.encrypted)).toBe(true);
        expect(crypto.verify(v.signature.toUpperCase(), v.timestamp, v.nonce, v.encrypted)).toBe(true);
      });

      it('decrypts to the published plaintext and checks the receiveid', ({ expect }) => {
        expect(crypto.decrypt(v.encrypted)).toBe(v.message);
        const other = createWecomCrypto({ ...v, receiveId: 'wwsomeothercorp01' });
        expect(codeOf(() => other.decrypt(v.encrypted))).toBe(CryptoErrorCode.ValidateReceiveId);
      });

      it('refuses the signature with any one input changed', ({ expect }) => {
        expect(crypto.verify(v.signature, `${Number(v.timestamp) + 1}`, v.nonce, v.encrypted)).toBe(false);
        expect(crypto.verify(v.signature, v.timestamp, `${v.nonce}0`, v.encrypted)).toBe(false);
        expect(crypto.verify(v.signature, v.timestamp, v.nonce, `A${v.encrypted.slice(1)}`)).toBe(false);
        expect(createWecomCrypto({ ...v, token: `${v.token}x` }).verify(v.signature, v.timestamp, v.nonce, v.encrypted)).toBe(false);
      });
    });
  }

  it('reproduces wechatpy test_encrypt_message byte for byte (fixed random prefix)', ({ expect }) => {
    const crypto = createWecomCrypto(WECHATPY);
    const reply =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const encrypted = crypto.encrypt(reply, Buffer.from('1234567890123456'));
    expect(encrypted).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(crypto.sign('1411525903', '461056294', encrypted)).toBe('407518b7649e86ef23978113f92d27afa9296533');
  });

  it('refuses wechatpy test_check_signature_should_fail (nonce off by one)', ({ expect }) => {
    const v = VECTORS.find((x) => x.signature === 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96')!;
    expect(createWecomCrypto(v).verify(v.signature, v.timestamp, '437374424', v.encrypted)).toBe(false);
  });

  it('refuses the stale encrypt string in the Go JSON sample comment (its signature does not match)', ({ expect }) => {
    // The Go sample's comment shows an older ciphertext beside the current signature.
    const stale =
      'CZWs4CWRpI4VolQlvn4dlPBlXke6+HgmuI7p0LueFp1fKH40TNL+YHWJZwqIiYV+3kTrhdNU7fZwc+PmtgBvxSczkFeRz+oaVSsomrrtP2Z91LE313djjbWujqInRT+7ChGbCeo7ZzszByf8xnDSunPBxRX1MfX3kAxpKq7dqduW1kpMAx8O8xUzZ9oC0TLuZchbpxaml4epzGfF21O+zyXDwTxbCEiO0E87mChtzuh/VPlznXYbfqVrnyLNZ5pr';
    expect(createWecomCrypto(OFFICIAL).verify('477715d11cdb4164915debcba66cb864d751f3e6', '1409659813', '1372623149', stale)).toBe(false);
  });

  it('refuses EasyWeChat testDecryptWithErrorAppId with -40005', ({ expect }) => {
    const v = VECTORS.find((x) => x.token === 'pamtest')!;
    expect(codeOf(() => createWecomCrypto({ ...v, receiveId: 'invalid appid' }).decrypt(v.encrypted))).toBe(CryptoErrorCode.ValidateReceiveId);
  });
});

describe('round trips', () => {
  const crypto = createWecomCrypto({ token: 'roundtrip', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wwtestcorp0000001' });
  const alphabet = ['a', '7', '<', '&', '\n', 'é', '你', '好', '😀'];

  it('decrypt(encrypt(m)) === m for every padding byte 1..32 and mixed UTF-8 widths', ({ expect }) => {
    const pads = new Set<number>();
    for (let length = 0; length < 400; length++) {
      let message = '';
      for (let i = 0; i < length; i++) message += alphabet[(i * 7 + length) % alphabet.length];
      const encrypted = crypto.encrypt(message);
      pads.add(padOf('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', encrypted));
      expect(crypto.decrypt(encrypted)).toBe(message);
    }
    expect([...pads].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('uses a fresh random prefix each time, so equal messages encrypt differently', ({ expect }) => {
    expect(crypto.encrypt('same')).not.toBe(crypto.encrypt('same'));
  });

  it('refuses a message for another receiveid with -40005', ({ expect }) => {
    const otherCorp = createWecomCrypto({ token: 'roundtrip', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wwothercorp000001' });
    expect(codeOf(() => crypto.decrypt(otherCorp.encrypt('hello')))).toBe(CryptoErrorCode.ValidateReceiveId);
    // A receiveid that merely starts with ours is still someone else's.
    const longer = createWecomCrypto({ token: 'roundtrip', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wwtestcorp0000001x' });
    expect(codeOf(() => crypto.decrypt(longer.encrypt('hello')))).toBe(CryptoErrorCode.ValidateReceiveId);
  });
});

describe('bad input', () => {
  const crypto = createWecomCrypto(OFFICIAL);
  const official = VECTORS[1]!;

  it('fails the signature for a tampered ciphertext: the signature is what authenticates it', ({ expect }) => {
    const bytes = Buffer.from(official.encrypted, 'base64');
    bytes[40] = bytes[40]! ^ 1;
    expect(crypto.verify(official.signature, official.timestamp, official.nonce, bytes.toString('base64'))).toBe(false);
  });

  it('refuses a ciphertext whose last block was tampered with (padding or receiveid no longer fit)', ({ expect }) => {
    for (let i = 1; i <= 32; i++) {
      const bytes = Buffer.from(official.encrypted, 'base64');
      bytes[bytes.length - i] = bytes[bytes.length - i]! ^ 0x80;
      expect(codeOf(() => crypto.decrypt(bytes.toString('base64')))).toBeOneOf([
        CryptoErrorCode.IllegalBuffer,
        CryptoErrorCode.ValidateReceiveId,
      ]);
    }
  });

  it('refuses a tampered length field', ({ expect }) => {
    // Flipping a bit in block 1 flips the same bit of msg_len in block 2's plaintext.
    const bytes = Buffer.from(official.encrypted, 'base64');
    bytes[0] = bytes[0]! ^ 0x40;
    expect(codeOf(() => crypto.decrypt(bytes.toString('base64')))).toBe(CryptoErrorCode.IllegalBuffer);
  });

  it('refuses non-base64 text with -40010', ({ expect }) => {
    for (const text of ['', 'not base64!', 'abc def==', '====', '你好', `${official.encrypted}\n`]) {
      expect(codeOf(() => crypto.decrypt(text))).toBe(CryptoErrorCode.DecodeBase64);
    }
  });

  it('refuses ciphertexts that are not whole AES blocks with -40007', ({ expect }) => {
    expect(codeOf(() => crypto.decrypt(Buffer.alloc(15).toString('base64')))).toBe(CryptoErrorCode.DecryptAes);
    expect(codeOf(() => crypto.decrypt(official.encrypted.slice(0, 40)))).toBe(CryptoErrorCode.DecryptAes);
  });

  it('refuses a ciphertext too short to hold the random prefix and length', ({ expect }) => {
    expect(codeOf(() => crypto.decrypt(Buffer.alloc(16).toString('base64')))).toBe(CryptoErrorCode.IllegalBuffer);
  });

  it('refuses EncodingAESKeys that are not 43 base64 characters with -40004', ({ expect }) => {
    for (const key of ['', OFFICIAL.encodingAesKey.slice(0, 42), `${OFFICIAL.encodingAesKey}A`, `${OFFICIAL.encodingAesKey.slice(0, 42)}!`, `${OFFICIAL.encodingAesKey}=`]) {
      expect(codeOf(() => aesKeyFrom(key))).toBe(CryptoErrorCode.IllegalAesKey);
      expect(codeOf(() => createWecomCrypto({ ...OFFICIAL, encodingAesKey: key }))).toBe(CryptoErrorCode.IllegalAesKey);
    }
    expect(aesKeyFrom(OFFICIAL.encodingAesKey)).toHaveLength(32);
  });

  it('answers false, not an exception, for signatures of the wrong length or alphabet', ({ expect }) => {
    for (const signature of ['', official.signature.slice(1), `${official.signature}0`, 'z'.repeat(40)]) {
      expect(crypto.verify(signature, official.timestamp, official.nonce, official.encrypted)).toBe(false);
    }
  });
});
