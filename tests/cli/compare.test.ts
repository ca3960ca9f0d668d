// `railpilot compare <runA> <runB>`: two run folders side by side, exit 0 whenever it compared;
// and `verify --same-as` on runs of different seeds or scenarios: exit 2 saying which.

import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

let root: { dir: string; cleanup(): void };
const cwd = () => root.dir;

function run(scenario: string, out: string, ...args: string[]): void {
  const r = railpilot(['run', join(SCENARIOS, scenario), '--out', out, '-q', ...args], { cwd: cwd() });
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(() => {
  root = tempDir('compare');
  run('usdt-depeg-in-flight.yaml', 'seed1', '--seed', '1');
  run('usdt-depeg-in-flight.yaml', 'seed2', '--seed', '2');
  run('retail-cap-dfa-law.yaml', 'dfa');
  run('retail-cap-dfa-law.yaml', 'concept', '--set', 'regime.preset=concept-2025');
  run('halted-chain-refund.yaml', 'fee10');
  run('halted-chain-refund.yaml', 'fee25', '--set', 'rails.npcsFeeBps=25');
});
afterAll(() => root.cleanup());

interface Json {
  sameScenario: boolean;
  sameSeed: boolean;
  settings: { path: string; a?: unknown; b?: unknown }[];
  figures: { key: string; a: number | string | null; b: number | string | null; difference: number | string | null }[];
  flows: { shared: number; changed: { flow: string; id: string; a: { status: string; reason: string | null }; b: { status: string; reason: string | null } }[]; changedCount: number; onlyInA: number; onlyInB: number };
}

function compareJson(...args: string[]): Json {
  const r = railpilot(['compare', ...args, '--json'], { cwd: cwd() });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

const figure = (j: Json, key: string) => j.figures.find((f) => f.key === key)!;

describe('railpilot compare', () => {
  it('sets two seeds of a shipped scenario side by side: figures with exact differences, flows only in one run, exit 0', () => {
    const r = railpilot(['compare', 'seed1', 'seed2'], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('A: seed1 (usdt-depeg-in-flight, seed 1)');
    expect(r.stdout).toContain('B: seed2 (usdt-depeg-in-flight, seed 2)');
    expect(r.stdout).toContain('different seeds');
    expect(r.stdout).toMatch(/^figure\s+A\s+B\s+B - A$/m);
    const j = compareJson('seed1', 'seed2');
    expect(j.sameSeed).toBe(false);
    expect(j.sameScenario).toBe(true);
    // Money exact: the difference is B - A to the kopeck, as decimal strings.
    const cost = figure(j, 'cost_rub');
    expect(typeof cost.a).toBe('string');
    const kopecks = (s: string) => BigInt(s.replace('.', ''));
    expect(kopecks(cost.difference as string)).toBe(kopecks(cost.b as string) - kopecks(cost.a as string));
    const settled = figure(j, 'settled');
    expect(settled.difference).toBe((settled.b as number) - (settled.a as number));
    // The workload's ids are drawn from the seed: no flow is in both runs.
    const payments = figure(j, 'payments').a as number;
    expect(j.flows).toMatchObject({ shared: 0, onlyInA: payments, onlyInB: figure(j, 'payments').b });
    expect(r.stdout).toContain(`only in A: ${payments}`);
  });

  it('finds no difference between a run and itself', () => {
    const r = railpilot(['compare', 'seed1', 'seed1'], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the same seed');
    const j = compareJson('seed1', 'seed1');
    expect(j.sameScenario && j.sameSeed).toBe(true);
    expect(j.settings).toEqual([]);
    for (const f of j.figures) expect(f.difference === null || Number(f.difference) === 0, f.key).toBe(true);
    expect(j.flows).toEqual({ shared: figure(j, 'payments').a, changed: [], changedCount: 0, onlyInA: 0, onlyInB: 0 });
  });

  it('names the setting changed with --set, and the flows that ended differently because of it', () => {
    const r = railpilot(['compare', 'dfa', 'concept', '--limit', '3'], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('settings that differ: regime.preset "dfa-law" -> "concept-2025"');
    const j = compareJson('dfa', 'concept');
    expect(j.settings).toEqual([{ path: 'regime.preset', a: 'dfa-law', b: 'concept-2025' }]);
    const filled = figure(j, 'filled');
    expect(filled.a).not.toBe(filled.b);
    expect(j.flows.onlyInA + j.flows.onlyInB).toBe(0);
    expect(j.flows.changedCount).toBeGreaterThan(3);
    expect(j.flows.changed.length).toBe(Math.min(20, j.flows.changedCount));
    const c = j.flows.changed[0]!;
    expect(r.stdout).toContain(`${c.flow} ${c.id}: A ${c.a.status}, B ${c.b.status} (${c.b.reason})`);
    expect(r.stdout).toContain(`... and ${j.flows.changedCount - 3} more`);
    // A rail setting the scenario leaves to its default is named by its path.
    const fee = compareJson('fee10', 'fee25');
    expect(fee.settings).toEqual([{ path: 'rails.npcsFeeBps', b: 25 }]);
    expect(railpilot(['compare', 'fee10', 'fee25'], { cwd: cwd() }).stdout).toContain('rails.npcsFeeBps (default) -> 25');
  });

  it('exits 2 naming a missing folder, a missing file, and a malformed line by file and line', () => {
    const missing = railpilot(['compare', 'seed1', 'nowhere'], { cwd: cwd() });
    expectBadInput(missing);
    expect(missing.stderr).toContain('nowhere');
    run('one-payment-life.yaml', 'broken');
    rmSync(join(cwd(), 'broken', 'report.json'));
    const noReport = railpilot(['compare', 'broken', 'seed1'], { cwd: cwd() });
    expectBadInput(noReport);
    expect(noReport.stderr).toContain(join('broken', 'report.json'));
    run('halted-chain-refund.yaml', 'badline');
    const path = join(cwd(), 'badline', 'outcomes.jsonl');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"status":', '"state":');
    writeFileSync(path, lines.join('\n') + '\n');
    const bad = railpilot(['compare', 'fee10', 'badline'], { cwd: cwd() });
    expectBadInput(bad);
    expect(bad.stderr).toContain(`${join('badline', 'outcomes.jsonl')}:2: status`);
  });

  it('prints its usage with --help', () => {
    const r = railpilot(['compare', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: railpilot compare [options] <run-a> <run-b>');
    expect(r.stdout).toContain('--json');
  });
});

describe('railpilot verify --same-as on runs of different seeds or scenarios', () => {
  it('says the seed differs and exits 2 instead of a determinism failure', () => {
    const r = railpilot(['verify', 'seed1', '--same-as', 'seed2'], { cwd: cwd() });
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain('seed differs: seed1 ran seed 1, seed2 seed 2');
    expect(r.stderr).not.toContain('scenario differs');
  });

  it('says the scenario differs, by name or by the setting changed, and exits 2', () => {
    const other = railpilot(['verify', 'seed1', '--same-as', 'dfa'], { cwd: cwd() });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('scenario differs: seed1 ran usdt-depeg-in-flight, dfa ran retail-cap-dfa-law');
    const set = railpilot(['verify', 'fee10', '--same-as', 'fee25'], { cwd: cwd() });
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('scenario differs: halted-chain-refund with different settings (rails.npcsFeeBps (default) vs 25)');
  });
});
