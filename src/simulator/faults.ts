import { z } from 'zod';

/**
 * Fault injection for kf API paths: the next `count` calls to a path answer an HTTP error, an
 * errcode, come late, hang, or (kf/sync_msg) answer an empty page with has_more = 1.
 */

export const FaultSchema = z.discriminatedUnion('kind', [
  /** HTTP `status` (default 503) with a text body; nothing is processed. */
  z.strictObject({ kind: z.literal('http'), status: z.number().int().min(400).max(599).default(503) }),
  /** `{errcode, errmsg}` with HTTP 200; nothing is processed. -1 is WeCom's "busy, retry". */
  z.strictObject({ kind: z.literal('errcode'), errcode: z.number().int(), errmsg: z.string().default('simulated failure') }),
  /** Processed normally after `ms` of real time (to make calls overlap). */
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(1).max(60_000) }),
  /**
   * No answer until `/_sim/faults/release`, a reset, or `ms` (default 30 s). `before`: the call is
   * lost and finally answered 504 unprocessed. `after`: it is processed at once (a send is
   * delivered) and only the answer is held back, as when a response is lost in transit.
   */
  z.strictObject({ kind: z.literal('hang'), phase: z.enum(['before', 'after']).default('before'), ms: z.number().int().min(1).max(600_000).default(30_000) }),
  /** kf/sync_msg only: an empty msg_list with has_more = 1 and the cursor unchanged (the platform allows it). */
  z.strictObject({ kind: z.literal('empty_page') }),
]);
export type Fault = z.infer<typeof FaultSchema>;

export const FaultRequestSchema = z.intersection(
  z.object({
    /** `/cgi-bin/kf/send_msg`, or the short form `kf/send_msg`. */
    path: z.string().min(1),
    /** How many of the next calls to the path get this fault. */
    count: z.number().int().min(1).max(100_000).default(1),
  }),
  FaultSchema,
);
export type FaultRequest = z.input<typeof FaultRequestSchema>;

export const normalizePath = (path: string): string => (path.startsWith('/') ? path : `/cgi-bin/${path}`);

interface Armed {
  path: string;
  fault: Fault;
  remaining: number;
}

export class Faults {
  private armed: Armed[] = [];
  private readonly hanging = new Set<() => void>();

  add(request: z.infer<typeof FaultRequestSchema>) {
    const { path, count, ...fault } = request;
    this.armed.push({ path: normalizePath(path), fault: fault as Fault, remaining: count });
  }

  /** The fault for this call, if one is armed for its path (first armed, first used). */
  take(path: string): Fault | undefined {
    const a = this.armed.find((x) => x.path === path);
    if (!a) return undefined;
    a.remaining -= 1;
    if (a.remaining === 0) this.armed = this.armed.filter((x) => x !== a);
    return a.fault;
  }

  list() {
    return this.armed.map((a) => ({ path: a.path, remaining: a.remaining, ...a.fault }));
  }

  clear() {
    this.armed = [];
  }

  /** Resolves on release or after `ms` of real time. */
  hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hanging.delete(done);
        resolve();
      };
      // unref: a call left hanging at the end of a test run must not keep the process alive.
      const timer = setTimeout(done, ms);
      timer.unref();
      this.hanging.add(done);
    });
  }

  /** Lets every hung call finish; answers how many there were. */
  releaseAll(): number {
    const n = this.hanging.size;
    for (const done of [...this.hanging]) done();
    return n;
  }
}
