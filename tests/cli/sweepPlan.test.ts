// A sweep's plan from its arguments: seeds as ranges and lists, the grid's order (the first --set
// slowest, which fixes the order of runs.parquet), values put at any scenario path and validated
// there, and which shard a cluster's index names.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import { BadInput } from '../../src/cli/errors.js';
import { applyPoint, gridOf, parseSeeds, parseSet, seedSpec, shardOf } from '../../src/cli/sweepPlan.js';

const loaded = loadScenario('tests/cli/sweep/small.yaml');
if (!loaded.ok) throw new Error('tests/cli/sweep/small.yaml does not load');
const small = loaded.scenario.source;

describe('seeds', () => {
  it('take ranges and lists, and are written back short', () => {
    expect(parseSeeds('1..3,7,9..10')).toEqual([1, 2, 3, 7, 9, 10]);
    expect(parseSeeds('11,3')).toEqual([3, 11]);
    expect(seedSpec(parseSeeds('1..1000'))).toBe('1..1000');
    expect(seedSpec([3, 7, 8, 9, 11])).toBe('3,7..9,11');
  });

  it('refuse repeats and numbers that are not seeds', () => {
    expect(() => parseSeeds('1..3,2')).toThrow(/a seed is listed twice/);
    expect(() => parseSeeds('4294967296')).toThrow(BadInput);
    expect(() => parseSeeds('')).toThrow(/"" is not a seed/);
  });
});

describe('the grid', () => {
  it('is every combination, the first --set varying slowest', () => {
    const grid = gridOf([parseSet('regime.preset=dfa-law,concept-2025'), parseSet('rails.npcsFeeBps=0,10,25')]);
    expect(grid.map((p) => p.map((a) => a.text).join(' '))).toEqual(['dfa-law 0', 'dfa-law 10', 'dfa-law 25', 'concept-2025 0', 'concept-2025 10', 'concept-2025 25']);
    expect(grid[1]![1]!.value).toBe(10);
  });

  it('puts values at any path, list items by index, and validates them there', () => {
    const [point] = gridOf([parseSet('faults.0.by="0.02"'), parseSet('payments.0.generate.count=3')]);
    const s = applyPoint(small, point!, 'small.yaml');
    expect(s.faults?.[0]).toMatchObject({ by: '0.02' });
    expect(s.payments[0]).toMatchObject({ generate: { count: 3 } });
    // Unquoted, 0.02 is a number, and the schema wants a decimal string: named, with the path.
    const [bad] = gridOf([parseSet('faults.0.by=0.02')]);
    expect(() => applyPoint(small, bad!, 'small.yaml')).toThrow(/--set faults\.0\.by=0\.02: invalid in small\.yaml:[\s\S]*faults\[0\]\.by/);
  });

  it('refuses a path given twice', () => {
    expect(() => gridOf([parseSet('seed=1'), parseSet('seed=2')])).toThrow(/given twice/);
  });
});

describe('the shard', () => {
  it('comes from --shard, else from the cluster index (from 0) with --shards', () => {
    expect(shardOf('2/4', undefined, {})).toEqual({ index: 2, count: 4 });
    expect(shardOf(undefined, '4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    expect(shardOf(undefined, '4', { SLURM_ARRAY_TASK_ID: '0' })).toEqual({ index: 1, count: 4 });
    expect(shardOf(undefined, undefined, { JOB_COMPLETION_INDEX: '3' })).toBeUndefined();
    expect(() => shardOf(undefined, '4', { SLURM_ARRAY_TASK_ID: '4' })).toThrow(/SLURM_ARRAY_TASK_ID=4: expected a whole number from 0 to 3/);
    expect(() => shardOf('1/2', '2', {})).toThrow(/give one/);
  });
});
