/**
 * Defaults shared by the simulator, `npm start` and `npm run chat`, kept in one place so the
 * scripts agree on ports and on the demo kf account.
 */
export const LOCAL_HOST = '127.0.0.1';
/** `wrangler dev`'s port. */
export const WORKER_PORT = Number(process.env.WORKER_PORT ?? 8787);
/** The simulator's HTTP port (API under /cgi-bin, control under /_sim). */
export const SIM_PORT = Number(process.env.SIM_PORT ?? 8788);
/** Where `npm run chat` finds the simulator; override with SIM_URL. */
export const SIM_URL = process.env.SIM_URL ?? `http://${LOCAL_HOST}:${SIM_PORT}`;
/** Where `npm start` leaves the simulator's control token for `npm run chat` (0600, removed on exit); SIM_TOKEN overrides. */
export const SIM_TOKEN_FILE = '.wrangler/sim-control-token';
/** The demo's kf accounts: 售前 (pre-sales) and 售后 (after-sales). */
export const DEMO_KF = { presale: 'wkDemoRetailPresale0001', aftersale: 'wkDemoRetailAfter00002' } as const;
/** The path WeCom posts callbacks to; the contract's route. */
export const CALLBACK_PATH = '/wecom/callback';
/** The demo self-built app's AgentId (the web login's `agentid`). */
export const DEMO_AGENT_ID = '1000002';
