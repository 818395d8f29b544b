/**
 * Builds the operators' console (src/console/) into Workers Static Assets: `build/assets/`, the
 * `[assets]` directory of wrangler.toml (gitignored; nothing generated is committed).
 *
 *   console.html          served at /console (the shell: one stylesheet, one module script)
 *   console/app-<hash>.*  the bundle, named by content so it can be cached for good
 *   _headers              the console's CSP and cache headers (src/console/_headers)
 *
 * Run by `npm start`, `npm test` and `npm run deploy` before wrangler, and by vitest.config.ts.
 * `tsx scripts/build-console.ts` prints each file's size, raw and gzipped.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'src/console');
export const CONSOLE_ASSETS = join(ROOT, 'build/assets');

export interface BuiltFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildConsole(): Promise<BuiltFile[]> {
  rmSync(CONSOLE_ASSETS, { recursive: true, force: true });
  mkdirSync(CONSOLE_ASSETS, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { app: join(SOURCE, 'main.ts') },
    outdir: join(CONSOLE_ASSETS, 'console'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'safari16'],
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => resolve(ROOT, p));
  const url = (ext: string) => {
    const file = outputs.find((p) => p.endsWith(ext));
    if (!file) throw new Error(`the console build produced no ${ext} file`);
    return `/console/${basename(file)}`;
  };
  const shell = readFileSync(join(SOURCE, 'console.html'), 'utf8').replace('%STYLE%', url('.css')).replace('%SCRIPT%', url('.js'));
  writeFileSync(join(CONSOLE_ASSETS, 'console.html'), shell);
  copyFileSync(join(SOURCE, '_headers'), join(CONSOLE_ASSETS, '_headers'));
  return [join(CONSOLE_ASSETS, 'console.html'), ...outputs].map((path) => {
    const bytes = readFileSync(path);
    return { path: relative(ROOT, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of await buildConsole()) console.log(`${f.path}  ${kib(f.bytes)}  (${kib(f.gzipBytes)} gzipped)`);
}
