// Spawning the real, compiled `railpilot` command (`npm test` builds it first; by hand run
// `npx tsc -p tsconfig.build.json`), and the checks every bad-input test makes.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Arguments for node itself, before the script (e.g. `--import`). */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs `railpilot ...args` as a child process and waits for it. */
export function railpilot(args: readonly string[], opts: CliOptions = {}): CliResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm run build)`);
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (!opts.env?.RAILPILOT_DEBUG) delete env.RAILPILOT_DEBUG;
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    cwd: opts.cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `railpilot ...args` as a child process, without blocking: for tests that run many at once. */
export function railpilotAsync(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (!opts.env?.RAILPILOT_DEBUG) delete env.RAILPILOT_DEBUG;
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    p.on('error', fail);
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A fresh temporary folder; `cleanup` removes it. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `railpilot-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFixture(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** Lines a Node stack trace is made of. */
export const STACK_LINE = /^\s+at\s/m;

/** The outcome of any bad input: exit 2, a plain message on stderr, nothing on stdout. */
export function expectBadInput(r: CliResult): void {
  expect(r.code, `stderr: ${r.stderr}`).toBe(2);
  expect(r.stderr.trim()).not.toBe('');
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stdout).toBe('');
}

/** The folder holds exactly `before`: no output folder and no `*.tmp-*` sibling left behind. */
export function expectNothingWritten(dir: string, before: readonly string[]): void {
  const after = readdirSync(dir).sort();
  expect(after.filter((f) => f.includes('.tmp-'))).toEqual([]);
  expect(after).toEqual([...before].sort());
}

/** `s` with regular-expression characters escaped. */
export function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Node arguments for a preload that breaks conservation by hand in the built simulator: right
 * after the first coin is submitted to a chain, it pays importer-msk a "refund" of 1.00 RUB out of
 * external:funding, which only opening balances at setup may move. Balanced, so the ledger takes it.
 */
export function refundFromFundingPreload(dir: string): string[] {
  const ledger = pathToFileURL(join(BIN, '..', '..', 'ledger', 'ledger.js')).href;
  const preload = join(dir, 'refund-from-funding.mjs');
  writeFileSync(
    preload,
    [
      `import { Ledger } from ${JSON.stringify(ledger)};`,
      'const post = Ledger.prototype.post;',
      'let rub, done = false;',
      'Ledger.prototype.post = function (input) {',
      '  const entry = post.call(this, input);',
      "  rub ??= input.postings.find((p) => p.amount.asset.code === 'RUB')?.amount.asset;",
      "  if (!done && input.kind === 'chain.submitted') {",
      '    done = true;',
      "    post.call(this, { time: input.time, flow: input.flow, kind: 'bank.refund', memo: 'a refund out of the funding account', postings: [",
      "      { account: 'external:funding', amount: { asset: rub, minor: -100n } },",
      "      { account: 'banks:bank-a:importer-msk', amount: { asset: rub, minor: 100n } },",
      '    ] });',
      '  }',
      '  return entry;',
      '};',
      '',
    ].join('\n'),
  );
  return ['--import', pathToFileURL(preload).href];
}

/**
 * Rewrites a run folder's manifest.json over the folder as it now is: a tamperer who also forges
 * the manifest, so that only what verify recomputes from the records can catch the edit.
 */
export function reseal(dir: string): void {
  const path = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, string> };
  for (const f of Object.keys(m.files)) m.files[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
}
