// The report's bigint arithmetic (src/report/exact40.ts) against decimal.js at edges
// exact40.test.ts does not reach (a reviewer's cases): exponents thousands of places from zero
// (decimal.js then keeps only a sticky word of the smaller operand when it aligns them), operands
// of up to 200 digits, 99..9 and 10^n +- 2 (a carry that adds a digit after rounding), results fed
// back into the next operation, and the price memo (ScaledMemo) past its eight over distinct
// objects of equal value. Zeros are compared by value: exact40 has no negative zero, which
// decimal.js gives only for a negative times zero (or zero over a negative) and which a sum
// started at +0 absorbs, as the last case shows.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, type Dec as Decimal } from '../../src/money/index.js';
import { scaledOf } from '../../src/money/exactCost.js';
import { ScaledMemo, ZERO, decOf, div, minus, plus, round, times, type Scaled } from '../../src/report/exact40.js';

const text = (s: Scaled): string => `${s.n}e${-s.k}`;
/** What a report could print of a value: every form decimal.js writes it in. */
const forms = (d: Decimal): string => (d.isZero() ? '0' : `${d.toFixed()}|${d.toString()}|${d.toFixed(2)}`);
const same = (got: Scaled, want: Decimal, what: string) => expect(forms(decOf(got)), what).toBe(forms(want));

const ofDigits = (d: number) => fc.bigInt({ min: d === 1 ? 1n : 10n ** BigInt(d - 1), max: 10n ** BigInt(d) - 1n });
const magnitude = fc.oneof(
  fc.integer({ min: 1, max: 50 }).map((d) => 10n ** BigInt(d) - 1n),
  fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: -2, max: 2 })).map(([d, o]) => 10n ** BigInt(d) + BigInt(o)),
  fc.integer({ min: 0, max: 60 }).map((d) => 5n * 10n ** BigInt(d)),
  // 40 digits, then a 5 and zeros: a tie of the 40th digit, nudged.
  fc.tuple(ofDigits(40), fc.integer({ min: 1, max: 30 }), fc.integer({ min: -3, max: 3 })).map(([x, j, o]) => x * 10n ** BigInt(j) + 5n * 10n ** BigInt(j - 1) + BigInt(o)),
  fc.integer({ min: 1, max: 200 }).chain(ofDigits),
  fc.integer({ min: 1, max: 45 }).chain(ofDigits),
  fc.constant(0n),
);
const value: fc.Arbitrary<Scaled> = fc.record({
  n: fc.tuple(magnitude, fc.boolean()).map(([n, negative]) => (negative ? -n : n)),
  k: fc.oneof(fc.integer({ min: -5, max: 25 }), fc.integer({ min: -400, max: 400 }), fc.integer({ min: -3000, max: 3000 })),
});
const runs = { numRuns: 2000 };

describe('exact40 at far exponents, long operands and carries', () => {
  it('adds, subtracts, multiplies and divides as decimal.js does', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        const [a, b] = [new Dec(text(x)), new Dec(text(y))];
        same(plus(x, y), a.plus(b), `${text(x)} + ${text(y)}`);
        same(minus(x, y), a.minus(b), `${text(x)} - ${text(y)}`);
        same(times(x, y), a.mul(b), `${text(x)} * ${text(y)}`);
        if (y.n !== 0n) same(div(x, y), a.div(b), `${text(x)} / ${text(y)}`);
      }),
      runs,
    );
  });

  it('divides a tie of the 41st digit, or a hair off it, by divisors of up to 60 digits as decimal.js does', () => {
    fc.assert(
      fc.property(ofDigits(41), fc.integer({ min: 1, max: 60 }).chain(ofDigits), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -50, max: 50 }), (t, b, off, k) => {
        const x = { n: (t - (t % 10n) + 5n) * b + BigInt(off), k };
        const y = { n: b, k: 0 };
        same(div(x, y), new Dec(text(x)).div(new Dec(text(y))), `${text(x)} / ${text(y)}`);
      }),
      runs,
    );
  });

  it('chains of operations, each result fed to the next, stay the decimals decimal.js holds', () => {
    const op = fc.tuple(fc.constantFrom('plus', 'minus', 'times', 'div'), value);
    fc.assert(
      fc.property(value, fc.array(op, { minLength: 1, maxLength: 30 }), (start, ops) => {
        let [got, want] = [round(start.n, start.k), new Dec(text(start)).plus(0)];
        for (const [name, v] of ops) {
          const b = new Dec(text(v));
          if (name === 'plus') [got, want] = [plus(got, v), want.plus(b)];
          else if (name === 'minus') [got, want] = [minus(got, v), want.minus(b)];
          else if (name === 'times') [got, want] = [times(got, v), want.mul(b)];
          else if (v.n !== 0n) [got, want] = [div(got, v), want.div(b)];
          // Past 10^±100000 the bigints grow slow to print; no price or amount comes near.
          if (Math.abs(want.e) > 100_000) return;
          same(got, want, `${name} ${text(v)}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps no negative zero, as a sum started at +0 keeps none in decimal.js', () => {
    const negativeZero = new Dec(-5).mul(0);
    expect(negativeZero.isNeg()).toBe(true);
    const summed = new Dec(0).plus(negativeZero);
    expect([summed.isNeg(), summed.valueOf()]).toEqual([false, '0']);
    const got = decOf(plus(ZERO, times({ n: -5n, k: 0 }, ZERO)));
    expect([got.isNeg(), got.valueOf()]).toEqual([false, '0']);
  });
});

describe('ScaledMemo', () => {
  it('gives each price object its value, over more than eight alternating objects, some of equal value', () => {
    const texts = ['92.5', '92.50', '7.1', '1e-12', '1000000000000000', '0.1234567890123456789012345678901234567890123', '13.03', '84', '1.1', '92.5000001'];
    const objects = [...texts, ...texts].map((t) => new Dec(t));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: objects.length - 1 }), { maxLength: 300 }), (picks) => {
        const memo = new ScaledMemo();
        for (const i of picks) expect(memo.of(objects[i]!)).toEqual(scaledOf(objects[i]!));
      }),
      { numRuns: 200 },
    );
  });
});
