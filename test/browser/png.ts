import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Download } from 'playwright-core';
import { expect } from 'vitest';

/** PNG files for the browser tests: one built here (no image file in the repository), and the size of one downloaded. */

/** A small real PNG (a two-colour logo), built here so the test needs no image file. */
export function logoPng(width = 120, height = 60): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const rows = Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, (_x, x) => Buffer.from(x < width / 2 ? [7, 166, 86] : [29, 33, 41]))]));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A downloaded PNG's size, read from its header after checking the signature. */
export async function pngSize(download: Download): Promise<{ width: number; height: number }> {
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
