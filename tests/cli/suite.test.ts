// `railpilot suite`: runs every scenario of a folder to <out>/<name>/, but validates them all
// first: one bad file means exit 2 and no output folder at all.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_CASES, TINY_NAME, TINY_YAML, edit, tinyJson } from '../scenario/fixtures.js';
import { expectBadInput, expectNothingWritten, railpilot, refundFromFundingPreload, tempDir } from './helpers.js';

const OUTPUTS = ['cycles.jsonl', 'details.jsonl', 'journal.ledger', 'ledger.jsonl', 'manifest.json', 'outcomes.jsonl', 'report.html', 'report.json', 'report.md', 'run.json', 'scenario.json', 'trace.jsonl'];
const OTHER_YAML = edit(TINY_YAML, `name: ${TINY_NAME}`, 'name: tiny-other');
const badText = (name: string) => BAD_CASES.find((c) => c.name === name)!.text;

let root: { dir: string; cleanup(): void };
let n = 0;
beforeAll(() => {
  root = tempDir('suite');
});
afterAll(() => root.cleanup());

/** A fresh folder with a `scenarios/` folder holding `files`. */
function suiteFolder(files: Record<string, string>): string {
  const dir = join(root.dir, `case-${++n}`);
  mkdirSync(join(dir, 'scenarios'), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, 'scenarios', f), text);
  return dir;
}

describe('railpilot suite', () => {
  it('writes summary.json and summary.csv to --out: one row per scenario, figures as in each report.json', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML, 'c.yml': OTHER_YAML });
    const r = railpilot(['suite', 'scenarios', '--out', 'results', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('summary.json and summary.csv');
    const json = JSON.parse(readFileSync(join(dir, 'results', 'summary.json'), 'utf8')) as Record<string, unknown>[];
    expect(json.map((x) => x.scenario)).toEqual([TINY_NAME, 'tiny-other']);
    const csv = readFileSync(join(dir, 'results', 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(3);
    const keys = csv[0]!.split(',');
    expect(keys).toEqual(Object.keys(json[0]!));
    for (const [i, x] of json.entries()) {
      const report = JSON.parse(readFileSync(join(dir, 'results', String(x.scenario), 'report.json'), 'utf8')) as { payments: { total: number }; withinOneHour: { settledShare: number | null } };
      expect(x.payments).toBe(report.payments.total);
      expect(x.credited_within_1h_share).toBe(report.withinOneHour.settledShare);
      expect(csv[i + 1]!.split(',')[keys.indexOf('payments')]).toBe(String(report.payments.total));
    }
    expect(JSON.stringify(json)).not.toMatch(/seconds_wall|elapsed/);
  });

  it('runs every scenario of a folder, YAML and JSON, each to its own folder', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML, 'b.json': tinyJson().replace(TINY_NAME, 'tiny-json'), 'c.yml': OTHER_YAML, 'notes.txt': 'not a scenario' });
    const r = railpilot(['suite', 'scenarios', '--out', 'results', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'results')).sort()).toEqual(['summary.csv', 'summary.json', TINY_NAME, 'tiny-json', 'tiny-other'].sort());
    for (const name of [TINY_NAME, 'tiny-json', 'tiny-other']) {
      expect(readdirSync(join(dir, 'results', name)).sort()).toEqual(OUTPUTS);
      expect(r.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('one bad file among good ones: exit 2, names it, and writes no output folder at all', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML, 'b-bad.yaml': badText('zero-amount'), 'c.yaml': OTHER_YAML });
    const r = railpilot(['suite', 'scenarios', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/^scenarios\/b-bad\.yaml:\d+:\d+: payments\[0\]\.amount: expected an amount greater than zero/m);
    expect(r.stderr).not.toContain('scenarios/a.yaml');
    expect(r.stderr).not.toContain('scenarios/c.yaml');
    expectNothingWritten(dir, ['scenarios']);
  });

  it('names every bad file, not just the first', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML, 'b.yaml': badText('unknown-top-level-field'), 'c.yaml': badText('non-iso-date') });
    const r = railpilot(['suite', 'scenarios', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/^scenarios\/b\.yaml:\d+:\d+: colour: unknown field "colour"$/m);
    expect(r.stderr).toMatch(/^scenarios\/c\.yaml:\d+:\d+: payments\[0\]\.at: expected an ISO 8601 date-time/m);
    expectNothingWritten(dir, ['scenarios']);
  });

  it('takes files by name too; a missing one is bad input and nothing runs', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML });
    const r = railpilot(['suite', 'scenarios/a.yaml', 'scenarios/nope.yaml', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toContain('scenarios/nope.yaml');
    expectNothingWritten(dir, ['scenarios']);
  });

  it('two scenarios with the same name are bad input: they would share an output folder', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML, 'b.json': tinyJson() });
    const r = railpilot(['suite', 'scenarios', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/name: "tiny-importer" is also the name of scenarios\/a\.yaml/);
    expectNothingWritten(dir, ['scenarios']);
  });

  it('a folder without scenarios is bad input', () => {
    const dir = suiteFolder({});
    const r = railpilot(['suite', 'scenarios', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/scenarios: no scenario files/);
    expectNothingWritten(dir, ['scenarios']);
  });

  it('a bad --seed is bad input and nothing runs', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML });
    const r = railpilot(['suite', 'scenarios', '--out', 'results', '--seed', '2.5'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/--seed.*expected a whole number/);
    expectNothingWritten(dir, ['scenarios']);
  });
});

describe('railpilot suite: a built-in invariant broken while a run streams', () => {
  it('stops with exit 1 naming the invariant, the flow and the entry, and writes no folder for that run', () => {
    const dir = suiteFolder({ 'a.yaml': TINY_YAML });
    const r = railpilot(['suite', 'scenarios', '--out', 'results', '-q'], { cwd: dir, nodeArgs: refundFromFundingPreload(dir) });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^railpilot: invariant conservation failed: E\d+ \(bank\.refund of first-order\) moves external:funding/m);
    expect(r.stdout).toBe('');
    // No run folder and no temporary sibling; the parent may exist, empty.
    expect(readdirSync(dir).filter((f) => f !== 'results').sort()).toEqual(['refund-from-funding.mjs', 'scenarios']);
    if (readdirSync(dir).includes('results')) expect(readdirSync(join(dir, 'results'))).toEqual([]);
  });
});
