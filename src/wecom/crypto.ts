import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WXBizMsgCrypt, WeCom's callback crypto, done inside the Worker.
 *
 * AES-256-CBC, key = base64(EncodingAESKey + "="), IV = key[0..16), PKCS#7 padding to 32-byte
 * blocks (not AES's 16), plaintext = random(16) ‖ uint32be(len(msg)) ‖ msg ‖ receiveid.
 * WebCrypto's AES-CBC enforces 16-byte PKCS#7 and throws on WeCom's pad bytes 17..32, so this
 * uses node:crypto (nodejs_compat) with automatic padding off.
 * See ../../README.md#wecom-protocol and Tencent's weworkapi samples (PKCS7Encoder.block_size = 32).
 */

/** WXBizMsgCrypt's own error codes, kept so logs read like Tencent's samples. */
export const CryptoErrorCode = {
  ValidateSignature: -40001,
  ParseXml: -40002,
  IllegalAesKey: -40004,
  ValidateReceiveId: -40005,
  DecryptAes: -40007,
  IllegalBuffer: -40008,
  DecodeBase64: -40010,
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

export class WecomCryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WecomCryptoError';
  }
}

const BLOCK_SIZE = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface WecomCryptoOptions {
  /** The callback Token, used for signatures. */
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAesKey: string;
  /** The id expected after decryption (the corp id for 微信客服); empty string skips the check. */
  receiveId: string;
}

export interface WecomCrypto {
  /** msg_signature = sha1(sort([token, timestamp, nonce, encrypted]).join('')), lower-case hex. */
  sign(timestamp: string, nonce: string, encrypted: string): string;
  /** Constant-time comparison against the expected signature. */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean;
  /** Decrypts and checks the receiveid; returns the message. Throws WecomCryptoError. */
  decrypt(encrypted: string): string;
  /**
   * Decrypts without checking the receiveid and returns both: for URLs shared by several ids (a
   * provider's data URL receives every authorized corp's callbacks), the caller decides.
   */
  open(encrypted: string): { message: string; receiveId: string };
  /** Encrypts a message for this receiveid; `random` (16 bytes) is for reproducible tests. */
  encrypt(message: string, random?: Uint8Array): string;
}

export function aesKeyFrom(encodingAesKey: string): Buffer {
  // 43 characters carry 258 bits; the spare bits of the last character are often non-zero in
  // real keys, so decode leniently (Buffer ignores them) and check only the resulting length.
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new WecomCryptoError(CryptoErrorCode.IllegalAesKey, 'EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WecomCryptoError(CryptoErrorCode.IllegalAesKey, 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

export function createWecomCrypto(options: WecomCryptoOptions): WecomCrypto {
  const key = aesKeyFrom(options.encodingAesKey);
  const iv = key.subarray(0, 16);

  const sign = (timestamp: string, nonce: string, encrypted: string): string =>
    createHash('sha1').update([options.token, timestamp, nonce, encrypted].sort().join('')).digest('hex');

  function open(encrypted: string): { message: string; receiveId: string } {
    if (!BASE64.test(encrypted)) throw new WecomCryptoError(CryptoErrorCode.DecodeBase64, 'ciphertext is not base64');
    const cipherText = Buffer.from(encrypted, 'base64');
    if (cipherText.length === 0 || cipherText.length % 16 !== 0) {
      throw new WecomCryptoError(CryptoErrorCode.DecryptAes, 'ciphertext length is not a multiple of the AES block');
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', key, iv);
      decipher.setAutoPadding(false);
      // Without auto padding, final() has nothing left once the input is whole blocks.
      plain = decipher.update(cipherText);
      decipher.final();
    } catch (cause) {
      throw new WecomCryptoError(CryptoErrorCode.DecryptAes, `AES decryption failed: ${(cause as Error).message}`);
    }
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK_SIZE || pad > plain.length) {
      throw new WecomCryptoError(CryptoErrorCode.IllegalBuffer, 'invalid PKCS#7 padding');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < 20) throw new WecomCryptoError(CryptoErrorCode.IllegalBuffer, 'decrypted buffer too short');
    const length = content.readUInt32BE(16);
    if (20 + length > content.length) throw new WecomCryptoError(CryptoErrorCode.IllegalBuffer, 'message length exceeds the buffer');
    const message = content.subarray(20, 20 + length).toString('utf8');
    return { message, receiveId: content.subarray(20 + length).toString('utf8') };
  }

  return {
    sign,

    verify(signature, timestamp, nonce, encrypted) {
      const expected = sign(timestamp, nonce, encrypted);
      const given = signature.toLowerCase();
      if (given.length !== expected.length) return false;
      // Constant time over the 40 hex characters, without allocating buffers on the hot path.
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
      return diff === 0;
    },

    decrypt(encrypted) {
      const { message, receiveId } = open(encrypted);
      if (options.receiveId !== '' && receiveId !== options.receiveId) {
        throw new WecomCryptoError(CryptoErrorCode.ValidateReceiveId, 'receiveid does not match');
      }
      return message;
    },

    open,

    encrypt(message, random = randomBytes(16)) {
      if (random.length !== 16) throw new RangeError('random prefix must be 16 bytes');
      const body = Buffer.from(message, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length, 0);
      const plain = Buffer.concat([Buffer.from(random), length, body, Buffer.from(options.receiveId, 'utf8')]);
      const pad = BLOCK_SIZE - (plain.length % BLOCK_SIZE);
      const cipher = createCipheriv('aes-256-cbc', key, iv);
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
    },
  };
}
