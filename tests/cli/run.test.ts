// `railpilot run`: the output files (DESIGN.md's five and report.html), the seed, the JSON form, an internal
// error (exit 3, no stack, no folder left behind), and a broken built-in invariant (exit 1, no folder).

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_NAME, TINY_PAYMENTS, TINY_YAML, tinyJson } from '../scenario/fixtures.js';
import { STACK_LINE, expectBadInput, expectNothingWritten, railpilot, refundFromFundingPreload, tempDir } from './helpers.js';

const OUTPUTS = ['cycles.jsonl', 'details.jsonl', 'journal.ledger', 'ledger.jsonl', 'manifest.json', 'outcomes.jsonl', 'report.html', 'report.json', 'report.md', 'run.json', 'scenario.json', 'trace.jsonl'];

let root: { dir: string; cleanup(): void };
let n = 0;
beforeAll(() => {
  root = tempDir('run');
});
afterAll(() => root.cleanup());

/** A fresh folder holding the tiny scenario as YAML and as JSON. */
function scenarioFolder(): string {
  const dir = join(root.dir, `case-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'tiny.yaml'), TINY_YAML);
  writeFileSync(join(dir, 'tiny.json'), tinyJson());
  return dir;
}

interface ReportJson {
  scenario: { name: string; seed: number };
  payments: { total: number; byStatus: Record<string, number> };
}

function readReport(out: string): ReportJson {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportJson;
}

function jsonLines(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('railpilot run', () => {
  it('writes ledger.jsonl, journal.ledger, trace.jsonl, report.json and report.md, and exits 0', () => {
    const dir = scenarioFolder();
    const r = railpilot(['run', 'tiny.yaml', '--out', 'results/tiny', '--seed', '11'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(TINY_NAME);
    expect(r.stdout).toMatch(/wrote results\/tiny\//);

    const out = join(dir, 'results', 'tiny');
    expect(readdirSync(out).sort()).toEqual(OUTPUTS);
    expect(readdirSync(join(dir, 'results'))).toEqual(['tiny']); // no *.tmp-* sibling
    // A scenario without NPCS clearing has no clearing cycles: cycles.jsonl is empty.
    for (const f of OUTPUTS.filter((f) => f !== 'cycles.jsonl')) expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(0);

    const report = readReport(out);
    expect(report.scenario).toMatchObject({ name: TINY_NAME, seed: 11 });
    expect(report.payments.total).toBe(TINY_PAYMENTS);
    expect(report.payments.byStatus.rejected).toBeGreaterThanOrEqual(1); // the sanctioned supplier

    expect(jsonLines(join(out, 'ledger.jsonl')).length).toBeGreaterThan(0);
    expect(jsonLines(join(out, 'trace.jsonl')).length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'journal.ledger'), 'utf8')).toMatch(/^2024-09-02 /m);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(TINY_NAME);
  });

  it("uses the scenario's own seed without --seed", () => {
    const dir = scenarioFolder();
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readReport(join(dir, 'o')).scenario.seed).toBe(7);
  });

  it('prints nothing with -q', () => {
    const dir = scenarioFolder();
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(readdirSync(join(dir, 'o')).sort()).toEqual(OUTPUTS);
  });

  it('runs the JSON form of a scenario like its YAML form', () => {
    const dir = scenarioFolder();
    expect(railpilot(['run', 'tiny.yaml', '--out', 'from-yaml', '-q'], { cwd: dir }).code).toBe(0);
    const r = railpilot(['run', 'tiny.json', '--out', 'from-json', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'from-json')).sort()).toEqual(OUTPUTS);
    for (const f of OUTPUTS) {
      expect(readFileSync(join(dir, 'from-json', f), 'utf8'), f).toBe(readFileSync(join(dir, 'from-yaml', f), 'utf8'));
    }
  });

  it('replaces an earlier run in the same folder', () => {
    const dir = scenarioFolder();
    expect(railpilot(['run', 'tiny.yaml', '--out', 'o', '-q', '--seed', '1'], { cwd: dir }).code).toBe(0);
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q', '--seed', '2'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'o')).sort()).toEqual(OUTPUTS);
    expect(readFileSync(join(dir, 'o', 'report.json'), 'utf8')).toContain('"seed": 2');
  });

  it('refuses to replace a folder holding files a run did not write, and leaves them alone', () => {
    const dir = scenarioFolder();
    mkdirSync(join(dir, 'o'));
    writeFileSync(join(dir, 'o', 'thesis.txt'), 'mine\n');
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toContain('--out o: exists and holds thesis.txt, which a run did not write');
    expect(readdirSync(join(dir, 'o'))).toEqual(['thesis.txt']);
  });
});

describe('railpilot run: internal errors', () => {
  /** A preload that makes the final rename of the output folder fail, as a disk could. */
  function failingRename(dir: string): string[] {
    const preload = join(dir, 'fail-rename.mjs');
    writeFileSync(
      preload,
      [
        "import fs from 'node:fs';",
        "import { syncBuiltinESMExports } from 'node:module';",
        "fs.renameSync = () => { throw new Error('simulated disk failure'); };",
        'syncBuiltinESMExports();',
        '',
      ].join('\n'),
    );
    return ['--import', pathToFileURL(preload).href];
  }

  it('exits 3 with a one-line reason and no stack trace, and leaves no folder behind', () => {
    const dir = scenarioFolder();
    const nodeArgs = failingRename(dir);
    const before = readdirSync(dir);
    const r = railpilot(['run', 'tiny.yaml', '--out', 'results/tiny', '-q'], { cwd: dir, nodeArgs });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('please report it');
    expect(r.stderr).toMatch(/^railpilot: internal error: simulated disk failure$/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
    // The parent folder is created before the rename; what matters is that it holds nothing.
    expect(existsSync(join(dir, 'results', 'tiny'))).toBe(false);
    if (existsSync(join(dir, 'results'))) expect(readdirSync(join(dir, 'results'))).toEqual([]);
    expectNothingWritten(dir, existsSync(join(dir, 'results')) ? [...before, 'results'] : before);
  });

  it('shows the stack of an internal error only with RAILPILOT_DEBUG=1', () => {
    const dir = scenarioFolder();
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir, nodeArgs: failingRename(dir), env: { RAILPILOT_DEBUG: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(STACK_LINE);
  });

  // Bug: an --out folder that cannot be created (here its parent is a regular file) is a bad
  // argument, but the CLI reports "railpilot: internal error: ENOTDIR: not a directory, unlink
  // '<dir>/not-a-folder/run.tmp-<pid>'" plus "please report it", and exits 1 instead of 2.
  it('an --out whose parent is a file is bad input (exit 2), not an internal error', () => {
    const dir = scenarioFolder();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const r = railpilot(['run', 'tiny.yaml', '--out', 'not-a-folder/run', '-q'], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not-a-folder/run');
  });
});

describe('railpilot run: a built-in invariant broken while the run streams', () => {
  it('stops with exit 1 naming the invariant, the flow and the entry, and writes no folder', () => {
    const dir = scenarioFolder();
    const before = readdirSync(dir);
    const nodeArgs = refundFromFundingPreload(dir);
    const r = railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir, nodeArgs });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^railpilot: invariant conservation failed: E\d+ \(bank\.refund of first-order\) moves external:funding: opening balances move only by funding$/m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expectNothingWritten(dir, [...before, 'refund-from-funding.mjs']);
  });

  it('the same run without the breach exits 0 and its folder passes verify', () => {
    const dir = scenarioFolder();
    expect(railpilot(['run', 'tiny.yaml', '--out', 'o', '-q'], { cwd: dir }).code).toBe(0);
    const v = railpilot(['verify', 'o'], { cwd: dir });
    expect(v.code, v.stdout).toBe(0);
  });
});
