import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { amountOf, bps, convert, costOf, defineAsset, Dec, fromUnits, rate, toUnits, valueIn, type Asset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const BTC = defineAsset('BTC', 8);

/** An independent oracle: the exact value at 200 digits, rounded half-even to the target's minor unit. */
const Exact = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });
function exactTargetMinor(sourceMinor: bigint, from: Asset, to: Asset, multiplier: Decimal.Value, divide: boolean): bigint {
  const units = new Exact(sourceMinor.toString()).div(new Exact(10).pow(from.scale));
  const value = divide ? units.div(new Exact(multiplier)) : units.mul(new Exact(multiplier));
  return BigInt(value.mul(new Exact(10).pow(to.scale)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
}

describe('rate', () => {
  it('keeps the value exactly as written', () => {
    const r = rate(USDT, RUB, '92.50');
    expect(r.base).toBe(USDT);
    expect(r.quote).toBe(RUB);
    expect(r.value.toString()).toBe('92.5');
    expect(rate(USDT, RUB, '0.1234567890123456789').value.toString()).toBe('0.1234567890123456789');
  });

  it.each([0, -1, '-0.01', Number.NaN, Number.POSITIVE_INFINITY])('refuses %s, naming the pair', (value) => {
    expect(() => rate(USDT, RUB, value)).toThrow(/^rate USDT\/RUB must be positive/);
  });
});

describe('toUnits / fromUnits', () => {
  it('reads minor units as whole units exactly', () => {
    expect(toUnits(amountOf(RUB, -925_000_000n)).toString()).toBe('-9250000');
    expect(toUnits(amountOf(USDT, 1n)).toFixed()).toBe('0.000001');
    expect(toUnits(amountOf(BTC, 12345678901234567890n)).toFixed()).toBe('123456789012.3456789');
  });

  it.each([
    ['0.025', 2n],
    ['0.035', 4n],
    ['0.045', 4n],
    ['0.055', 6n],
    ['-0.025', -2n],
    ['-0.035', -4n],
    ['0.0251', 3n],
    ['0.0249', 2n],
    ['0.005', 0n],
    ['0.015', 2n],
  ])('rounds %s RUB half-even to %s kopecks', (units, minor) => {
    expect(fromUnits(new Dec(units), RUB)).toEqual({ asset: RUB, minor });
  });

  it('gives back the same amount for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        const asset = defineAsset('XYZ', scale);
        expect(fromUnits(toUnits(amountOf(asset, minor)), asset).minor).toBe(minor);
      }),
    );
  });
});

describe('valueIn', () => {
  it('converts either way along the pair, unrounded', () => {
    const r = rate(USDT, RUB, '92.50');
    expect(valueIn(amountOf(USDT, 1n), r, RUB).toFixed()).toBe('0.0000925');
    expect(valueIn(amountOf(RUB, 925_000_000n), r, USDT).toDecimalPlaces(20).toFixed()).toBe('100000');
  });

  it('refuses a rate that does not join the two assets', () => {
    expect(() => valueIn(amountOf(CNY, 100n), rate(USDT, RUB, '92.50'), USDT)).toThrow('rate USDT/RUB does not convert CNY to USDT');
  });
});

describe('convert', () => {
  it('buys 100000 USDT with 9,250,000.00 RUB at 92.50 with nothing left over', () => {
    const c = convert(amountOf(RUB, 925_000_000n), rate(USDT, RUB, '92.50'), USDT);
    expect(c.target).toEqual({ asset: USDT, minor: 100_000_000_000n });
    expect(c.residue).toEqual({ asset: RUB, minor: 0n });
  });

  it('sells 1000 USDT for 92,500.00 RUB', () => {
    const c = convert(amountOf(USDT, 1_000_000_000n), rate(USDT, RUB, '92.50'), RUB);
    expect(c.target).toEqual({ asset: RUB, minor: 9_250_000n });
    expect(c.residue.minor).toBe(0n);
  });

  it('rounds the target half-even and books what rounding left as residue in the source asset', () => {
    const r = rate(USDT, RUB, '0.5');
    // 0.000005 USDT buys 0.0000025 RUB: rounds to 0 kopecks, the whole source is residue.
    const tiny = convert(amountOf(USDT, 5n), r, RUB);
    expect(tiny.target.minor).toBe(0n);
    expect(tiny.residue).toEqual({ asset: USDT, minor: 5n });
    // 0.05 USDT -> 0.025 RUB -> 0.02 RUB (half-even, down), costs 0.04 USDT: 0.01 USDT residue.
    const down = convert(amountOf(USDT, 50_000n), r, RUB);
    expect(down.target.minor).toBe(2n);
    expect(down.residue.minor).toBe(10_000n);
    // 0.07 USDT -> 0.035 RUB -> 0.04 RUB (half-even, up), costs 0.08 USDT: residue -0.01 USDT.
    const up = convert(amountOf(USDT, 70_000n), r, RUB);
    expect(up.target.minor).toBe(4n);
    expect(up.residue.minor).toBe(-10_000n);
  });

  const sourceMinor = fc.bigInt({ min: 0n, max: 10n ** 15n });
  const scale = fc.integer({ min: 0, max: 8 });
  // Rates with up to 8 significant digits and 6 decimals: 0.000001 to 99999999.
  const rateValue = fc
    .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 6 }))
    .map(([mantissa, places]) => new Exact(mantissa).div(new Exact(10).pow(places)).toFixed());

  it('base -> quote: target is the half-even rounding of the exact value, and source = cost(target) + residue', () => {
    fc.assert(
      fc.property(sourceMinor, scale, scale, rateValue, (minor, sBase, sQuote, value) => {
        const base = defineAsset('BASE', sBase);
        const quote = defineAsset('QUOTE', sQuote);
        const r = rate(base, quote, value);
        const c = convert(amountOf(base, minor), r, quote);
        expect(c.target.asset).toBe(quote);
        expect(c.residue.asset).toBe(base);
        expect(c.target.minor).toBe(exactTargetMinor(minor, base, quote, value, false));
        expect(costOf(c.target, r, base).minor + c.residue.minor).toBe(minor);
      }),
    );
  });

  // Rates 2^a * 5^b / 10^k have terminating reciprocals, so no exact tie is hidden by the
  // reciprocal (the regression tests below cover rates whose reciprocal does not terminate).
  const terminatingInverse = fc
    .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 4 }))
    .map(([a, b, k]) => new Exact(2).pow(a).mul(new Exact(5).pow(b)).div(new Exact(10).pow(k)).toFixed());

  it('quote -> base: target is the half-even rounding of source / rate, and source = cost(target) + residue', () => {
    fc.assert(
      fc.property(sourceMinor, scale, scale, terminatingInverse, (minor, sBase, sQuote, value) => {
        const base = defineAsset('BASE', sBase);
        const quote = defineAsset('QUOTE', sQuote);
        const r = rate(base, quote, value);
        const c = convert(amountOf(quote, minor), r, base);
        expect(c.target.minor).toBe(exactTargetMinor(minor, quote, base, value, true));
        expect(costOf(c.target, r, quote).minor + c.residue.minor).toBe(minor);
      }),
    );
  });

  it('source = cost(target) + residue exactly for any rate and direction, negatives included', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), scale, scale, rateValue, fc.boolean(), (minor, sBase, sQuote, value, sell) => {
        const base = defineAsset('BASE', sBase);
        const quote = defineAsset('QUOTE', sQuote);
        const r = rate(base, quote, value);
        const [from, to] = sell ? [base, quote] : [quote, base];
        const c = convert(amountOf(from, minor), r, to);
        expect(costOf(c.target, r, from).minor + c.residue.minor).toBe(minor);
        // The target is never more than one minor unit away from the exact value.
        const exact = exactTargetMinor(minor, from, to, value, !sell);
        expect(c.target.minor - exact <= 1n && exact - c.target.minor <= 1n).toBe(true);
      }),
    );
  });

  // Regression test for a fixed bug (src/money/rate.ts:38, factor): converting quote -> base multiplies by 1/rate rounded to
  // 40 digits instead of dividing by the rate, so an exact half-way value is seen as slightly
  // above or below the tie and rounds the wrong way. 0.03 RUB at USDT/RUB 96 is exactly 312.5
  // micro-USDT: half-even gives 312, convert gives 313 (1/96 rounds up). Likewise 0.03 RUB at
  // CNY/RUB 6 is 0.005 CNY: half-even gives 0.00, convert gives 0.01.
  it('quote -> base rounds an exact half-way value half-even (0.03 RUB at 96 -> 312 micro-USDT)', () => {
    expect(convert(amountOf(RUB, 3n), rate(USDT, RUB, '96'), USDT).target.minor).toBe(312n);
    expect(convert(amountOf(RUB, 3n), rate(CNY, RUB, '6'), CNY).target.minor).toBe(0n);
  });
});

describe('costOf', () => {
  it('prices a fixed target in the paying asset, rounded half-even', () => {
    const r = rate(USDT, RUB, '92.50');
    expect(costOf(amountOf(USDT, 100_000_000n), r, RUB)).toEqual({ asset: RUB, minor: 925_000n });
    // 1 micro-USDT costs 0.0000925 RUB: 0.00925 kopecks, rounds to 0.
    expect(costOf(amountOf(USDT, 1n), r, RUB).minor).toBe(0n);
    // 0.5 RUB rate: 0.03 USDT costs 0.015 RUB -> 0.02 RUB; 0.05 USDT costs 0.025 RUB -> 0.02 RUB.
    const half = rate(USDT, RUB, '0.5');
    expect(costOf(amountOf(USDT, 30_000n), half, RUB).minor).toBe(2n);
    expect(costOf(amountOf(USDT, 50_000n), half, RUB).minor).toBe(2n);
  });

  // Regression test for a fixed bug (src/money/rate.ts:38, same cause as convert): 0.03 CNY bought with RUB at RUB/CNY 6
  // costs exactly 0.005 RUB; half-even gives 0.00 RUB, costOf gives 0.01 RUB.
  it('prices base in quote terms half-even on an exact tie (0.03 CNY at RUB/CNY 6 -> 0.00 RUB)', () => {
    expect(costOf(amountOf(CNY, 3n), rate(RUB, CNY, '6'), RUB).minor).toBe(0n);
  });
});

describe('bps', () => {
  it('turns basis points into a fraction', () => {
    expect(bps(50).toString()).toBe('0.005');
    expect(bps('12.5').toString()).toBe('0.00125');
    expect(bps(10_000).toString()).toBe('1');
  });
});
