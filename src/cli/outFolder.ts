// The output folder's safety: a run replaces only a folder that holds nothing but files a run
// writes; one run at a time writes to a folder (a lock file holding the writer's pid, created
// exclusively); the new run is swapped in atomically (old aside, new in, old deleted), so a
// failure at any step leaves the old run whole; and the temporary folder is removed whatever
// ends the process. The run is synchronous, so a signal handler in this process would only run
// once the simulation is over: a small watcher process removes the temporary folder and the lock
// the moment this process dies, by Ctrl-C, `kill` or a crash, and the next run sweeps what a
// watcher could not (a machine that lost power).

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { BadInput } from './errors.js';

/** The files a run writes: an existing folder holding only these may be replaced. */
export const RUN_FILES = new Set([
  'ledger.jsonl',
  'journal.ledger',
  'trace.jsonl',
  'outcomes.jsonl',
  'report.json',
  'report.md',
  'report.html',
  'manifest.json',
  'scenario.json',
  // The records the report is folded from (railpilot report).
  'run.json',
  'details.jsonl',
  'cycles.jsonl',
]);

/** Whether process `pid` is alive (EPERM: alive, but someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file-system error as one plain line naming --out; other errors pass through. */
export function plainFsError(e: unknown, outDir: string, doing: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'the path is too long',
    EXDEV: 'the folder is a mount point or on another file system than the folder around it',
    EBUSY: 'the folder is in use (a mount point?)',
    EMFILE: 'too many files are open',
  };
  if (code && why[code]) return new BadInput(`--out ${outDir}: cannot ${doing}: ${why[code]} (${code}); the previous contents, if any, are untouched`);
  return e;
}

/** Replacing an earlier run is fine; emptying a folder of someone's own files is not. */
export function refuseForeignFolder(target: string, outDir: string): void {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return; // nothing there yet
  }
  if (st.isSymbolicLink()) throw new BadInput(`--out ${outDir}: is a symbolic link; give the folder itself (railpilot does not replace a link or write through it)`);
  if (!st.isDirectory()) throw new BadInput(`--out ${outDir}: exists and is not a folder`);
  const foreign = readdirSync(target).filter((f) => !RUN_FILES.has(f) || !lstatSync(`${target}/${f}`).isFile());
  if (foreign.length > 0) throw new BadInput(`--out ${outDir}: exists and holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}, which a run did not write; choose an empty or new folder`);
}

/** Takes the lock on `target` (`<target>.lock`, holding our pid), taking over one whose writer died. */
export function lockOut(target: string, outDir: string): () => void {
  const path = `${target}.lock`;
  mkdirSync(dirname(target), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } catch (e) {
        rmSync(path, { force: true });
        throw e;
      } finally {
        closeSync(fd);
      }
      return () => {
        if (readLockPid(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw plainFsError(e, outDir, 'create its lock file');
      const holder = readLockPid(path);
      if ((holder !== undefined && holder !== process.pid && alive(holder)) || attempt > 0) {
        throw new BadInput(`--out ${outDir}: another railpilot run (pid ${holder ?? 'unknown'}) is writing this folder; wait for it to end or choose another --out (lock: ${path})`);
      }
      rmSync(path, { force: true }); // the writer died: its lock is stale
    }
  }
}

function readLockPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const TMP = /\.(tmp|old)-(\d+)$/;

/**
 * Removes the `<out>.tmp-<pid>` folders of processes that are gone, and puts back an
 * `<out>.old-<pid>` a dead swap left aside (its new run never arrived).
 */
export function sweepStale(target: string): void {
  const parent = dirname(target);
  const name = basename(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.startsWith(`${name}.`)) continue;
    const m = TMP.exec(e);
    if (!m || e !== `${name}.${m[1]}-${m[2]}` || alive(Number(m[2]))) continue;
    const path = `${parent}/${e}`;
    if (m[1] === 'tmp') rmSync(path, { recursive: true, force: true });
    else if (!existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}

/** Puts `tmp` in place of `target`: the old run aside, the new in, the old deleted; undone on failure. */
export function swapIn(tmp: string, target: string, outDir: string): void {
  const old = `${target}.old-${process.pid}`;
  const had = existsSync(target);
  try {
    if (had) renameSync(target, old);
  } catch (e) {
    throw plainFsError(e, outDir, 'move the previous run aside');
  }
  try {
    renameSync(tmp, target);
  } catch (e) {
    if (had) renameSync(old, target);
    throw plainFsError(e, outDir, 'move the new run into place');
  }
  if (had) rmSync(old, { recursive: true, force: true });
}

/**
 * A watcher process that, when this process dies before `stop`, removes `tmp` and our lock. It
 * ignores SIGINT and SIGTERM, which a terminal sends to the whole process group.
 */
export function watchOver(tmp: string, target: string): { stop(): void } {
  const code = [
    "const fs = require('node:fs');",
    "process.on('SIGINT', () => {}); process.on('SIGTERM', () => {});",
    "process.on('disconnect', () => {",
    '  const [tmp, lock, pid] = process.argv.slice(1);',
    '  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch {}',
    "  try { if (fs.readFileSync(lock, 'utf8').trim() === pid) fs.rmSync(lock, { force: true }); } catch {}",
    '  process.exit(0);',
    '});',
  ].join('\n');
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, ['-e', code, tmp, `${target}.lock`, String(process.pid)], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' } });
    child.on('error', () => undefined);
    child.unref();
    child.channel?.unref();
  } catch {
    child = undefined; // without a watcher the next run's sweep still removes the folder
  }
  return {
    stop: () => {
      child?.kill('SIGKILL');
    },
  };
}
