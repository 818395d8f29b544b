/**
 * Per-run timing for `npm run load -- --runs`, off unless the Worker runs with the var
 * LOAD_RUNS = "1" (only the load harness sets it). Each run of an object's work prints one JSON
 * line `{"run": …}`: what started it, how many runs of any object were under way in the isolate
 * as it started (locally the Worker and every object share one isolate and one thread, so runs
 * under way together wait on each other), the time from its start to each phase it reached, and
 * what it did. Times are the isolate's clock (epoch ms; it advances at I/O), so the harness can
 * place them beside its own.
 */

type Fields = Record<string, string | number | boolean | null>;

export interface RunTrace {
  /** The run reached `name` now. */
  phase(name: string): void;
  /** The run ended, having done what `done` says. */
  end(done?: Fields): void;
}

const OFF: RunTrace = { phase: () => undefined, end: () => undefined };

/** Runs started and not ended, in this isolate. */
let underWay = 0;

/**
 * A run of `object` starting now, described by `describe` (what started it, whose it is): read
 * only when tracing is on, so a run untraced pays nothing for it.
 */
export function traceRun(env: object, object: string, describe: () => Fields): RunTrace {
  if ((env as { LOAD_RUNS?: string }).LOAD_RUNS !== '1') return OFF;
  const fields = describe();
  const start = Date.now();
  const concurrent = underWay++;
  const phases: Record<string, number> = {};
  let ended = false;
  return {
    phase: (name) => void (phases[name] = Date.now() - start),
    end: (done = {}) => {
      if (ended) return;
      ended = true;
      underWay--;
      console.log(JSON.stringify({ run: object, start, concurrent, ms: Date.now() - start, phases, ...fields, ...done }));
    },
  };
}
