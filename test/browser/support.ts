import { resolve } from 'node:path';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** Calls the admin API with the operator's bearer token; a refusal throws with its status and answer. */
export type AdminApi = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

export function adminApi(base: URL, token: string): AdminApi {
  return async (method, path, body) => {
    const r = await fetch(new URL(`/admin/api${path}`, base), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
    return JSON.parse(text);
  };
}

/** Drives the simulator's control routes (/_sim/…) in process; a refusal throws. */
export type SimControl = (path: string, body?: unknown) => Promise<any>;

export function simControl(sim: Simulator): SimControl {
  return async (path, body) => {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const r = await sim.handle(new Request(`http://sim${path}`, init));
    if (!r.ok) throw new Error(`simulator ${path} answered ${r.status}: ${await r.text()}`);
    return r.json();
  };
}

/** The console's landmarks and moves as the operator uses them, with screenshots saved under `shots`. */
export interface ConsoleUi {
  nav(name: string): Locator;
  heading(): Locator;
  main(): Locator;
  /** The section.panel headed `title`. */
  panelOf(title: string): Locator;
  /** A 数据报表 figure's value. */
  kpi(id: string): Locator;
  /** Opens a page from the navigation and waits until it has loaded. */
  open(name: string): Promise<void>;
  /** What the operator sees (the viewport, not the whole page: the header and save bar are sticky). */
  shot(name: string): Promise<Buffer>;
  downloadOf(click: () => Promise<void>): Promise<Download>;
}

export function consoleUi(page: Page, shots: string): ConsoleUi {
  const ui: ConsoleUi = {
    nav: (name) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }),
    heading: () => page.getByRole('heading', { level: 1 }),
    main: () => page.locator('main'),
    panelOf: (title) => page.locator('section.panel', { has: page.getByRole('heading', { level: 2, name: title, exact: true }) }),
    kpi: (id) => page.locator(`[data-kpi="${id}"] b`),
    async open(name) {
      await ui.nav(name).click();
      await expect.poll(() => ui.heading().textContent()).toBe(name);
      await expect.poll(() => ui.main().textContent()).not.toContain('加载中…');
    },
    shot: (name) => page.screenshot({ path: resolve(shots, `${name}.png`) }),
    async downloadOf(click) {
      const download = page.waitForEvent('download');
      await click();
      return download;
    },
  };
  return ui;
}
