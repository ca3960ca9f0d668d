// Conversions refuse a rate that joins only one side of the pair: a USDT/RUB rate must not turn
// USDT into yuan or rubles into yuan. Found missing by the mutation run (npm run test:mutation).

import { describe, expect, it } from 'vitest';
import { amountOf, defineAsset, rate, valueIn } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const CNY = defineAsset('CNY', 2);
const r = rate(USDT, RUB, '92.50');

describe('valueIn with a rate that joins only one of the two assets', () => {
  it.each([
    [USDT, CNY, 'rate USDT/RUB does not convert USDT to CNY'],
    [CNY, RUB, 'rate USDT/RUB does not convert CNY to RUB'],
    [RUB, CNY, 'rate USDT/RUB does not convert RUB to CNY'],
    [CNY, USDT, 'rate USDT/RUB does not convert CNY to USDT'],
  ])('refuses %o -> %o', (from, to, message) => {
    expect(() => valueIn(amountOf(from, 100n), r, to)).toThrow(message);
  });
});
