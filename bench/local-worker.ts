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

