/**
 * A DevTools protocol session with the Worker's isolate through wrangler's inspector proxy (the
 * Worker and every Durable Object: one isolate in the local runtime), for the CPU profile and the
 * heap snapshots of `npm run load`.
 */
import { createRequire } from 'node:module';

/** The `ws` client (a dependency of wrangler): it sets the Origin header the proxy requires, which Node's own WebSocket cannot. */
interface Socket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (e: Error) => void): void;
  send(data: string): void;
  close(): void;
}
const WebSocketClient = createRequire(import.meta.url)('ws') as new (url: string, options: { headers: Record<string, string>; maxPayload: number }) => Socket;

export class InspectorSession {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Map<string, (params: unknown) => void>();
  private constructor(private readonly socket: Socket) {
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      if (m.id === undefined) {
        if (m.method) this.listeners.get(m.method)?.(m.params);
        return;
      }
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message));
      else w.resolve(m.result);
    });
    socket.on('close', () => {
      for (const w of this.waiting.values()) w.reject(new Error('the inspector closed the connection'));
      this.waiting.clear();
    });
  }

  static async open(inspector: URL): Promise<InspectorSession> {
    const targets = (await (await fetch(new URL('/json', inspector.href.replace(/^ws/, 'http')))).json()) as { webSocketDebuggerUrl: string }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target at ${inspector.href}`);
    const socket = new WebSocketClient(url, { headers: { Origin: 'http://localhost' }, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    return new InspectorSession(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Calls `listener` with each event `method` (one listener per method). */
  on(method: string, listener: (params: unknown) => void): void {
    this.listeners.set(method, listener);
  }

  close(): void {
    this.socket.close();
  }
}
