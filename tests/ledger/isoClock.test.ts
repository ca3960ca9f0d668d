// A run writes its records' times through one isoClock, which keeps the last time it wrote: for
// any sequence of instants, repeated or not, it must write what Date#toISOString writes, years
// past 9999 and before 0000, negative and fractional ms included.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoClock } from '../../src/ledger/index.js';

const instant = fc.oneof(
  fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
  fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
  fc.constantFrom(0, -0, -1, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_000, -62_167_219_200_001, 1.5, -0.5),
);

describe('isoClock', () => {
  it('writes each instant of a sequence with repeats as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 3 })), { maxLength: 30 }), (steps) => {
        const iso = isoClock();
        for (const [ms, times] of steps) for (let i = 0; i < times; i++) expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 3_000 },
    );
  });

  it('two clocks share nothing: one run does not see the last time of another', () => {
    const a = isoClock();
    const b = isoClock();
    expect(a(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(b(86_400_000)).toBe('1970-01-02T00:00:00.000Z');
    expect(a(86_400_000)).toBe('1970-01-02T00:00:00.000Z');
    expect(b(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
