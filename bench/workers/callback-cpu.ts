import { Buffer } from 'node:buffer';
import { createDecipheriv, createHash } from 'node:crypto';
import { type CallbackSettings, openCallback } from '../../src/routes/callback';

/**
 * Runs one CPU path `n` times per request, for bench/callback.bench.ts:
 * - `callback`: openCallback, exactly what POST /wecom/callback computes between reading the body
 *   and the hand-off (query check, XML envelope, replay window, signature, decryption, event).
 * - `floor`: the bare SHA-1 over the sorted inputs and AES-256-CBC over the same ciphertext bytes,
 *   the least any implementation has to spend.
 * Node times requests with n = N against n = 0; the difference is N runs of the path.
 */
export interface CpuJob {
  mode: 'callback' | 'floor';
  n: number;
  settings: CallbackSettings;
  query: Record<string, string>;
  body: string;
  encrypted: string;
  nowMs: number;
}

function floor(job: CpuJob): number {
  const key = Buffer.from(`${job.settings.WECOM_ENCODING_AES_KEY}=`, 'base64');
  const iv = key.subarray(0, 16);
  const cipherText = Buffer.from(job.encrypted, 'base64');
  const inputs = [job.settings.WECOM_TOKEN, job.query.timestamp ?? '', job.query.nonce ?? '', job.encrypted];
  let sink = 0;
  for (let i = 0; i < job.n; i++) {
    sink += createHash('sha1').update([...inputs].sort().join('')).digest('hex').length;
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    sink += decipher.update(cipherText).length + decipher.final().length;
  }
  return sink;
}

function callback(job: CpuJob): number {
  let sink = 0;
  for (let i = 0; i < job.n; i++) {
    const event = openCallback(job.settings, job.query, 'text/xml', job.body, job.nowMs);
    if (event.kind !== 'kf') throw new Error('the bench payload must be a kf_msg_or_event');
    sink += event.event.Token.length;
  }
  return sink;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const job = await request.json<CpuJob>();
    // The sink keeps the optimiser from dropping the work.
    return Response.json({ sink: job.mode === 'floor' ? floor(job) : callback(job) });
  },
} satisfies ExportedHandler;
