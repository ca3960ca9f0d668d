// MinuteCounts keeps a run's payments by minute and status compactly (a byte a count until a
// minute needs more): what it reads back must be what a plain map would hold, however many
// payments share a minute.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinuteCounts, noCounts, type StatusCounts } from '../../src/report/metrics.js';

const STATUSES = ['settled', 'rejected', 'refunded', 'frozen'] as const;

describe('MinuteCounts', () => {
  it('reads back what a map of minute to counts holds, with hundreds in one minute and minutes hours apart', () => {
    const add = fc.record({ minute: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 10_000 })), status: fc.constantFrom(...STATUSES), times: fc.integer({ min: 1, max: 300 }) });
    fc.assert(
      fc.property(fc.array(add, { maxLength: 30 }), (adds) => {
        const counts = new MinuteCounts();
        const plain = new Map<number, StatusCounts>();
        for (const a of adds) {
          for (let i = 0; i < a.times; i++) counts.add(28_000_000 + a.minute, a.status);
          const c = plain.get(28_000_000 + a.minute) ?? noCounts();
          c[a.status] += a.times;
          plain.set(28_000_000 + a.minute, c);
        }
        const sorted = (m: Iterable<[number, StatusCounts]>) => [...m].sort(([a], [b]) => a - b);
        expect(sorted(counts)).toEqual(sorted(plain));
        expect(counts.size).toBe(plain.size);
      }),
      { numRuns: 200 },
    );
  });

  it('a minute with 70,000 payments of one status counts all of them', () => {
    const counts = new MinuteCounts();
    for (let i = 0; i < 70_000; i++) counts.add(60, 'settled');
    counts.add(61, 'frozen');
    expect([...counts]).toEqual([
      [60, { ...noCounts(), settled: 70_000 }],
      [61, { ...noCounts(), frozen: 1 }],
    ]);
  });
});
