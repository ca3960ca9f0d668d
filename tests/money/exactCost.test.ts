import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { convert, costOf, defineAsset, Dec, fixedRate, fromUnits, rate, times, toUnits, valueIn, type Amount, type Asset, type Rate } from '../../src/money/index.js';
import { roundedQuotient, scaledOf, scaledOfText } from '../../src/money/exactCost.js';

// costOf and convert answer in bigint arithmetic; every figure of every run depends on their
// giving exactly the minor units decimal.js gives (rounded to 40 digits, then half-even).
const decimalCost = (target: Amount, r: Rate, from: Asset): bigint => fromUnits(valueIn(target, r, from), from).minor;

const assets = fc.constantFrom(defineAsset('RUB', 2), defineAsset('CNY', 2), defineAsset('USDT', 6, 'USD'), defineAsset('BTC', 8), defineAsset('JPY', 0));
const minor = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n });
/** A positive decimal of 1 to 40 digits, with its point anywhere. */
const value = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 40n - 1n }), fc.integer({ min: 0, max: 45 }))
  .map(([n, k]) => new Dec(`${n}e-${k}`));

describe('costOf and convert in bigint arithmetic', () => {
  it('give what decimal.js gives, either way round the rate', () => {
    fc.assert(
      fc.property(assets, assets, minor, value, fc.boolean(), (a, b, m, v, flip) => {
        fc.pre(a.code !== b.code);
        const r = flip ? rate(b, a, v) : rate(a, b, v);
        const target = { asset: a, minor: m };
        expect(costOf(target, r, b).minor).toBe(decimalCost(target, r, b));
        const c = convert(target, r, b);
        expect(c.target.minor).toBe(decimalCost(target, r, b));
        expect(c.residue.minor).toBe(m - decimalCost(c.target, r, a));
      }),
      { numRuns: 3000 },
    );
  });

  it('give the same at a rate built once for many conversions (its value read into bigint once)', () => {
    fc.assert(
      fc.property(assets, assets, minor, value, (a, b, m, v) => {
        fc.pre(a.code !== b.code);
        const target = { asset: a, minor: m };
        expect(costOf(target, fixedRate(b, a, v), b).minor).toBe(decimalCost(target, rate(b, a, v), b));
        expect(convert(target, fixedRate(a, b, v), b)).toEqual(convert(target, rate(a, b, v), b));
      }),
      { numRuns: 1000 },
    );
  });

  it('give what decimal.js gives next to a tie, where its rounding to 40 digits decides', () => {
    // A rate that makes the amount come to n + 1/2 minor units, rounded to 40 digits: the value
    // lies within a 40th digit of the tie, on either side, or on it.
    fc.assert(
      fc.property(assets, assets, fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(-1, 0, 1), (a, b, m, n, nudge) => {
        fc.pre(a.code !== b.code);
        const units = new Dec(`${m}e-${a.scale}`);
        const tie = new Dec(`${2n * n + 1n}e-${b.scale + 1}`);
        let v = units.div(tie);
        if (nudge !== 0) v = v.plus(new Dec(`${nudge}e-${v.precision(true) + 8 - v.e}`)).toSignificantDigits(40);
        fc.pre(v.gt(0));
        const r = rate(b, a, v);
        const target = { asset: a, minor: m };
        expect(costOf(target, r, b).minor).toBe(decimalCost(target, r, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds an exact tie half-even, and leaves to decimal.js a value within a 40th digit of one', () => {
    // 625 / 2 = 312.5 at scale 0: even below; 627 / 2 = 313.5: even above.
    expect(roundedQuotient(625n, 2n, 0)).toBe(312n);
    expect(roundedQuotient(627n, 2n, 0)).toBe(314n);
    expect(roundedQuotient(-627n, 2n, 0)).toBe(-314n);
    // (2 * 10^40 + 1) / (4 * 10^40) = 0.5 + 2.5e-41: rounded to 40 digits it is the tie itself.
    expect(roundedQuotient(2n * 10n ** 40n + 1n, 4n * 10n ** 40n, 0)).toBeUndefined();
    expect(roundedQuotient(7n, 3n, 2)).toBe(233n);
  });

  it('times gives what decimal.js gives, for a decimal factor or a number written as text', () => {
    fc.assert(
      fc.property(assets, minor, value, fc.double({ min: 1e-9, max: 1e9, noNaN: true }), (a, m, v, x) => {
        const amount = { asset: a, minor: m };
        expect(times(amount, v).minor).toBe(fromUnits(toUnits(amount).mul(v), a).minor);
        const text = x.toPrecision(12);
        expect(times(amount, text).minor).toBe(fromUnits(toUnits(amount).mul(new Dec(text)), a).minor);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a decimal as an integer and a power of ten, exactly', () => {
    expect(scaledOfText('1.23456789012e+21')).toEqual({ n: 123456789012n * 10n ** 10n, k: 0 });
    expect(scaledOfText('1.50000000000e-7')).toEqual({ n: 150000000000n, k: 18 });
    expect(scaledOfText('-2.5')).toEqual({ n: -25n, k: 1 });
    expect(() => scaledOfText('Infinity')).toThrow(/not a decimal number/);
    expect(scaledOf(new Dec('92.50'))).toEqual({ n: 925n, k: 1 });
    expect(scaledOf(new Dec('1e-30'))).toEqual({ n: 1n, k: 30 });
    expect(scaledOf(new Dec('1.5e25'))).toEqual({ n: 15n * 10n ** 24n, k: 0 });
  });
});
