import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { add, amountOf, defineAsset, formatAmount, formatMinor, parseMinor, sub, zero } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const BTC = defineAsset('BTC', 8);
const JPY = defineAsset('JPY', 0);

describe('parseMinor', () => {
  it.each([
    ['100000.00', RUB, 10_000_000n],
    ['1.5', RUB, 150n],
    ['7', RUB, 700n],
    ['0.01', RUB, 1n],
    ['-9250000.00', RUB, -925_000_000n],
    ['  12.34\n', RUB, 1234n],
    ['0007.10', RUB, 710n],
    ['0.000001', USDT, 1n],
    ['2.5', USDT, 2_500_000n],
    ['0.00000001', BTC, 1n],
    ['21000000', BTC, 2_100_000_000_000_000n],
    ['500', JPY, 500n],
  ] as const)('reads %j as minor units', (text, asset, minor) => {
    expect(parseMinor(text, asset)).toBe(minor);
  });

  it('keeps every digit of amounts far beyond 2^53', () => {
    expect(parseMinor('123456789012345678901234.56', RUB)).toBe(12345678901234567890123456n);
  });

  it('reads -0 as zero', () => {
    expect(parseMinor('-0.00', RUB)).toBe(0n);
  });

  it.each([
    ['1.234', RUB, 'RUB has 2 decimal places; "1.234" has 3'],
    ['0.0000001', USDT, 'USDT has 6 decimal places; "0.0000001" has 7'],
    ['5.0', JPY, 'JPY has 0 decimal places; "5.0" has 1'],
    ['1.000', RUB, 'RUB has 2 decimal places; "1.000" has 3'],
  ] as const)('refuses %j instead of rounding it', (text, asset, message) => {
    expect(parseMinor(text, asset)).toBe(message);
  });

  it.each(['', ' ', 'abc', '1,5', '1 000.00', '1e3', '+1', '.5', '1.', '1.2.3', 'NaN', 'Infinity', '0x10', '--1', '1-'])(
    'refuses %j as not a decimal number',
    (text) => {
      expect(parseMinor(text, RUB)).toBe(`expected a decimal number like "1234.56", got ${JSON.stringify(text)}`);
    },
  );
});

describe('formatMinor', () => {
  it.each([
    [-925_000_000n, 2, '-9250000.00'],
    [10_000_000n, 2, '100000.00'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [0n, 2, '0.00'],
    [1n, 6, '0.000001'],
    [-1_000_000n, 6, '-1.000000'],
    [42n, 0, '42'],
    [-42n, 0, '-42'],
    [0n, 0, '0'],
    [10n ** 30n + 1n, 8, '10000000000000000000000.00000001'],
  ] as const)('formats %s at scale %i as %j', (minor, scale, text) => {
    expect(formatMinor(minor, scale)).toBe(text);
  });

  it('writes a plain decimal with exactly the scale, for any amount and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        const text = formatMinor(minor, scale);
        const pattern = scale === 0 ? /^-?(0|[1-9]\d*)$/ : new RegExp(`^-?(0|[1-9]\\d*)\\.\\d{${scale}}$`);
        expect(text).toMatch(pattern);
        expect(text.startsWith('-')).toBe(minor < 0n);
      }),
    );
  });

  it('round-trips through parseMinor for any amount and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        const asset = defineAsset('XYZ', scale);
        expect(parseMinor(formatMinor(minor, scale), asset)).toBe(minor);
      }),
    );
  });

  it('parseMinor then formatMinor only pads the decimals, never changes the value', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[1-9]\d{0,25}$/),
        fc.integer({ min: 0, max: 8 }),
        fc.stringMatching(/^\d{0,8}$/),
        (negative, whole, scale, fracDigits) => {
          const frac = fracDigits.slice(0, scale);
          const text = `${negative ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
          const minor = parseMinor(text, defineAsset('XYZ', scale));
          expect(typeof minor).toBe('bigint');
          const expected = `${negative ? '-' : ''}${whole}${scale > 0 ? '.' + frac.padEnd(scale, '0') : ''}`;
          expect(formatMinor(minor as bigint, scale)).toBe(expected);
        },
      ),
    );
  });
});

describe('formatAmount', () => {
  it('writes the amount and its code: -9250000.00 RUB', () => {
    expect(formatAmount(amountOf(RUB, -925_000_000n))).toBe('-9250000.00 RUB');
    expect(formatAmount(amountOf(USDT, 100_000_000_000n))).toBe('100000.000000 USDT');
  });
});

describe('add, sub, zero', () => {
  it('adds and subtracts exactly beyond float precision', () => {
    const big = amountOf(RUB, 2n ** 62n + 1n);
    expect(add(big, amountOf(RUB, 1n)).minor).toBe(2n ** 62n + 2n);
    expect(sub(big, amountOf(RUB, 2n ** 62n)).minor).toBe(1n);
  });

  it('keeps the asset', () => {
    expect(add(amountOf(USDT, 1n), amountOf(USDT, 2n)).asset).toBe(USDT);
    expect(sub(amountOf(USDT, 1n), amountOf(USDT, 2n))).toEqual({ asset: USDT, minor: -1n });
  });

  it('refuses to combine different assets', () => {
    expect(() => add(amountOf(RUB, 1n), amountOf(USDT, 1n))).toThrow('cannot combine RUB with USDT');
    expect(() => sub(amountOf(USDT, 1n), amountOf(RUB, 1n))).toThrow('cannot combine USDT with RUB');
  });

  it('sub undoes add for any amounts', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt(), (a, b) => {
        expect(sub(add(amountOf(BTC, a), amountOf(BTC, b)), amountOf(BTC, b)).minor).toBe(a);
      }),
    );
  });

  it('zero is zero minor units of the asset', () => {
    expect(zero(USDT)).toEqual({ asset: USDT, minor: 0n });
    expect(formatAmount(zero(USDT))).toBe('0.000000 USDT');
  });
});
