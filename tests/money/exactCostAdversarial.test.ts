import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { convert, costOf, defineAsset, fixedRate, rate, times, type Amount, type Asset } from '../../src/money/index.js';

// A second, independent read of the bigint conversions: the reference below is the decimal.js code
// the conversions replaced (src/money/rate.ts before the change), written out here with its own
// Decimal configured as that code configured it, so a change to src cannot move both sides at once.
// The inputs are the corners the fast path decides on: amounts near 2^63 and past 10^40 minor
// units, scale 0 and 18 assets, rates of 1 to 60 digits from 1e-30 to 1e30, exact ties at the
// minor unit and at the 40th digit, negative amounts and factors, zero.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const tenTo = (s: number): Decimal => new D(10).pow(s);
function toUnits(a: Amount): Decimal {
  const digits = a.minor.toString();
  return digits.length <= 40 ? new D(`${digits}e-${a.asset.scale}`) : new D(digits).div(tenTo(a.asset.scale));
}
const fromUnits = (u: Decimal, asset: Asset): bigint => BigInt(u.mul(tenTo(asset.scale)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
/** Old costOf: the target's value in `from` at `base/quote = v`, half-even to `from`'s minor unit. */
function refCost(target: Amount, base: Asset, v: Decimal, from: Asset): bigint {
  const u = toUnits(target);
  return fromUnits(base.code === target.asset.code ? u.mul(v) : u.div(v), from);
}
const refTimes = (a: Amount, f: Decimal.Value): bigint => fromUnits(toUnits(a).mul(f), a.asset);

const A = defineAsset('AAA', 18);
const B = defineAsset('BBB', 0);
const C = defineAsset('CCC', 2);
const E = defineAsset('EEE', 6);
const assets = fc.constantFrom(A, B, C, E);
const TWO63 = 2n ** 63n;
/** Minor units from everyday to past 10^40, clustered around 2^63 and 10^40, either sign. */
const minor = fc
  .oneof(
    fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
    fc.bigInt({ min: TWO63 - 10n ** 6n, max: TWO63 + 10n ** 6n }),
    fc.bigInt({ min: 10n ** 40n - 10n ** 4n, max: 10n ** 40n + 10n ** 4n }),
    fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }),
  )
  .chain((m) => fc.constantFrom(m, -m));
/** A positive decimal of 1 to 60 digits between about 1e-30 and 1e30. */
const value = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 60n - 1n }), fc.integer({ min: -30, max: 90 })).map(([n, k]) => new D(`${n}e${-k}`));

describe('bigint conversions against the decimal.js code they replaced', () => {
  it('costOf and convert, huge and tiny amounts and rates, both ways round, either asset scale', () => {
    fc.assert(
      fc.property(assets, assets, minor, value, fc.boolean(), fc.boolean(), (a, b, m, v, flip, fixed) => {
        fc.pre(a.code !== b.code);
        const make = fixed ? fixedRate : rate;
        const r = flip ? make(b, a, v) : make(a, b, v);
        const base = flip ? b : a;
        const target = { asset: a, minor: m };
        const cost = refCost(target, base, v, b);
        expect(costOf(target, r, b).minor).toBe(cost);
        const c = convert(target, r, b);
        expect(c.target.minor).toBe(cost);
        expect(c.residue.minor).toBe(m - refCost({ asset: b, minor: cost }, base, v, a));
      }),
      { numRuns: 4000 },
    );
  });

  it('exact ties at the minor unit round half-even, and ties at the 40th digit round as decimal.js did', () => {
    // m * v = (2n + 1) / 2 minor units exactly, or its 41st-digit neighbours, at 36 to 42 digits.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 42n }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1n, 0n, 1n), fc.constantFrom(B, C, A), (n, extra, nudge, to) => {
        const twice = (2n * n + 1n) * 10n ** BigInt(extra) + nudge;
        fc.pre(twice > 0n);
        // One unit of E (10^6 minor) at rate twice / (2 * 10^extra) / 10^to.scale gives twice/2 / 10^extra minor units of `to`.
        const v = new D(`${twice}e-${extra + to.scale}`).div(2);
        const target = { asset: E, minor: 10n ** 6n };
        expect(costOf(target, rate(E, to, v), to).minor).toBe(refCost(target, E, v, to));
        expect(costOf(target, fixedRate(to, E, new D(1).div(v)), to).minor).toBe(refCost(target, to, new D(1).div(v), to));
      }),
      { numRuns: 3000 },
    );
  });

  it('times: negative, zero and huge factors, as decimals or as text', () => {
    const factor = fc.oneof(
      value,
      value.map((v) => v.neg()),
      fc.constant(new D(0)),
      fc.double({ min: -1e25, max: 1e25, noNaN: true }).map((x) => x.toPrecision(12)),
      fc.double({ min: -1e-5, max: 1e-5, noNaN: true }).map((x) => String(x)),
    );
    fc.assert(
      fc.property(assets, minor, factor, (a, m, f) => {
        const amount = { asset: a, minor: m };
        expect(times(amount, f).minor).toBe(refTimes(amount, f));
      }),
      { numRuns: 4000 },
    );
  });

  it('zero converts to zero at any rate, and exact corners give the reference', () => {
    for (const v of ['1', '1e-30', '1e30', '0.5', '92.5', '3'.repeat(60)]) {
      const r = rate(C, A, v);
      expect(costOf({ asset: C, minor: 0n }, r, A).minor).toBe(0n);
      expect(convert({ asset: A, minor: 0n }, r, C)).toEqual({ target: { asset: C, minor: 0n }, residue: { asset: A, minor: 0n } });
      for (const m of [1n, -1n, TWO63 - 1n, -TWO63, 10n ** 40n - 1n, 10n ** 40n, 10n ** 41n + 5n]) {
        expect(costOf({ asset: C, minor: m }, r, A).minor).toBe(refCost({ asset: C, minor: m }, C, new D(v), A));
        expect(costOf({ asset: A, minor: m }, r, C).minor).toBe(refCost({ asset: A, minor: m }, C, new D(v), C));
      }
    }
  });
});
