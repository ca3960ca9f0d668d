import { describe, it, expect } from 'vitest';
import { assetCode, defineAsset, KNOWN_ASSETS } from '../../src/money/index.js';

describe('assetCode', () => {
  it.each(['RUB', 'USDT', 'BTC', 'A7A5', 'ABCDEFGHIJ'])('accepts %s', (code) => {
    expect(assetCode(code)).toBe(code);
  });

  it.each(['', 'R', 'rub', 'Rub', '7AB', 'US D', 'USD-T', 'ABCDEFGHIJK', ' RUB'])('refuses %j, naming it', (code) => {
    expect(() => assetCode(code)).toThrow(`not an asset code: ${JSON.stringify(code)}`);
  });
});

describe('defineAsset', () => {
  it('keeps code and scale, and has no peg unless given one', () => {
    const rub = defineAsset('RUB', 2);
    expect(rub).toEqual({ code: 'RUB', scale: 2 });
    expect(rub).not.toHaveProperty('peg');
  });

  it('records the peg of a stablecoin', () => {
    expect(defineAsset('USDT', 6, 'USD')).toEqual({ code: 'USDT', scale: 6, peg: 'USD' });
  });

  it('checks the peg code too', () => {
    expect(() => defineAsset('USDT', 6, 'usd')).toThrow(/not an asset code/);
  });

  it.each([0, 18])('accepts scale %i', (scale) => {
    expect(defineAsset('XYZ', scale).scale).toBe(scale);
  });

  it.each([-1, 19, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses scale %s with a message naming the asset', (scale) => {
    expect(() => defineAsset('XYZ', scale)).toThrow(/^asset XYZ: scale must be an integer from 0 to 18/);
  });

  it('refuses a bad code', () => {
    expect(() => defineAsset('rub', 2)).toThrow(/not an asset code/);
  });
});

describe('KNOWN_ASSETS', () => {
  const byCode = new Map(KNOWN_ASSETS.map((a) => [a.code as string, a]));

  it('has one entry per code', () => {
    expect(byCode.size).toBe(KNOWN_ASSETS.length);
  });

  it('carries the real minor units: kopecks, micro-USDT, satoshis', () => {
    expect(byCode.get('RUB')?.scale).toBe(2);
    expect(byCode.get('CNY')?.scale).toBe(2);
    expect(byCode.get('USD')?.scale).toBe(2);
    expect(byCode.get('USDT')?.scale).toBe(6);
    expect(byCode.get('BTC')?.scale).toBe(8);
  });

  it('marks USDT as pegged to USD, and fiat as unpegged', () => {
    expect(byCode.get('USDT')?.peg).toBe('USD');
    expect(byCode.get('RUB')?.peg).toBeUndefined();
  });
});
