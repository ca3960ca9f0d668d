// The payments a scenario asks for, produced lazily in time order from the seeded streams, so a
// million-payment workload never sits in memory at once.

import { times, type Amount } from '../money/index.js';
import type { RandomStream, RandomStreams } from '../sim/index.js';
import type { Participant } from '../rails/participants/participant.js';
import type { AmountDistribution, Model, Variant } from './model.js';

export interface PaymentOrder {
  /** Given in the file, or drawn from the seeded id stream. */
  readonly id?: string;
  readonly from: Participant;
  readonly to: Participant;
  readonly amount: Amount;
  readonly coin: string;
  readonly chain: string;
  readonly at: number;
  /** The ways the trade is sent: one, or twins to compare rails or settlement modes. */
  readonly variants: readonly Variant[];
}

/** A retail purchase (`amount` in RUB) or a sale (`amount` in coin) by an individual or miner. */
export interface RetailOrder {
  readonly id?: string;
  readonly by: Participant;
  readonly side: 'buy' | 'sell';
  readonly coin: string;
  readonly amount: Amount;
  readonly at: number;
}

export type { Variant };

export type WorkItem = { readonly kind: 'payment'; readonly order: PaymentOrder } | { readonly kind: 'order'; readonly order: RetailOrder };

/** A source of work in non-decreasing time. */
export type OrderSource = Iterator<WorkItem>;

function pick<T>(items: readonly T[], draw: () => number): T {
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

/** Draws amounts around a median: fixed, or log-normal with the given sigma. */
export function amountSampler(dist: AmountDistribution, stream: RandomStream): () => Amount {
  const { median, sigma } = dist;
  const one: Amount = { asset: median.asset, minor: 1n };
  return () => {
    if (sigma === 0) return median;
    // Twelve significant digits of the float factor: enough spread, and no platform-specific tail.
    const a = times(median, stream.logNormalFactor(sigma).toPrecision(12));
    return a.minor > 0n ? a : one;
  };
}

/** A generated batch's own streams: when its items arrive, who they are between, how much. */
function drawsFor(streams: RandomStreams, prefix: string, g: { readonly index: number; readonly amount: AmountDistribution }) {
  return {
    times: streams.stream(`${prefix}/${g.index}/arrivals`),
    parties: streams.stream(`${prefix}/${g.index}/parties`),
    amount: amountSampler(g.amount, streams.stream(`${prefix}/${g.index}/amounts`)),
  };
}

export function orderSources(m: Model, streams: RandomStreams, populations: ReadonlyMap<string, readonly Participant[]>): OrderSource[] {
  const singles: WorkItem[] = [];
  const sources: OrderSource[] = [];
  for (const o of m.orders) {
    if (o.kind === 'single') {
      const { kind: _kind, ...order } = o;
      singles.push({ kind: 'order', order });
      continue;
    }
    const { times, parties: who, amount } = drawsFor(streams, 'orders', o);
    const by = 'population' in o.by ? populations.get(o.by.population)! : o.by;
    const { side, buy } = o;
    sources.push(
      (function* (): Generator<WorkItem> {
        for (const t of uniformArrivals(o.count, o.startMs, o.overMs, () => times.float())) {
          const a = amount();
          yield { kind: 'order', order: { by: pick(by, () => who.float()), side, coin: buy ?? a.asset.code, amount: a, at: t } };
        }
      })(),
    );
  }
  for (const p of m.payments) {
    if (p.kind === 'single') {
      const { kind: _kind, ...order } = p;
      singles.push({ kind: 'payment', order });
      continue;
    }
    const { times, parties, amount } = drawsFor(streams, 'workload', p);
    sources.push(
      (function* (): Generator<WorkItem> {
        for (const t of uniformArrivals(p.count, p.startMs, p.overMs, () => times.float())) {
          yield { kind: 'payment', order: { from: pick(p.from, () => parties.float()), to: pick(p.to, () => parties.float()), amount: amount(), coin: p.coin, chain: p.chain, at: t, variants: p.variants } };
        }
      })(),
    );
  }
  singles.sort((a, b) => a.order.at - b.order.at);
  return [singles[Symbol.iterator](), ...sources];
}
