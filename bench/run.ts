/**
 * `npm run bench`: runs every `bench/*.bench.ts` in filename order. Each module's default export
 * runs its measurements and prints its own figures, so a new benchmark is one new file and this
 * runner never changes. `npm run bench -- callback` runs only the modules whose name contains
 * one of the given words.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Loopback only: no telemetry, and no download of the Request.cf object by local workerd.
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts') && (only.length === 0 || only.some((word) => file.includes(word))))
  .sort();

let failed = 0;
for (const file of modules) {
  console.log(`\n== ${file}`);
  try {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
    await module.default();
  } catch (error) {
    failed += 1;
    console.error(`${file} failed:`, error);
  }
}
console.log(`\n${modules.length - failed} benchmark module(s) ran, ${failed} failed`);
// Wrangler and workerd may leave handles behind; the figures are printed, so end here.
process.exit(failed === 0 ? 0 : 1);
