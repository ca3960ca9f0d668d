// What each asset is worth over a run: the drift exchanges and off-ramps quote by.

import { describe, expect, it } from 'vitest';
import { Prices } from '../../src/rails/stablecoin/prices.js';
import { PricePath, RandomStreams } from '../../src/sim/index.js';
import { Dec } from '../../src/money/index.js';

const T0 = Date.UTC(2024, 8, 4, 9);
const HOUR = 3_600_000;

/** A path that never moves, at `mid`: its index is always one. */
const still = (mid: string) => new PricePath(T0, new Dec(mid), 0, new RandomStreams(1).stream('x'));

/** A path moving on its own seeded stream; what it was at any minute reads back the same. */
function stepped(mid: string, volatility: number, seed: number): PricePath {
  return new PricePath(T0, new Dec(mid), volatility, new RandomStreams(seed).stream('fx'));
}

describe('Prices', () => {
  it('keeps everything at one when nothing moves, so mids are quoted exactly as given', () => {
    const p = new Prices({ fx: new Map([['USD/RUB', still('92.5')]]), pegs: new Map([['USDT', 'USD']]), baskets: new Map(), depegs: [] });
    expect(p.rubIndex('USDT', T0 + HOUR).toString()).toBe('1');
    expect(p.drift('USDT', 'RUB')(T0 + HOUR).toString()).toBe('1');
    expect(p.moves).toBe(false);
  });

  it('gives a still basket the same drift at every moment, the weighted sum its members give', () => {
    const weights = new Map([['USD', new Dec('0.3')], ['CNY', new Dec('0.7')]]);
    const p = new Prices({ fx: new Map([['USD/RUB', still('92.5')], ['CNY/RUB', still('13.0')]]), pegs: new Map(), baskets: new Map([['BRICS', weights]]), depegs: [] });
    const drift = p.drift('BRICS', 'CNY');
    expect([T0, T0 + HOUR, T0 + 100 * HOUR].map((t) => drift(t).toString())).toEqual(['1', '1', '1']);
    expect(p.drift('BRICS', 'RUB')(T0 + HOUR).toString()).toBe(p.rubIndex('BRICS', T0 + HOUR).toString());
  });

  it('moves a pegged coin with its peg against RUB, and a market against another currency by the ratio', () => {
    const usd = stepped('92.5', 200, 3);
    const cny = stepped('13.0', 200, 4);
    const p = new Prices({ fx: new Map([['USD/RUB', usd], ['CNY/RUB', cny]]), pegs: new Map([['USDT', 'USD']]), baskets: new Map(), depegs: [] });
    const t = T0 + 3 * HOUR;
    const usdIndex = usd.at(t).div(usd.initial);
    const cnyIndex = cny.at(t).div(cny.initial);
    expect(p.rubIndex('USDT', t).toString()).toBe(usdIndex.toString());
    expect(p.drift('USDT', 'CNY')(t).toString()).toBe(usdIndex.div(cnyIndex).toString());
    expect(p.moves).toBe(true);
  });

  it('values a basket coin at the weighted moves of its members', () => {
    const cny = stepped('12.8', 300, 5);
    const inr = stepped('1.1', 300, 6);
    const basket = new Map([['CNY', new Dec('0.5')], ['INR', new Dec('0.3')], ['RUB', new Dec('0.2')]]);
    const p = new Prices({ fx: new Map([['CNY/RUB', cny], ['INR/RUB', inr]]), pegs: new Map(), baskets: new Map([['BRICS', basket]]), depegs: [] });
    const t = T0 + 5 * HOUR;
    const want = new Dec('0.5').mul(cny.at(t).div(cny.initial)).plus(new Dec('0.3').mul(inr.at(t).div(inr.initial))).plus('0.2');
    expect(p.rubIndex('BRICS', t).toString()).toBe(want.toString());
  });

  it('pushes a coin below its peg only during its depeg [from, to), whether the peg moves on a path or the coin has its own', () => {
    const depegs = [{ coin: 'USDT', from: T0 + HOUR, to: T0 + 2 * HOUR, by: new Dec('0.04') }];
    const pegged = new Prices({ fx: new Map(), pegs: new Map([['USDT', 'USD']]), baskets: new Map(), depegs });
    const ownPath = new Prices({ fx: new Map([['USDT/RUB', still('92.5')]]), pegs: new Map([['USDT', 'USD']]), baskets: new Map(), depegs });
    for (const p of [pegged, ownPath]) {
      expect(p.rubIndex('USDT', T0 + HOUR - 1).toString()).toBe('1');
      expect(p.rubIndex('USDT', T0 + HOUR).toString()).toBe('0.96');
      expect(p.rubIndex('USDT', T0 + 2 * HOUR).toString()).toBe('1');
    }
  });
});
