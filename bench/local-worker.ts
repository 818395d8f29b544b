import { unstable_startWorker } from 'wrangler';

/** A Worker on 127.0.0.1 through wrangler (the benches' local stand-in for the edge), quiet and without an inspector. */

export type StartedWorker = Awaited<ReturnType<typeof unstable_startWorker>>;

export async function startWorker(input: Record<string, unknown>): Promise<{ worker: StartedWorker; url: URL }> {
  const worker = await unstable_startWorker({
    ...input,
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      logLevel: 'error',
      // The Worker logs one line per callback; printing thousands would measure the terminal.
      structuredLogsHandler: () => undefined,
      ...(input.dev as object | undefined),
    },
  } as Parameters<typeof unstable_startWorker>[0]);
  await worker.ready;
  return { worker, url: await worker.url };
}


/** A plain-text binding as wrangler's startWorker takes it. */
export const plain = (value: string) => ({ type: 'plain_text', value });

/** The Worker's WeCom settings for a run against the simulator served at `simulatorUrl`. */
export function simulatorBindings(
  identity: { corpId: string; token: string; encodingAesKey: string; kfSecret: string },
  simulatorUrl: string,
  adminToken: string,
): Record<string, ReturnType<typeof plain>> {
  return {
    WECOM_CORP_ID: plain(identity.corpId),
    WECOM_TOKEN: plain(identity.token),
    WECOM_ENCODING_AES_KEY: plain(identity.encodingAesKey),
    WECOM_KF_SECRET: plain(identity.kfSecret),
    WECOM_API_BASE: plain(simulatorUrl),
    WECOM_REPLAY_WINDOW_S: plain('300'),
    ADMIN_TOKEN: plain(adminToken),
  };
}
