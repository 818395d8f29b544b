import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { tsImport } from 'tsx/esm/api';

// The test identity, shared by the Worker's bindings and the WeCom simulator that plays WeCom.
const wecom = {
  corpId: 'wwtestcorp00000001',
  token: 'testtoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  kfSecret: 'test-kf-secret-0123456789abcdefghijklmnopqr',
};

// Many-corps mode's settings (a third-party suite), for the worker-suite project.
const SUITE_BINDINGS = {
  WECOM_PROVIDER_CORP_ID: 'wwprovider00000001',
  WECOM_SUITE_ID: 'wwsuite00000000001',
  WECOM_SUITE_SECRET: 'suite-secret-0123456789abcdefghij',
  WECOM_SUITE_TOKEN: 'suitetoken',
  WECOM_SUITE_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  // wrangler.toml's [assets] directory: the console, built before any Worker starts.
  const { buildConsole } = (await tsImport('./scripts/build-console.ts', import.meta.url)) as typeof import('./scripts/build-console');
  await buildConsole();
  // The WeCom simulator runs in Node. Loaded through tsx: its extensionless TypeScript imports are
  // not something a config loader has to understand (Vite's coming native loader would not).
  const { createSimulator } = (await tsImport('./src/simulator/index.ts', import.meta.url)) as typeof import('./src/simulator');
  const workerProject = (name: string, include: string[], bindings: Record<string, string> = {}) => ({
    // Everything with bindings: the real Worker, Durable Objects, D1 and KV inside workerd.
    plugins: [
      // A function: the plugin calls it for each workerd runtime it starts, and each test file
      // runs in a runtime of its own (its own D1, KV and Durable Objects). Each runtime gets
      // its own simulator world here, so files running side by side never see each other's
      // accounts, sessions, sent messages, tokens or sync_msg log. Every outbound fetch of
      // the Worker, its objects and the tests (to http://wecom.test) lands in that world;
      // tests reset it (test/worker/support).
      cloudflareTest(() => {
        const sim = createSimulator({ identity: wecom });
        return {
          wrangler: { configPath: './wrangler.toml' },
          miniflare: {
            outboundService: (request: Request) => sim.handle(request),
            bindings: {
              TEST_MIGRATIONS: migrations,
              WECOM_CORP_ID: wecom.corpId,
              WECOM_TOKEN: wecom.token,
              WECOM_ENCODING_AES_KEY: wecom.encodingAesKey,
              WECOM_KF_SECRET: wecom.kfSecret,
              WECOM_API_BASE: 'http://wecom.test',
              ADMIN_TOKEN: 'test-admin-token-of-32-characters-at-least',
              // The console's QR sign-in (test/worker/console-signin.test.ts).
              WECOM_AGENT_ID: '1000002',
              CONSOLE_MEMBERS: JSON.stringify([
                { userid: 'zhangsan', name: '张三', role: 'admin' },
                { userid: 'lisi', name: '李四', role: 'operator' },
                { userid: 'wangwu', role: 'viewer' },
              ]),
              // `npm run fuzz` lengthens the property tests inside workerd too (test/support/fuzz.ts).
              FUZZ_SCALE: process.env.FUZZ_SCALE ?? '',
              FUZZ_SEED: process.env.FUZZ_SEED ?? '',
              ...bindings,
            },
          },
        };
      }),
    ],
    // Files run side by side, each in its own runtime and simulator world; two at a time
    // suit the 2-core machine (the Node side, the simulators included, needs a share too).
    // The timeout guards against hangs, not speed: on a shared, loaded machine a test whose
    // file shares the cores can take several times its usual second. A project with its own
    // maxWorkers runs in a group of its own: after the unit and browser projects.
    test: {
      name,
      include,
      setupFiles: ['test/worker/support/setup.ts'],
      maxWorkers: 2,
      sequence: { groupOrder: 1 },
      testTimeout: 30_000,
    },
  });
  return {
    test: {
      projects: [
        {
          // Pure logic (protocol, rule engines, conversation decisions): plain Node, fast.
          test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
        },
        workerProject('worker', ['test/worker/**/*.test.ts']),
        // The same Worker in many-corps mode: its Durable Objects read the suite's settings from their
        // env, as deployed (test/worker/support/suite.ts has the same suite for the simulator).
        workerProject('worker-suite', ['test/worker-suite/**/*.test.ts'], SUITE_BINDINGS),
        {
          // The console in Debian's chromium against the Worker served by wrangler's test harness.
          test: { name: 'browser', include: ['test/browser/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 180_000 },
        },
      ],
    },
  };
});
