import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { ComplianceTally } from '../../src/report/compliance.js';

// The AML tally now compares and sums in bigint minor units while every line reads exactly at the
// scale. Against the decimal.js tally it replaced (written out here, configured as the project's
// Dec): amounts exactly at the threshold, one kopeck either side, more decimals than the scale,
// negative and zero amounts, sums that pass 10^40 minor units, other currencies.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
function oldTally(threshold: string, scale: number, lines: readonly string[]): { count: number; total: string } {
  const [units, code] = threshold.split(' ');
  const t = new D(units!);
  let count = 0;
  let total = new D(0);
  for (const line of lines) {
    const [u, c] = line.split(' ');
    const rub = new D(u!);
    if (c === code && rub.gte(t)) {
      count++;
      total = total.plus(rub);
    }
  }
  return { count, total: total.toFixed(scale) };
}

/** Units text at 0 to 4 decimals around the threshold, far below, zero, negative, or 45 digits long. */
const units = (scale: number, threshold: bigint) =>
  fc
    .tuple(
      fc.oneof(
        fc.bigInt({ min: threshold - 2n, max: threshold + 2n }),
        fc.bigInt({ min: 0n, max: threshold * 3n }),
        fc.constantFrom(0n, 10n ** 39n, 10n ** 40n - 1n, 10n ** 44n),
      ),
      fc.integer({ min: 0, max: scale + 2 }),
      fc.boolean(),
    )
    .map(([n, dp, neg]) => {
      // The same value at `dp` places when dp <= scale (padding or dropping zeros), else with extra digits.
      const digits = (dp >= scale ? n * 10n ** BigInt(dp - scale) + (dp > scale ? 7n : 0n) : n).toString().padStart(dp + 1, '0');
      const text = dp === 0 ? digits : `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
      return (neg ? '-' : '') + text;
    });

describe('ComplianceTally against the decimal.js tally it replaced', () => {
  for (const [threshold, scale, minor] of [
    ['1000000.00 RUB', 2, 100_000_000n],
    ['600000 RUB', 0, 600_000n],
    ['0.000100 RUB', 6, 100n],
  ] as const) {
    it(`flags and sums as before at ${threshold}`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(units(scale, minor), fc.constantFrom('RUB', 'RUB', 'CNY')).map(([u, c]) => `${u} ${c}`), { maxLength: 40 }), (lines) => {
          const tally = new ComplianceTally(threshold, scale);
          for (const rub of lines) tally.add({ flow: 'crossBorderPayment', rub, reason: null });
          const { amlFlags } = tally.section();
          expect({ count: amlFlags.count, total: amlFlags.totalRub }).toEqual(oldTally(threshold, scale, lines));
        }),
        { numRuns: 1500 },
      );
    });
  }
});
