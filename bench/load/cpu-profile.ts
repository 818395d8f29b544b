/**
 * A V8 CPU profile of the Worker's isolate (the Worker and every Durable Object: one isolate in
 * wrangler's local runtime) over a load run, taken through wrangler's inspector proxy with the
 * DevTools protocol (`Profiler.start`/`stop`), written as a `.cpuprofile` (Chrome DevTools opens
 * it, the source maps beside it in `<file>.maps.json`) and summed up as self time per function and per source module, found through the bundle's
 * source map (the bundle is minified: a function's name is esbuild's, its module and line the source's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';
import { InspectorSession } from './inspector';

interface CallFrame { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** A profile and, by script id, the source maps of the scripts it sampled. */
export interface Sampled { profile: CpuProfile; maps: Map<string, SourceMap | null>; intervalUs: number }

export interface RunningProfile {
  /** Stops sampling, writes the profile to `file` and returns the modules' sources by script id. */
  stop(file: string): Promise<Sampled>;
}

/** Starts sampling the Worker's isolate every `intervalUs` µs. */
export async function startCpuProfile(inspector: URL, intervalUs = 200): Promise<RunningProfile> {
  const session = await InspectorSession.open(inspector);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.send<{ profile: CpuProfile }>('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      const maps = new Map<string, SourceMap | null>();
      // The sources only after sampling: the debugger's own work stays out of the profile.
      await session.send('Debugger.enable');
      for (const id of new Set(profile.nodes.map((n) => n.callFrame.scriptId))) {
        if (id === '0') continue;
        const { scriptSource } = await session.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: id }).catch(() => ({ scriptSource: '' }));
        maps.set(id, sourceMapOf(scriptSource));
      }
      await session.send('Debugger.disable').catch(() => undefined);
      session.close();
      // The bundle's source map is deleted with wrangler's temporary directory: kept beside the profile.
      writeFileSync(`${file}.maps.json`, JSON.stringify(Object.fromEntries([...maps].flatMap(([id, map]) => (map ? [[id, map.payload]] : [])))));
      return { profile, maps, intervalUs };
    },
  };
}

/** Maps a bundle's positions to the sources through its source map (wrangler writes one beside the bundle while it runs). */
function sourceMapOf(source: string): SourceMap | null {
  const map = /\/\/# sourceMappingURL=(\S+)\s*(?:\/\/# sourceURL=(\S+)\s*)?$/.exec(source);
  if (!map) return null;
  try {
    const url = new URL(map[1]!, map[2] ?? 'file:///');
    return url.protocol === 'file:' ? new SourceMap(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as SourceMapPayload) : null;
  } catch {
    return null;
  }
}

/** Where a frame is: its source module (through the source map) and line, or the runtime's name for a native. */
function place(f: CallFrame, maps: Map<string, SourceMap | null>): { module: string; fn: string } {
  const at = maps.get(f.scriptId)?.findEntry(f.lineNumber, f.columnNumber);
  const mapped = at && 'originalSource' in at ? at : null;
  const module = mapped ? mapped.originalSource.replace(/^.*?(node_modules\/|src\/)/, '$1') : f.scriptId === '0' || !f.url ? `(runtime) ${f.functionName}` : f.url;
  return { module, fn: `${f.functionName || '(anonymous)'}  ${module}:${mapped ? mapped.originalLine + 1 : f.lineNumber + 1}` };
}

/**
 * Self time per module and per function, and total time (self and callees, each sample counted
 * once per function on its stack) per function: the `top` of each, per customer message. Each
 * sample counts as one interval: on a loaded machine the sampler thread itself waits for a core,
 * and the gap the profile records before its next sample (up to hundreds of ms) would be charged
 * to whatever ran then.
 */
export function printCpuProfile({ profile, maps, intervalUs }: Sampled, messages: number, top = 25): void {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const places = new Map(profile.nodes.map((n) => [n.id, place(n.callFrame, maps)]));
  const byModule = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const byTotal = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = intervalUs;
    const id = profile.samples[i]!;
    if (nodes.get(id)!.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    add(byModule, places.get(id)!.module, us);
    add(bySelf, places.get(id)!.fn, us);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(places.get(n)!.fn);
    for (const fn of seen) add(byTotal, fn, us);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${(us / 1000 / messages).toFixed(3).padStart(8)} ms/msg ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  console.log(`\nCPU profile of the Worker's isolate: ${total / intervalUs} samples busy, ${idle / intervalUs} idle, one each ${intervalUs} µs (${(total / 1000 / messages).toFixed(2)} ms per customer message at that interval)`);
  print('self time by module', byModule);
  print('self time by function', bySelf);
  print('total time by function (with its callees)', byTotal);
}
