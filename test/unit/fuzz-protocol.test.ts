import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWecomCrypto, WecomCryptoError } from '../../src/wecom/crypto';
import { readFlatXml, XmlError } from '../../src/wecom/xml';
import { fuzzParameters } from '../support/fuzz';

/**
 * Property-based fuzzing of what strangers can send: the XML reader and the callback crypto
 * answer every input with a value or their own typed error, never anything else (which the
 * callback route would turn into a 503 that WeCom retries forever).
 */

const typedOnly = (run: () => unknown, type: new (...args: never[]) => Error) => {
  try {
    run();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
};

/** XML-ish text: fragments of WeCom's envelopes, markup characters and arbitrary strings mixed. */
const xmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<xml>', '</xml>', '<Encrypt>', '</Encrypt>', '<![CDATA[', ']]>', '<!DOCTYPE x>', '<!ENTITY a "b">', '&amp;', '&#x41;', '&#99999999;', '&foo;', '<a>', '</a>', '<', '>', '/', '&', '"', ' '),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('fuzz: the strict XML reader', () => {
  it('answers a flat record of strings or an XmlError, nothing else', () => {
    fc.assert(
      fc.property(xmlish, (text) =>
        typedOnly(() => {
          const fields = readFlatXml(text);
          for (const [k, v] of Object.entries(fields)) expect([typeof k, typeof v]).toEqual(['string', 'string']);
        }, XmlError),
      ),
      fuzzParameters(2000),
    );
  });

  it('reads back any text it is given in CDATA or escaped, exactly', () => {
    const value = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((v) => !v.includes(']]>') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u.test(v));
    fc.assert(
      fc.property(value, (v) => {
        const escaped = v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
        expect(readFlatXml(`<xml><A><![CDATA[${v}]]></A><B>${escaped}</B></xml>`)).toEqual({ A: v, B: v });
      }),
      fuzzParameters(500),
    );
  });
});

describe('fuzz: WXBizMsgCrypt', () => {
  const crypto = createWecomCrypto({ token: 'fuzztoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wwfuzzcorp' });

  it('decrypts what it encrypted, for any message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (message, random) => {
        expect(crypto.decrypt(crypto.encrypt(message, random))).toBe(message);
      }),
      fuzzParameters(300),
    );
  });

  it('opens any message for any receiveid, handing back both, and decrypt refuses every receiveid but its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ minLength: 1, maxLength: 40 }), (message, receiveId) => {
        const sender = createWecomCrypto({ token: 'fuzztoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId });
        const encrypted = sender.encrypt(message);
        expect(crypto.open(encrypted)).toEqual({ message, receiveId });
        if (receiveId !== 'wwfuzzcorp') expect(() => crypto.decrypt(encrypted)).toThrow(WecomCryptoError);
      }),
      fuzzParameters(200),
    );
  });

  it('throws only WecomCryptoError on any ciphertext: random, truncated, bit-flipped or not base64', () => {
    const valid = crypto.encrypt('<xml><Token>ENC</Token></xml>');
    const ciphertexts = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.base64String({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 160 }).map((b) => Buffer.from(b).toString('base64')),
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      fc.tuple(fc.nat({ max: 63 }), fc.nat({ max: 7 })).map(([at, bit]) => {
        const bytes = Buffer.from(valid, 'base64');
        bytes[at % bytes.length]! ^= 1 << bit;
        return bytes.toString('base64');
      }),
    );
    fc.assert(fc.property(ciphertexts, (c) => typedOnly(() => crypto.decrypt(c), WecomCryptoError)), fuzzParameters(2000));
  });

  it('verifies exactly the signature it makes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (timestamp, nonce, encrypted, other) => {
        const signature = crypto.sign(timestamp, nonce, encrypted);
        expect(crypto.verify(signature, timestamp, nonce, encrypted)).toBe(true);
        expect(crypto.verify(signature.toUpperCase(), timestamp, nonce, encrypted)).toBe(true);
        if (other !== encrypted) expect(crypto.verify(signature, timestamp, nonce, other)).toBe(false);
        expect(crypto.verify(other, timestamp, nonce, encrypted)).toBe(other.toLowerCase() === signature);
      }),
      fuzzParameters(500),
    );
  });
});
