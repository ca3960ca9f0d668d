// Fine values: a division rounded up at 10^-18, exact for amounts, printed with every significant decimal.

import { describe, expect, it } from 'vitest';
import { Dec, amountOf, defineAsset, fineOf, formatFine, valueUpIn } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USD = defineAsset('USD', 2);
const BTC = defineAsset('BTC', 8);

describe('fine values', () => {
  it('divides and rounds up at 10^-18, never down', () => {
    expect(valueUpIn(amountOf(RUB, 40n), new Dec('92.00'), USD).atto).toBe(4_347_826_086_956_522n); // 0.4/92 = 0.0043478260869565217...
    expect(valueUpIn(amountOf(RUB, 9_200n), new Dec('92'), USD).atto).toBe(10n ** 18n); // exact: no rounding
    expect(valueUpIn(amountOf(RUB, 1n), new Dec('3'), USD).atto).toBe(3_333_333_333_333_334n);
    expect(valueUpIn(amountOf(RUB, 1n), new Dec('92.123456789'), USD).atto).toBe(108_549_986_600_091n); // ceil of 10^16 / 92.123456789, checked with Python's Fraction
  });

  it('is exact for amounts of any scale', () => {
    expect(fineOf(amountOf(BTC, 1n)).atto).toBe(10n ** 10n);
    expect(fineOf(amountOf(RUB, -150n)).atto).toBe(-15n * 10n ** 17n);
  });

  it('prints every significant decimal and never fewer than the asset has', () => {
    expect(formatFine({ asset: USD, atto: 4_347_826_086_956_522n })).toBe('0.004347826086956522 USD');
    expect(formatFine({ asset: USD, atto: 10n ** 18n })).toBe('1.00 USD');
    expect(formatFine({ asset: USD, atto: 15n * 10n ** 17n })).toBe('1.50 USD');
    expect(formatFine({ asset: USD, atto: 0n })).toBe('0.00 USD');
    expect(formatFine({ asset: defineAsset('JPY', 0), atto: 0n })).toBe('0 JPY');
    expect(formatFine({ asset: USD, atto: -1n })).toBe('-0.000000000000000001 USD');
  });
});
