import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestHarness, type TestHarness } from 'wrangler';
import type { Simulator, SimIdentity } from '../../src/simulator';
import { serveSimulator, type SimServer } from '../../src/simulator/http';

/** What the browser tests share: the real Worker under wrangler's test harness, and Debian's chromium. */

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServedWorker {
  simServer: SimServer;
  server: TestHarness;
  base: URL;
}

/** The Worker served locally, with `sim` served behind WECOM_API_BASE and the D1 migrations applied; `vars` adds settings. */
export async function serveWorker(sim: Simulator, identity: SimIdentity, adminToken: string, vars: Record<string, string> = {}): Promise<ServedWorker> {
  // No call to Cloudflare for the Request.cf placeholder and no telemetry: the test runs offline.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
  process.env.WRANGLER_SEND_METRICS = 'false';
  const simServer = await serveSimulator(sim, 0);
  const server = createTestHarness({
    root: ROOT,
    workers: [
      {
        configPath: './wrangler.toml',
        vars: { WECOM_CORP_ID: identity.corpId, WECOM_API_BASE: simServer.url, ...vars },
        secrets: { ADMIN_TOKEN: adminToken, WECOM_TOKEN: identity.token, WECOM_ENCODING_AES_KEY: identity.encodingAesKey, WECOM_KF_SECRET: identity.kfSecret },
      },
    ],
  });
  const { url: base } = await server.listen();
  await server.getWorker().applyD1Migrations('DB');
  return { simServer, server, base };
}

/** Headless chromium, never downloaded, with nothing running in the background. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Collects a page's console errors, page errors and CSP violations into `problems` (and its console warnings into `warnings`). */
export async function watchPage(page: Page, problems: string[], warnings: string[] = []): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Runs outside the page's CSP (injected by the browser), so it sees what the policy refuses.
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
}

/** Stops what serveWorker and launchChromium started (whatever of it did start). */
export async function stopAll(browser: Browser | undefined, served: Partial<ServedWorker>): Promise<void> {
  await browser?.close();
  await served.server?.close();
  await served.simServer?.close();
}
