/**
 * Runs the `wrangler` found on PATH (`npm run` puts node_modules/.bin first; tests put a stand-in
 * there). Output is piped, which also makes wrangler non-interactive: it answers its own prompts
 * with their defaults and does not write provisioned ids back into wrangler.toml. Anything secret
 * goes in through stdin, never as an argument.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

export interface WranglerRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface WranglerOptions {
  cwd: string;
  /** Written to wrangler's stdin, which is closed either way. */
  input?: string;
  env?: Record<string, string>;
  /** Each output line as it arrives (stdout and stderr), for the person watching. */
  echo?: (line: string) => void;
}

export function runWrangler(args: string[], options: WranglerOptions): Promise<WranglerRun> {
  return new Promise((resolve) => {
    const child = spawn('wrangler', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: string[] = [];
    const err: string[] = [];
    for (const [stream, sink] of [
      [child.stdout, out],
      [child.stderr, err],
    ] as const) {
      createInterface({ input: stream }).on('line', (line) => {
        sink.push(line);
        if (line.trim()) options.echo?.(line);
      });
    }
    child.once('error', (e: NodeJS.ErrnoException) => {
      const hint = e.code === 'ENOENT' ? 'wrangler is not on PATH: run `npm install`, then use `npm run …`' : e.message;
      resolve({ code: 127, stdout: '', stderr: hint });
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout: out.join('\n'), stderr: err.join('\n') }));
    child.stdin.on('error', () => {}); // wrangler may exit before reading; its exit code tells
    child.stdin.end(options.input ?? '');
  });
}

/** The last meaningful line of a failed run, to name the cause in one line. */
export function lastError(run: WranglerRun): string {
  const lines = stripVTControlCharacters(`${run.stderr}\n${run.stdout}`).split('\n').map((l) => l.trim()).filter((l) => l && !/^[─━-]+$/.test(l));
  const marked = lines.filter((l) => /✘|ERROR|Error/.test(l));
  return (marked.at(-1) ?? lines.at(-1) ?? `wrangler exited with ${run.code}`).replace(/^\W*\[ERROR\]\s*/, '');
}
