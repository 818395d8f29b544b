import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from './index';

/**
 * Serves a simulator over node:http (npm start): each request becomes a fetch Request.
 *
 * A web page the developer visits must not drive it (DNS rebinding, cross-site form posts): only
 * Host 127.0.0.1, localhost or [::1] with this port is answered (421 otherwise); the control API
 * (/_sim/…) needs this run's token in `X-Sim-Token` (401) and JSON bodies (415), and neither
 * passes a browser's cross-site request without a preflight this server never answers.
 */
export interface SimServer {
  url: string;
  /** The control API's token of this run: `X-Sim-Token: <token>`. */
  controlToken: string;
  server: Server;
  close(): Promise<void>;
}

export const CONTROL_TOKEN_HEADER = 'x-sim-token';

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
}

/** Why a request is refused before it reaches the simulator, or null. */
function refusal(req: IncomingMessage, port: number, controlToken: string): [number, string] | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!hosts.includes((req.headers.host ?? '').toLowerCase())) return [421, `this simulator answers only Host ${hosts.join(', ')}`];
  if (!(req.url ?? '').startsWith('/_sim/')) return null;
  if (req.headers[CONTROL_TOKEN_HEADER] !== controlToken) return [401, `the control API needs this run's token in ${CONTROL_TOKEN_HEADER} (npm start passes it to npm run chat)`];
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.headers['content-length'] !== '0' && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined);
  if (hasBody && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return [415, 'the control API takes JSON bodies only (Content-Type: application/json)'];
  return null;
}

function refuse(res: ServerResponse, [status, message]: [number, string]): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: message }));
}

export async function serveSimulator(sim: Simulator, port: number, host = '127.0.0.1', controlToken = randomBytes(24).toString('base64url')): Promise<SimServer> {
  let bound = port;
  const server = createServer((req, res) => {
    const refused = refusal(req, bound, controlToken);
    if (refused) return refuse(res, refused);
    toRequest(req, `http://${host}:${bound}`)
      .then((request) => sim.handle(request))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`simulator error: ${e instanceof Error ? e.message : String(e)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    controlToken,
    server,
    async close() {
      sim.releaseAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
