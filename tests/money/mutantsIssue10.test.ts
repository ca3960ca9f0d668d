// Pins what issue 10 added to the money layer and its mutation run left untested: a fine value
// refuses a price that is not positive by name (a zero price is not a division by zero, a negative
// one is not read as positive), and report figures never print a negative zero.

import { describe, expect, it } from 'vitest';
import { Dec, amountOf, defineAsset, fixed, formatFine, unsignedZero, valueUpIn } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USD = defineAsset('USD', 2);

describe('valueUpIn refuses a price that is not positive', () => {
  it.each(['0', '0.000', '-2', '-0.5', '-92.125'])('price %s: a named error, not a division', (price) => {
    expect(() => valueUpIn(amountOf(RUB, 100n), new Dec(price), USD)).toThrow(
      new Error(`price must be positive, got ${new Dec(price).toString()}`),
    );
  });

  it('accepts the smallest positive price it can read exactly', () => {
    expect(valueUpIn(amountOf(RUB, 1n), new Dec('0.000001'), USD).atto).toBe(10n ** 22n); // 0.01 / 10^-6 = 10^4 USD
  });
});

describe('formatFine', () => {
  it('pads to the asset scale and keeps every significant decimal beyond it', () => {
    expect(formatFine({ asset: USD, atto: 10n ** 18n })).toBe('1.00 USD');
    expect(formatFine({ asset: USD, atto: 5n * 10n ** 16n })).toBe('0.05 USD');
    expect(formatFine({ asset: USD, atto: 123n * 10n ** 15n })).toBe('0.123 USD');
    expect(formatFine({ asset: USD, atto: -1n })).toBe('-0.000000000000000001 USD');
  });
});

describe('unsignedZero and fixed: reports never print "-0"', () => {
  it.each([
    ['-0', '0'],
    ['-0.', '0.'],
    ['-0.00', '0.00'],
    ['-0.000000', '0.000000'],
  ])('%s -> %s', (text, want) => {
    expect(unsignedZero(text)).toBe(want);
  });

  it.each(['-0.001', '-0.10', '-10.00', '-1', '0.00', '10-0', 'x-0.00'])('leaves %s unchanged', (text) => {
    expect(unsignedZero(text)).toBe(text);
  });

  it('rounds half-even to the places asked and drops the sign of a value that rounds to zero', () => {
    expect(fixed(new Dec('-0.004'), 2)).toBe('0.00');
    expect(fixed('-0.4', 0)).toBe('0');
    expect(fixed('-0.005', 2)).toBe('0.00'); // half-even: the tie goes to the even 0
    expect(fixed('-0.015', 2)).toBe('-0.02');
    expect(fixed('0.125', 2)).toBe('0.12');
    expect(fixed('2.5', 0)).toBe('2');
    expect(fixed(92.5, 1)).toBe('92.5');
  });
});
