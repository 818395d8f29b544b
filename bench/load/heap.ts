/**
 * The Worker's isolate's JavaScript heap during a soak (`--heap FILE`), through the inspector:
 * its live size after a full collection at each window, and a heap snapshot at the first window's
 * end and at the soak's end (written as FILE-1.heapsnapshot and FILE-2.heapsnapshot; Chrome
 * DevTools opens them), summed per constructor and diffed, so the isolate's growth shows apart
 * from what the rest of workerd (local D1 and KV, SQLite's page caches, the runtime) holds.
 */
import { createWriteStream } from 'node:fs';
import { InspectorSession } from './inspector';

/** Objects of one kind in a snapshot: how many, and their own (shallow) bytes. */
export interface Kind {
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/**
 * Shallow bytes and counts per constructor (an object's name), the other node types under their
 * own name in brackets, as DevTools' summary groups them: "(string)", "(closure)", "(code)" ….
 */
export function kindsOf(s: Snapshot): Map<string, Kind> {
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = s.snapshot.meta.node_types[0];
  const kinds = new Map<string, Kind>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!]!;
    const name = type === 'object' || type === 'native' ? s.strings[s.nodes[i + nameAt]!]! : type === 'closure' ? `(closure) ${s.strings[s.nodes[i + nameAt]!] || '(anonymous)'}` : `(${type})`;
    const kind = kinds.get(name) ?? { count: 0, bytes: 0 };
    kind.count += 1;
    kind.bytes += s.nodes[i + sizeAt]!;
    kinds.set(name, kind);
  }
  return kinds;
}

export interface HeapWatch {
  /** The live heap (MiB) after a full collection. */
  live(): Promise<number>;
  /** A heap snapshot (it collects first), written to `file`, summed per kind. */
  snapshot(file: string): Promise<Map<string, Kind>>;
  close(): void;
}

export async function watchHeap(inspector: URL): Promise<HeapWatch> {
  const session = await InspectorSession.open(inspector);
  await session.send('HeapProfiler.enable');
  return {
    async live() {
      await session.send('HeapProfiler.collectGarbage');
      const { usedSize } = await session.send<{ usedSize: number }>('Runtime.getHeapUsage');
      return usedSize / 2 ** 20;
    },
    async snapshot(file) {
      const chunks: string[] = [];
      const out = createWriteStream(file);
      session.on('HeapProfiler.addHeapSnapshotChunk', (p) => {
        const { chunk } = p as { chunk: string };
        chunks.push(chunk);
        out.write(chunk);
      });
      await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      return kindsOf(JSON.parse(chunks.join('')) as Snapshot);
    },
    close: () => session.close(),
  };
}

/** The kinds that grew most between two snapshots, in bytes, per message. */
export function printHeapDiff(before: Map<string, Kind>, after: Map<string, Kind>, messages: number, top = 30): void {
  const total = (m: Map<string, Kind>) => [...m.values()].reduce((s, k) => s + k.bytes, 0);
  const grown = [...new Set([...before.keys(), ...after.keys()])].map((name) => {
    const a = before.get(name) ?? { count: 0, bytes: 0 };
    const b = after.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: b.count - a.count, bytes: b.bytes - a.bytes, now: b };
  });
  const kib = (b: number) => (b / 1024).toFixed(1);
  console.log(`\nthe isolate's heap (snapshots, after a full collection): ${kib(total(before))} KiB → ${kib(total(after))} KiB, ${((total(after) - total(before)) / messages).toFixed(0)} bytes per message over ${messages}`);
  console.log(`  ${'grew by (KiB)'.padStart(14)}${'objects'.padStart(10)}${'now (KiB)'.padStart(12)}${'objects now'.padStart(13)}  kind`);
  for (const g of grown.sort((x, y) => y.bytes - x.bytes).slice(0, top)) {
    console.log(`  ${kib(g.bytes).padStart(14)}${String(g.count).padStart(10)}${kib(g.now.bytes).padStart(12)}${String(g.now.count).padStart(13)}  ${g.name}`);
  }
}
