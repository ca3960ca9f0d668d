// A sweep writes its outputs as the runs arrive rather than from every run held at the end: what
// it streams must be what the whole set of runs gives (runs.parquet row for row, across more than
// one row group, and ensemble.json byte for byte), and a shard whose rows.jsonl was cut short or
// altered must be refused by sweep-merge with nothing written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildEnsemble, ensembleJson, type EnsembleRow, type SweepPlanInfo } from '../../src/report/ensemble.js';
import { HEADLINE } from '../../src/report/headline.js';
import { ensembleSink, pointsOf } from '../../src/cli/sweepOutputs.js';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

const tmp = tempDir('sweep-outputs');
afterAll(() => tmp.cleanup());

const SEEDS = 900;
const plan: SweepPlanInfo = { scenario: 'toy', file: 'toy.yaml', scenarioSha256: 'cd'.repeat(32), seeds: `1..${SEEDS}`, seedCount: SEEDS, parameters: [{ path: 'rails.npcsFeeBps', values: ['0', '10', '25'] }] };

/** A run's figures, varied by seed and point so percentiles and paired differences have something to find. */
function row(point: number, seed: number): EnsembleRow {
  const figures = Object.fromEntries(HEADLINE.map((f) => [f.key, f.kind === 'rub' ? `${(seed * 37) % 1000}.${String(seed % 100).padStart(2, '0')}` : (seed * 7 + point) % 150]));
  const credited = seed % 11 === 0 ? null : ((seed * 13) % 100) / 100;
  const broken = seed === 450 && point === 2 ? [{ name: 'conservation', detail: 'made up' }] : [];
  return { point, seed, figures: { ...figures, credited_within_1h_share: credited, cost_rub: `${point * 10 + (seed % 97)}.${String(seed % 100).padStart(2, '0')}` }, broken };
}

describe('a sweep written as its runs arrive', () => {
  it('holds every run in runs.parquet, in (point, seed) order over two row groups, and the ensemble of all of them', async () => {
    const rows = [0, 1, 2].flatMap((point) => Array.from({ length: SEEDS }, (_, i) => row(point, i + 1)));
    const dir = join(tmp.dir, 'whole');
    mkdirSync(dir);
    const sink = ensembleSink(dir, plan);
    for (const r of rows) sink.add(r);
    sink.finish();
    expect(readdirSync(dir).sort()).toEqual(['ensemble.html', 'ensemble.json', 'ensemble.md', 'runs.parquet']);
    expect(readFileSync(join(dir, 'ensemble.json'), 'utf8')).toBe(ensembleJson(buildEnsemble(plan, pointsOf(plan), rows)));

    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const file = join(dir, 'runs.parquet').replace(/'/g, "''");
    const read = (await c.runAndReadAll(`select point, seed, cost_rub::varchar as cost, credited_within_1h_share as credited, invariants_ok from '${file}'`)).getRowObjectsJson();
    expect(read).toHaveLength(rows.length);
    read.forEach((got, i) => {
      const want = rows[i]!;
      expect([got.point, got.seed, got.cost, got.credited, got.invariants_ok]).toEqual([want.point, String(want.seed), want.figures!.cost_rub, want.figures!.credited_within_1h_share, want.broken.length === 0]);
    });
    const groups = (await c.runAndReadAll(`select row_group_id, any_value(row_group_num_rows) as n from parquet_metadata('${file}') group by all order by 1`)).getRowObjectsJson();
    expect(groups.map((g) => Number(g.n))).toEqual([1000, 1700]);
    c.closeSync();
  });
});

describe('sweep-merge of a shard whose rows.jsonl was tampered with', () => {
  const SMALL = resolve('tests/cli/sweep/small.yaml');
  const shards = [1, 2].map((i) => join(tmp.dir, `shard-${i}`));
  const rowsFile = join(shards[1]!, 'rows.jsonl');
  let [original, lines] = ['', [] as string[]];
  beforeAll(() => {
    for (const [i, dir] of shards.entries()) {
      const r = railpilot(['sweep', SMALL, '--seeds', '1..2', '--set', 'rails.npcsFeeBps=0,25', '--shard', `${i + 1}/2`, '--workers', '1', '--out', dir, '-q']);
      expect(r.code, r.stderr).toBe(0);
    }
    original = readFileSync(rowsFile, 'utf8');
    lines = original.split('\n').filter((l) => l !== '');
  });

  const cases: [string, () => string, RegExp][] = [
    ['cut short', () => lines.slice(0, -1).join('\n') + '\n', /rows\.jsonl: ends where point 1, seed 2 was due; the shard did not finish or was altered/],
    ['with a run of another seed', () => [lines[0], lines[1]!.replace('"seed":2', '"seed":9')].join('\n') + '\n', /rows\.jsonl: has point 1, seed 9 where point 1, seed 2 was due/],
    ['with a run too many', () => original + lines[0] + '\n', /rows\.jsonl: holds more runs than shard\.json says/],
  ];
  for (const [what, text, message] of cases) {
    it(`refuses one ${what}, exit 2, leaving no output`, () => {
      writeFileSync(rowsFile, text());
      const out = join(tmp.dir, `merged-${what.replace(/ /g, '-')}`);
      const r = railpilot(['sweep-merge', ...shards, '--out', out]);
      writeFileSync(rowsFile, original);
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(out)).toEqual([]);
    });
  }
});
