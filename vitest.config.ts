import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    test: {
      projects: [
        {
          // Pure logic (protocol, rule engines, conversation decisions): plain Node, fast.
          test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
        },
        {
          // Everything with bindings: the real Worker, Durable Objects, D1 and KV inside workerd.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  WECOM_CORP_ID: 'wwtestcorp0000001',
                  WECOM_TOKEN: 'testtoken',
                  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
                  WECOM_KF_SECRET: 'test-kf-secret',
                  WECOM_API_BASE: 'http://wecom.test',
                  ADMIN_TOKEN: 'test-admin-token',
                },
              },
            }),
          ],
          // One file at a time: the WeCom simulator is a single Node-side instance shared by all files.
          test: { name: 'worker', include: ['test/worker/**/*.test.ts'], fileParallelism: false },
        },
      ],
    },
  };
});
