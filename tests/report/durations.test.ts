// The durations a run keeps for its percentiles: 4 bytes each while they are whole milliseconds
// under 2^32, and never a value changed when one is not (a frozen leg that lasts two months, a
// fraction of a millisecond), so the report's p50, p95, p99 and longest stay exact.

import { describe, expect, it } from 'vitest';
import { Durations } from '../../src/report/durations.js';
import { percentile } from '../../src/report/metrics.js';

const fill = (values: number[]) => {
  const d = new Durations();
  for (const v of values) d.push(v);
  return d;
};

describe('Durations', () => {
  it('gives back every duration pushed, ascending, past the first block', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000 * 60_000);
    const d = fill(values);
    expect(d.length).toBe(1000);
    expect(Array.from(d.sorted())).toEqual([...values].sort((a, b) => a - b));
    expect(d.sorted()).toBeInstanceOf(Uint32Array);
  });

  it('keeps a duration of 2^32 ms or more, and those before it, exactly', () => {
    const twoMonths = 61 * 86_400_000;
    const d = fill([5_000, 2 ** 32 - 1, twoMonths, 1_000]);
    expect(Array.from(d.sorted())).toEqual([1_000, 5_000, 2 ** 32 - 1, twoMonths]);
    expect(percentile(d.sorted(), 99, true)).toBe(twoMonths);
  });

  it('keeps a fraction of a millisecond exactly', () => {
    const d = fill([3, 2.5, 100]);
    expect(Array.from(d.sorted())).toEqual([2.5, 3, 100]);
    expect(percentile(d.sorted(), 50, true)).toBe(3);
  });

  it('has no percentile when empty', () => {
    expect(percentile(new Durations().sorted(), 50, true)).toBeNull();
  });
});
