// The payments a scenario asks for, produced lazily in time order from the seeded streams, so a
// million-payment workload never sits in memory at once.

import { Dec, fromUnits, toUnits, type Amount } from '../money/index.js';
import type { RandomStreams } from '../sim/index.js';
import { at, defaultVia, ms, type Assets } from './model.js';
import type { Scenario } from './schema.js';

export interface PaymentOrder {
  /** Given in the file, or drawn from the seeded id stream. */
  readonly id?: string;
  readonly from: string;
  readonly to: string;
  readonly amount: Amount;
  readonly coin: string;
  readonly chain: string;
  readonly at: number;
}

/** A source of orders in non-decreasing time. */
export type OrderSource = Iterator<PaymentOrder>;

function pick(list: string | string[], draw: () => number): string {
  const items = [list].flat();
  return items.length === 1 ? items[0]! : items[Math.floor(draw() * items.length)]!;
}

/**
 * `count` arrivals uniform over [start, start + over), produced already sorted: each next
 * arrival is the minimum of the uniforms still to come, `1 - (1 - prev) * U^(1/remaining)`.
 */
export function* uniformArrivals(count: number, start: number, overMs: number, draw: () => number): Generator<number> {
  let prev = 0;
  for (let remaining = count; remaining > 0; remaining--) {
    prev = 1 - (1 - prev) * Math.pow(1 - draw(), 1 / remaining);
    yield start + Math.floor(prev * overMs);
  }
}

export function orderSources(s: Scenario, assets: Assets, streams: RandomStreams): OrderSource[] {
  const fallback = defaultVia(s);
  const singles: PaymentOrder[] = [];
  const sources: OrderSource[] = [];
  s.payments.forEach((p, i) => {
    if (!('generate' in p)) {
      const via = p.via ?? fallback;
      singles.push({ ...(p.id ? { id: p.id } : {}), from: p.from, to: p.to, amount: assets.amount(p.amount), coin: via.stablecoin, chain: via.chain, at: at(p.at) });
      return;
    }
    const g = p.generate;
    const via = g.via ?? fallback;
    const times = streams.stream(`workload/${i}/arrivals`);
    const parties = streams.stream(`workload/${i}/parties`);
    const sizes = streams.stream(`workload/${i}/amounts`);
    const median = assets.amount('fixed' in g.amount ? g.amount.fixed : g.amount.logNormal.median);
    const sigma = 'logNormal' in g.amount ? g.amount.logNormal.sigma : 0;
    const one: Amount = { asset: median.asset, minor: 1n };
    const amount = (): Amount => {
      if (sigma === 0) return median;
      // Twelve significant digits of the float factor: enough spread, and no platform-specific tail.
      const factor = new Dec(sizes.logNormalFactor(sigma).toPrecision(12));
      const a = fromUnits(toUnits(median).mul(factor), median.asset);
      return a.minor > 0n ? a : one;
    };
    sources.push(
      (function* () {
        for (const t of uniformArrivals(g.count, at(g.start ?? s.start), ms(g.over), () => times.float())) {
          yield { from: pick(g.from, () => parties.float()), to: pick(g.to, () => parties.float()), amount: amount(), coin: via.stablecoin, chain: via.chain, at: t };
        }
      })(),
    );
  });
  singles.sort((a, b) => a.at - b.at);
  return [singles[Symbol.iterator](), ...sources];
}
