// Reading a scenario from disk: the file is checked before it is read (a regular file, under a
// size ceiling, so `check /dev/zero` or a 200 MB YAML file is refused at once rather than read
// until memory runs out), then parsed by the platform-free parseScenario. A script scenario
// (.ts/.js) is code: it is executed, isolated in a child process (scriptScenario.ts).

import { compileScenario } from '../scenario/compile.js';
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';
import { extname } from 'node:path';
import { parseScenario, problemsFromZod, type LoadResult } from '../scenario/load.js';
import { DEFAULT_LIMITS, limitProblems, type Limits } from '../scenario/limits.js';
import { scenarioSchema } from '../scenario/schema.js';
import { runScript } from './scriptScenario.js';

/** The largest scenario file read: 16 MiB, far beyond a hand-written file; `generate` covers bulk. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

const fail = (file: string, message: string): LoadResult => ({ ok: false, file, problems: [{ path: '', message }] });

/** The text of `file`, or why it cannot be read; never more than MAX_FILE_BYTES read. */
function readText(file: string): { text: string } | { why: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { why: code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot open it (${code ?? (e as Error).message})` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { why: 'is a folder, not a file' };
    if (!st.isFile()) return { why: 'is not a regular file (a device, pipe or socket); expected a scenario file' };
    if (st.size > MAX_FILE_BYTES) return { why: `is ${st.size.toLocaleString('en-US')} bytes, more than the ${MAX_FILE_BYTES.toLocaleString('en-US')} a scenario file may have; use generate: for many payments` };
    // Read at most one byte past the ceiling: a file that grows while read is refused too.
    const buffer = Buffer.alloc(Math.min(st.size, MAX_FILE_BYTES) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buffer, n, buffer.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_FILE_BYTES) return { why: `grew past ${MAX_FILE_BYTES.toLocaleString('en-US')} bytes while it was read` };
      if (n === buffer.length) break;
    }
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer.subarray(0, n));
    return { text };
  } catch (e) {
    if (e instanceof TypeError) return { why: 'is not UTF-8 text' };
    const code = (e as NodeJS.ErrnoException).code;
    return { why: code === 'EISDIR' ? 'is a folder, not a file' : `cannot read it (${code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** A YAML or JSON scenario file, validated and within `limits`. */
export function loadScenario(file: string, limits: Limits = DEFAULT_LIMITS): LoadResult {
  const r = readText(file);
  if ('why' in r) return fail(file, `cannot read: ${r.why}`);
  return parseScenario(file, r.text, { check: (s) => limitProblems(s, limits) });
}

/** A scenario from a YAML or JSON file, or from a script module's default export. */
export async function loadScenarioFile(file: string, limits: Limits = DEFAULT_LIMITS): Promise<LoadResult> {
  if (!MODULE_EXTENSIONS.has(extname(file).toLowerCase())) return loadScenario(file, limits);
  const r = readText(file);
  if ('why' in r) return fail(file, `cannot read: ${r.why}`);
  const ran = await runScript(file);
  if (!ran.ok) return { ok: false, file, problems: [{ path: '', message: ran.message, ...(ran.line !== undefined ? { line: ran.line, column: ran.column ?? 1 } : {}) }] };
  if (ran.exported === undefined) return fail(file, 'expected a default export: export default defineScenario({...})');
  if (ran.exported === null || typeof ran.exported !== 'object' || Array.isArray(ran.exported)) {
    return fail(file, `expected a mapping of scenario fields as the default export, got ${Array.isArray(ran.exported) ? 'a list' : `${typeof ran.exported} ${String(JSON.stringify(ran.exported)).slice(0, 40)}`}`);
  }
  const parsed = scenarioSchema.safeParse(ran.exported);
  if (!parsed.success) return { ok: false, file, problems: problemsFromZod(parsed.error, ran.exported) };
  const problems = limitProblems(parsed.data, limits);
  if (problems.length > 0) return { ok: false, file, problems };
  return { ok: true, scenario: compileScenario(parsed.data) };
}
