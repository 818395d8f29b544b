/**
 * Secrets at rest: AES-256-GCM under a key derived with HKDF-SHA-256 from a deployment secret, a
 * fresh 12-byte IV per seal, and the record's name as additional data, so a sealed value copied
 * under another name does not open. WebCrypto only: the same code runs in workerd and Node.
 */

const VERSION = 'v1';
const encoder = new TextEncoder();

export interface Sealed {
  /** `v1`: HKDF-SHA-256 → AES-256-GCM. */
  v: typeof VERSION;
  iv: string;
  data: string;
}

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** The AES key for `purpose`, derived from `secret` (never stored). */
export async function sealingKey(secret: string, purpose: string): Promise<CryptoKey> {
  if (secret === '') throw new Error('a sealing key needs a non-empty secret');
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('wecom-kefu-edge seal'), info: encoder.encode(purpose) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, plaintext: string, name: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(name) }, key, encoder.encode(plaintext));
  return { v: VERSION, iv: b64(iv), data: b64(new Uint8Array(data)) };
}

/** The plaintext, or null when the key, the name or the bytes are not the ones it was sealed with. */
export async function unseal(key: CryptoKey, sealed: Sealed, name: string): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: encoder.encode(name) }, key, unb64(sealed.data));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
