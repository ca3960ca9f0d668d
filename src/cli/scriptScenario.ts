// A scenario script is code, so it runs isolated: in a child process with a time limit, which
// hands back only the plain data of its default export. Whatever the script does (throws
// anything, rejects, calls process.exit or process.chdir, loops for ever) ends as a message with
// its own line, never as a false "valid", a stack trace of ours, or a change to this process.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildReply } from './scriptChild.js';

/** How long a script may run, in ms; RAILPILOT_SCRIPT_TIMEOUT_MS overrides it (tests shorten it). */
const DEFAULT_TIMEOUT_MS = 30_000;

export type ScriptResult = { ok: true; exported: unknown } | { ok: false; message: string; line?: number; column?: number };

function timeoutMs(): number {
  const v = Number(process.env.RAILPILOT_SCRIPT_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}

/** Runs `file` in a child process and returns its default export as plain data. */
export function runScript(file: string): Promise<ScriptResult> {
  const child = new URL(import.meta.url.endsWith('.ts') ? './scriptChild.ts' : './scriptChild.js', import.meta.url);
  // Under the test runner this module is TypeScript; the child then needs tsx to start.
  const nodeArgs = import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const limit = timeoutMs();
  return new Promise((done) => {
    const p = spawn(process.execPath, [...nodeArgs, fileURLToPath(child), resolve(file)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let reply: ChildReply | undefined;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, limit);
    p.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    p.on('message', (m) => (reply ??= m as ChildReply));
    p.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, message: `cannot run the script: ${e.message}` });
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return done({ ok: false, message: `the script did not finish within ${limit / 1000} s; a scenario script must compute its scenario and end` });
      if (reply?.ok) return done({ ok: true, exported: reply.exported });
      if (reply) return done({ ok: false, message: `cannot load the script: ${reply.message}`, ...(reply.line !== undefined ? { line: reply.line, column: reply.column } : {}) });
      const last = stderr.trim().split('\n').filter((l) => !/^\s+at\s/.test(l)).at(-1);
      done({ ok: false, message: `the script ended (${signal ?? `exit code ${code}`}) before handing over a scenario${last ? `: ${last.slice(0, 200)}` : ''}` });
    });
  });
}
