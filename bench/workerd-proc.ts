import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The workerd processes this Node process started (wrangler's local runtime), read from /proc:
 * Linux only, null elsewhere. CPU is the sum of their threads' on-CPU time from
 * /proc/<pid>/task/<tid>/schedstat (ns resolution): unlike wall-clock time it does not grow when
 * other programs compete for the CPU.
 */
function workerdPids(): number[] | null {
  try {
    const pids: number[] = [];
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) === 'workerd' && Number(stat.slice(close + 2).split(' ')[1]) === process.pid) pids.push(Number(pid));
      } catch {
        // the process ended meanwhile
      }
    }
    return pids;
  } catch {
    return null;
  }
}

/** CPU time (ms) used so far by each thread of this process's workerd children (by thread id), or null. */
export function workerdThreadsCpuMs(): Map<string, number> | null {
  const pids = workerdPids();
  if (!pids || pids.length === 0) return null;
  const threads = new Map<string, number>();
  for (const pid of pids) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) threads.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return threads;
}

/** CPU time (ms) used so far by this process's workerd children, or null. */
export function workerdCpuMs(): number | null {
  const threads = workerdThreadsCpuMs();
  return threads === null ? null : [...threads.values()].reduce((sum, ms) => sum + ms, 0);
}

/** Whether the process holds the persisted state open (local D1, KV, objects): the Worker's runtime, not wrangler's dev proxy. */
function holdsDatabases(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return /\/v3\/(d1|do|kv)\//.test(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * Resident memory (MiB) of this process's workerd children, or null: all of it, and the anonymous
 * part (heaps; the rest is mapped files, such as the local SQLite databases and their WAL), and
 * the anonymous part of each of the two processes wrangler runs: the Worker's runtime (the Worker,
 * every object, local D1 and KV) and its dev proxy (every request passes through it).
 */
export function workerdRssMiB(): { rss: number; anon: number; runtimeAnon: number; proxyAnon: number } | null {
  const pids = workerdPids();
  if (!pids || pids.length === 0) return null;
  const kib = { rss: 0, anon: 0, runtimeAnon: 0, proxyAnon: 0 };
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const anon = Number(/^RssAnon:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      kib.rss += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      kib.anon += anon;
      if (holdsDatabases(pid)) kib.runtimeAnon += anon;
      else kib.proxyAnon += anon;
    } catch {
      // ended meanwhile
    }
  }
  return { rss: kib.rss / 1024, anon: kib.anon / 1024, runtimeAnon: kib.runtimeAnon / 1024, proxyAnon: kib.proxyAnon / 1024 };
}
