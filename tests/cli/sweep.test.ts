// `railpilot sweep` and `sweep-merge` as a user runs them: the ensemble outputs are the same bytes
// for any number of workers and any shard split, runs.parquet reads back in DuckDB with the
// figures ensemble.json summarises, a broken invariant names its run and the command that
// replays it, and bad arguments are exit 2 with nothing written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Ensemble } from '../../src/report/ensemble.js';
import { expectBadInput, railpilot, refundFromFundingPreload, tempDir } from './helpers.js';

const SMALL = resolve('tests/cli/sweep/small.yaml');
const OUTPUTS = ['ensemble.html', 'ensemble.json', 'ensemble.md', 'runs.parquet'];
const GRID = ['--seeds', '1..4', '--set', 'rails.npcsFeeBps=0,25'];

let tmp: ReturnType<typeof tempDir>;
const bytes = (dir: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(tmp.dir, dir, f)).toString('base64')]));

beforeAll(() => {
  tmp = tempDir('sweep');
  for (const [out, workers] of [['one', '1'], ['three', '3']] as const) {
    const r = railpilot(['sweep', SMALL, ...GRID, '--workers', workers, '--out', join(tmp.dir, out)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`8 runs on ${workers} workers?`));
  }
});
afterAll(() => tmp.cleanup());

describe('railpilot sweep', () => {
  it('writes the same bytes with 1 and 3 workers', () => {
    expect(readdirSync(join(tmp.dir, 'one')).sort()).toEqual(OUTPUTS);
    expect(bytes('three')).toEqual(bytes('one'));
  });

  it('writes the same bytes from 4 shards merged, one of them told its index by a Kubernetes variable', () => {
    const dirs = [1, 2, 3, 4].map((i) => join(tmp.dir, `shard-${i}`));
    for (const [i, dir] of dirs.entries()) {
      const args = i === 2 ? ['--shards', '4'] : ['--shard', `${i + 1}/4`];
      const r = railpilot(['sweep', SMALL, ...GRID, ...args, '--workers', '1', '--out', dir, '-q'], { env: i === 2 ? { JOB_COMPLETION_INDEX: '2' } : {} });
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['rows.jsonl', 'shard.json']);
    }
    expect((JSON.parse(readFileSync(join(dirs[2]!, 'shard.json'), 'utf8')) as { shard: unknown }).shard).toEqual({ index: 3, count: 4 });
    const m = railpilot(['sweep-merge', ...[...dirs].reverse(), '--out', join(tmp.dir, 'merged')]);
    expect(m.code, m.stderr).toBe(0);
    expect(bytes('merged')).toEqual(bytes('one'));
  });

  it('summarises per grid point what runs.parquet holds per run, which DuckDB reads back', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const file = join(tmp.dir, 'one', 'runs.parquet').replace(/'/g, "''");
    const rows = (await c.runAndReadAll(`select point, "rails.npcsFeeBps" as fee, seed, cost_rub::varchar as cost, credited_within_1h_share as credited, refunded, invariants_ok from '${file}'`)).getRowObjectsJson();
    expect(rows.map((r) => [r.point, r.fee, r.seed])).toEqual([0, 1].flatMap((p) => [1, 2, 3, 4].map((s) => [p, p === 0 ? 0 : 25, String(s)])));
    expect(rows.every((r) => r.invariants_ok === true)).toBe(true);
    const ensemble = JSON.parse(readFileSync(join(tmp.dir, 'one', 'ensemble.json'), 'utf8')) as Ensemble;
    expect(ensemble.runs).toBe(8);
    for (const point of [0, 1]) {
      const mine = rows.filter((r) => r.point === point);
      const costs = mine.map((r) => Number(r.cost)).sort((a, b) => a - b);
      const stats = ensemble.points[point]!.stats;
      expect(Number(stats.cost_rub.mean)).toBeCloseTo(costs.reduce((a, b) => a + b, 0) / 4, 2);
      expect(stats.cost_rub.p5).toBe(costs[0]!.toFixed(2));
      expect(stats.cost_rub.p95).toBe(costs[3]!.toFixed(2));
      expect(Number(stats.refunded.mean)).toBe(mine.reduce((a, r) => a + Number(r.refunded), 0) / 4);
    }
    // A fee on the RUB leg costs more on every seed: the paired difference is positive throughout.
    const diff = ensemble.pairedDifferences[0]!.stats.cost_rub;
    expect(diff.n).toBe(4);
    expect(Number(diff.p5)).toBeGreaterThan(0);
    expect(Number(diff.mean)).toBeCloseTo(Number(ensemble.points[1]!.stats.cost_rub.mean) - Number(ensemble.points[0]!.stats.cost_rub.mean), 1);
    c.closeSync();
  });

  it('keeps each run folder with --keep-runs, the same run that `run --seed --set` writes', () => {
    const out = join(tmp.dir, 'kept');
    const r = railpilot(['sweep', SMALL, '--seeds', '3', '--set', 'rails.npcsFeeBps=25', '--keep-runs', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const kept = join(out, 'runs', 'point-0-seed-3');
    const single = join(tmp.dir, 'single');
    expect(railpilot(['run', SMALL, '--seed', '3', '--set', 'rails.npcsFeeBps=25', '--out', single, '-q']).code).toBe(0);
    for (const f of ['ledger.jsonl', 'report.json', 'outcomes.jsonl']) expect(readFileSync(join(kept, f), 'utf8'), f).toBe(readFileSync(join(single, f), 'utf8'));
  });

  it('names a run whose invariant broke, with the command that replays it, and exits 1', () => {
    const out = join(tmp.dir, 'broken');
    const nodeArgs = refundFromFundingPreload(tmp.dir);
    const r = railpilot(['sweep', SMALL, '--seeds', '7', '--set', 'rails.npcsFeeBps=10', '--out', out, '-q'], { nodeArgs });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/invariant conservation failed in point 0 \(rails\.npcsFeeBps=10\), seed 7: /);
    const replay = /replay: (railpilot run .*)/.exec(r.stderr)![1]!;
    expect(replay).toBe(`railpilot run ${SMALL} --seed 7 --set rails.npcsFeeBps=10`);
    const again = railpilot([...replay.split(' ').slice(1), '--out', join(tmp.dir, 'replayed'), '-q'], { nodeArgs });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/invariant conservation failed/);
    expect(readFileSync(join(out, 'ensemble.md'), 'utf8')).toContain(`\`${replay}\``);
  });
});

describe('bad input to sweep and sweep-merge: exit 2, a message naming it, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['a value the schema rejects', ['--seeds', '1', '--set', 'regime.preset=dfa-law,no-such-law'], /--set regime\.preset=no-such-law: invalid in .*small\.yaml:[\s\S]*regime\.preset/],
    ['a path into a value', ['--seeds', '1', '--set', 'seed.x=1'], /--set seed\.x=1: seed in .* is 5, not a mapping/],
    ['a malformed --set', ['--seeds', '1', '--set', 'rails.npcsFeeBps'], /--set rails\.npcsFeeBps: expected PATH=VALUE/],
    ['a backwards seed range', ['--seeds', '5..1'], /--seeds: 5\.\.1: the range ends before it starts/],
    ['a seed that is not one', ['--seeds', '1,x'], /--seeds: "x" is not a seed/],
    ['a shard past the count', ['--seeds', '1', '--shard', '5/4'], /--shard 5\/4: i must be from 1 to 4/],
    ['--shards with no cluster index', ['--seeds', '1', '--shards', '4'], /--shards: needs JOB_COMPLETION_INDEX/],
    ['no workers', ['--seeds', '1', '--workers', '0'], /--workers: expected a whole number from 1/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const out = join(tmp.dir, 'never');
      const r = railpilot(['sweep', SMALL, ...args, '--out', out], { env: { JOB_COMPLETION_INDEX: '', SLURM_ARRAY_TASK_ID: '' } });
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('refuses to merge when a shard is missing', () => {
    const dir = join(tmp.dir, 'lonely');
    expect(railpilot(['sweep', SMALL, '--seeds', '1..2', '--shard', '1/2', '--out', dir, '-q']).code).toBe(0);
    const r = railpilot(['sweep-merge', dir, '--out', join(tmp.dir, 'never')]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/shard 2\/2 missing/);
    expect(existsSync(join(tmp.dir, 'never'))).toBe(false);
  });

  it('refuses a folder that is not a shard', () => {
    const r = railpilot(['sweep-merge', join(tmp.dir, 'one'), '--out', join(tmp.dir, 'never')]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/shard\.json: no such file; expected a folder written by railpilot sweep --shard/);
  });

  it('refuses a list of values to run --set', () => {
    const r = railpilot(['run', SMALL, '--set', 'rails.npcsFeeBps=0,25', '--out', join(tmp.dir, 'never')]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/run takes one value per --set/);
  });
});

describe('help', () => {
  it('explains sweep and sweep-merge', () => {
    const s = railpilot(['sweep', '--help']);
    expect(s.code).toBe(0);
    for (const flag of ['--seeds', '--set', '--workers', '--keep-runs', '--shard <i/n>', '--shards <n>', 'JOB_COMPLETION_INDEX', 'Exit codes']) expect(s.stdout).toContain(flag);
    const m = railpilot(['sweep-merge', '--help']);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('byte-identical');
  });
});
