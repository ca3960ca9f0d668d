// An output folder cannot be lost: concurrent runs into one --out (the second is refused with a
// clear message), a run interrupted by SIGINT or SIGTERM (the temporary folder and lock go, the
// previous run stays), stale leftovers of a dead run (swept), a swap whose rename fails and a disk
// that fills up (the previous run stays whole, one plain line), a symlinked --out and a foreign
// entry (refused). All through the real command.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, expectBadInput, railpilot, tempDir } from './helpers.js';
import { TINY_YAML, edit } from '../scenario/fixtures.js';

const root = tempDir('out-folder');
let n = 0;
/** A scenario that runs for a few seconds: long enough to be caught in the middle. */
const SLOW = edit(TINY_YAML, 'count: 3,', 'count: 3000,');

function folder(): string {
  const dir = join(root.dir, `case-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'tiny.yaml'), TINY_YAML);
  writeFileSync(join(dir, 'slow.yaml'), SLOW);
  return dir;
}

/** A previous run in `dir`/out, and its manifest to compare with later. */
function previousRun(dir: string): string {
  const r = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(dir, 'out', 'manifest.json'), 'utf8');
}

function startSlow(dir: string): { pid: number; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const p = spawn(process.execPath, [BIN, 'run', 'slow.yaml', '--out', 'out', '-q'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return { pid: p.pid!, exit: new Promise((done) => p.on('close', (code, signal) => done({ code, signal, stderr }))) };
}

async function until(what: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.tmp-') || f.includes('.old-') || f.endsWith('.lock'));

afterAll(() => root.cleanup());

describe('concurrent and interrupted runs', () => {
  it('a second run into the same --out while the first writes is refused (exit 2, naming the other run); the first completes', async () => {
    const dir = folder();
    const first = startSlow(dir);
    await until(() => existsSync(join(dir, `out.tmp-${first.pid}`)));
    const second = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir });
    expectBadInput(second);
    expect(second.stderr).toContain(`--out out: another railpilot run (pid ${first.pid}) is writing this folder`);
    const done = await first.exit;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))).toHaveProperty('payments.total', 3002);
    expect(leftovers(dir)).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s in the middle of a run removes its temporary folder and lock and keeps the previous run', async (signal, code) => {
    const dir = folder();
    const before = previousRun(dir);
    const run = startSlow(dir);
    await until(() => existsSync(join(dir, `out.tmp-${run.pid}`)));
    process.kill(run.pid, signal);
    const done = await run.exit;
    // Killed by the signal, which a shell reports as 128 + its number.
    expect(done.signal === signal || done.code === code, JSON.stringify(done)).toBe(true);
    await until(() => leftovers(dir).length === 0, 5_000);
    expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toBe(before);
    const v = railpilot(['verify', 'out'], { cwd: dir });
    expect(v.code, v.stdout).toBe(0);
  });

  it('the temporary folder and lock of a process that no longer exists are swept by the next run', () => {
    const dir = folder();
    const dead = 4_000_000 + Math.floor(Math.random() * 100_000); // above Linux's pid_max
    mkdirSync(join(dir, `out.tmp-${dead}`));
    writeFileSync(join(dir, `out.tmp-${dead}`, 'ledger.jsonl'), '');
    writeFileSync(join(dir, 'out.lock'), String(dead));
    const r = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'out'))).toContain('manifest.json');
  });
});

describe('a failed swap or write leaves the previous run whole', () => {
  /** A preload that makes one file-system call fail with `code` when `when` holds of its first argument. */
  function failing(dir: string, call: 'renameSync' | 'writeSync', code: string, when: string): string[] {
    const preload = join(dir, `fail-${call}.mjs`);
    writeFileSync(
      preload,
      [
        "import fs from 'node:fs';",
        "import { syncBuiltinESMExports } from 'node:module';",
        `const real = fs.${call};`,
        `fs.${call} = function (first, ...rest) {`,
        `  if (${when}) { const e = new Error('${code}: injected'); e.code = '${code}'; throw e; }`,
        '  return real.call(this, first, ...rest);',
        '};',
        'syncBuiltinESMExports();',
        '',
      ].join('\n'),
    );
    return ['--import', pathToFileURL(preload).href];
  }

  it.each([
    ['renameSync', 'EACCES', "String(first).includes('.tmp-')", 'cannot move the new run into place: permission denied (EACCES)'],
    ['renameSync', 'EXDEV', "String(first).endsWith('/out')", 'cannot move the previous run aside: the folder is a mount point'],
    ['writeSync', 'ENOSPC', "typeof first === 'number'", 'the disk is full (ENOSPC)'],
  ] as const)('%s failing with %s', (call, code, when, says) => {
    const dir = folder();
    const before = previousRun(dir);
    const r = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir, nodeArgs: failing(dir, call, code, when) });
    expectBadInput(r);
    expect(r.stderr).toContain(says);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });
  it('a previous run left aside by a swap that died half-way is put back by the next run, even one that then fails', () => {
    const dir = folder();
    const before = previousRun(dir);
    const dead = 4_000_000 + Math.floor(Math.random() * 100_000); // above Linux's pid_max
    renameSync(join(dir, 'out'), join(dir, `out.old-${dead}`));
    const r = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir, nodeArgs: failing(dir, 'renameSync', 'EACCES', "String(first).includes('.tmp-')") });
    expectBadInput(r);
    expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('folders a run does not replace', () => {
  it('a symlinked --out is refused, and what it points to is left alone', () => {
    const dir = folder();
    const before = previousRun(dir);
    symlinkSync('out', join(dir, 'link'));
    const r = railpilot(['run', 'tiny.yaml', '--out', 'link', '-q'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toContain('--out link: is a symbolic link');
    expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toBe(before);
  });

  it('a folder holding a subfolder named like a run file (report.json/) is foreign', () => {
    const dir = folder();
    mkdirSync(join(dir, 'out', 'report.json'), { recursive: true });
    const r = railpilot(['run', 'tiny.yaml', '--out', 'out', '-q'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toContain('--out out: exists and holds report.json, which a run did not write');
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.json']);
  });
});
