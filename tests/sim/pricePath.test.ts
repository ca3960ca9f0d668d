// A price on the seeded stream: fixed without volatility, the same path for the same seed, a price
// at a moment that does not depend on who asked in between, and no going back in time.

import { describe, expect, it } from 'vitest';
import { PricePath, RandomStream } from '../../src/sim/index.js';
import { Dec } from '../../src/money/index.js';

const T0 = Date.UTC(2024, 8, 2, 9);
const MIN = 60_000;
const HOUR = 3_600_000;

const path = (bps: number, seed = 7, name = 'fx/USD/RUB') => new PricePath(T0, new Dec('92.00'), bps, new RandomStream(name, seed));

describe('PricePath', () => {
  it('with zero volatility the price stays at its start for ever, and draws nothing from the stream', () => {
    const stream = new RandomStream('fx/USD/RUB', 7);
    const p = new PricePath(T0, new Dec('92.00'), 0, stream);
    for (const t of [T0, T0 + MIN, T0 + 5 * HOUR, T0 + 400 * 24 * HOUR]) expect(p.at(t).toString()).toBe('92');
    expect(stream.float()).toBe(new RandomStream('fx/USD/RUB', 7).float());
  });

  it('at the start, and before it, the price is the initial one', () => {
    const p = path(300);
    expect(p.at(T0 - HOUR).eq(new Dec('92'))).toBe(true);
    expect(p.at(T0).eq(new Dec('92'))).toBe(true);
    expect(p.at(T0 + MIN - 1).eq(new Dec('92'))).toBe(true);
  });

  it('with volatility it moves, once per simulated minute', () => {
    const p = path(300);
    const first = p.at(T0 + MIN);
    expect(first.eq(new Dec('92'))).toBe(false);
    expect(p.at(T0 + 2 * MIN - 1).eq(first)).toBe(true);
    expect(p.at(T0 + 2 * MIN).eq(first)).toBe(false);
  });

  it('the same seed and stream give the same path; another seed or stream name another', () => {
    const times = [T0 + MIN, T0 + 17 * MIN, T0 + HOUR, T0 + 26 * HOUR];
    const prices = (p: PricePath) => times.map((t) => p.at(t).toString());
    const a = prices(path(200, 7));
    expect(prices(path(200, 7))).toEqual(a);
    expect(prices(path(200, 8))).not.toEqual(a);
    expect(prices(path(200, 7, 'fx/CNY/RUB'))).not.toEqual(a);
  });

  it('the price at a time does not depend on how often it was asked for in between', () => {
    const dense = path(500);
    const sparse = path(500);
    const target = T0 + 3 * HOUR + 30_000;
    for (let t = T0; t < target; t += 7_919) dense.at(t);
    dense.at(target);
    dense.at(target); // asking twice for the same moment does not step it on
    expect(dense.at(target).toString()).toBe(sparse.at(target).toString());
    expect(dense.at(target + 10 * MIN).toString()).toBe(sparse.at(target + 10 * MIN).toString());
  });

  it('reads an earlier minute back as it was, so a report can chart the path after the run', () => {
    const walked = path(100);
    const early = walked.at(T0 + 5 * MIN).toString();
    walked.at(T0 + 10 * MIN);
    expect(walked.at(T0 + 5 * MIN).toString()).toBe(early);
    expect(path(100).at(T0 + 5 * MIN).toString()).toBe(early);
  });

  it('volatility is per hour: 100 bps/hour gives log returns over an hour with a standard deviation near 1%', () => {
    const returns: number[] = [];
    for (let seed = 0; seed < 400; seed++) {
      const p = path(100, seed);
      returns.push(Math.log(p.at(T0 + HOUR).div(92).toNumber()));
    }
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1));
    // 400 samples: the estimate of the s.d. is within about 7% of the truth at two sigma
    expect(sd).toBeGreaterThan(0.0085);
    expect(sd).toBeLessThan(0.0115);
    expect(Math.abs(mean)).toBeLessThan(0.002);
  });

  it('stays positive under heavy volatility for a long time', () => {
    const p = path(10_000);
    for (let h = 1; h <= 24 * 30; h += 24) expect(p.at(T0 + h * HOUR).gt(0)).toBe(true);
  });

  it('reads back any earlier minute exactly after walking far past it (blocks replayed from checkpoints)', () => {
    const far = path(300);
    const times = [T0 + 3 * MIN, T0 + 1500 * MIN, T0 + 20 * 24 * HOUR + 7 * MIN, T0 + 5 * 24 * HOUR];
    const fresh = times.map((t) => path(300).at(t).toString());
    far.at(T0 + 60 * 24 * HOUR);
    expect(times.map((t) => far.at(t).toString())).toEqual(fresh);
    // and back and forth again, across the blocks kept in full
    expect(times.reverse().map((t) => far.at(t).toString())).toEqual([...fresh].reverse());
  });
});
