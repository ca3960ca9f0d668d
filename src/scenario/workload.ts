// The payments a scenario asks for, produced lazily in time order from the seeded streams, so a
// million-payment workload never sits in memory at once.

import { Dec, fromUnits, toUnits, type Amount } from '../money/index.js';
import type { RandomStream, RandomStreams } from '../sim/index.js';
import { at, defaultVia, ms, type Assets } from './model.js';
import type { Scenario } from './schema.js';
import type { PaymentRail, SettlementMode } from '../flows/payment.js';

/** One way of sending a trade; `tag` suffixes the twin's id, empty when there is one way only. */
export interface Variant {
  readonly rail: PaymentRail;
  readonly settlement: SettlementMode;
  readonly tag: string;
}

/** Every combination of the rails and settlement modes a payment lists, in the file's order. */
export function variantsOf(p: { rail?: PaymentRail | PaymentRail[] | undefined; settlement?: SettlementMode | SettlementMode[] | undefined }): Variant[] {
  const rails = [p.rail ?? 'pilot'].flat();
  const modes = [p.settlement ?? 'sequential'].flat();
  const out: Variant[] = [];
  for (const rail of rails) {
    // Settlement modes are the pilot's; the correspondent channel has one way only.
    for (const settlement of rail === 'correspondent' ? (['sequential'] as const) : modes) {
      const tag = [rails.length > 1 ? rail : '', modes.length > 1 && rail !== 'correspondent' ? settlement : ''].filter(Boolean).join('-');
      out.push({ rail, settlement, tag });
    }
  }
  return out;
}

type AmountDistribution = Scenario['payments'][number] extends infer P ? (P extends { generate: { amount: infer A } } ? A : never) : never;

export interface PaymentOrder {
  /** Given in the file, or drawn from the seeded id stream. */
  readonly id?: string;
  readonly from: string;
  readonly to: string;
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
  readonly by: string;
  readonly side: 'buy' | 'sell';
  readonly coin: string;
  readonly amount: Amount;
  readonly at: number;
}

export type WorkItem = { readonly kind: 'payment'; readonly order: PaymentOrder } | { readonly kind: 'order'; readonly order: RetailOrder };

/** A source of work in non-decreasing time. */
export type OrderSource = Iterator<WorkItem>;

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

/** Draws amounts around a median: fixed, or log-normal with the given sigma. */
export function amountSampler(assets: Assets, dist: AmountDistribution, stream: RandomStream): () => Amount {
  const median = assets.amount('fixed' in dist ? dist.fixed : dist.logNormal.median);
  const sigma = 'logNormal' in dist ? dist.logNormal.sigma : 0;
  const one: Amount = { asset: median.asset, minor: 1n };
  return () => {
    if (sigma === 0) return median;
    // Twelve significant digits of the float factor: enough spread, and no platform-specific tail.
    const factor = new Dec(stream.logNormalFactor(sigma).toPrecision(12));
    const a = fromUnits(toUnits(median).mul(factor), median.asset);
    return a.minor > 0n ? a : one;
  };
}

export function orderSources(s: Scenario, assets: Assets, streams: RandomStreams, populationIds: ReadonlyMap<string, readonly string[]>): OrderSource[] {
  const singles: WorkItem[] = [];
  const sources: OrderSource[] = [];
  s.orders.forEach((o, i) => {
    if (!('generate' in o)) {
      const side = 'buy' in o ? 'buy' : 'sell';
      const amount = assets.amount('buy' in o ? o.spend : o.sell);
      const coin = 'buy' in o ? o.buy : amount.asset.code;
      singles.push({ kind: 'order', order: { ...(o.id ? { id: o.id } : {}), by: o.by, side, coin, amount, at: at(o.at) } });
      return;
    }
    const g = o.generate;
    const times = streams.stream(`orders/${i}/arrivals`);
    const who = streams.stream(`orders/${i}/parties`);
    const amount = amountSampler(assets, 'buy' in g ? g.spend : g.sell, streams.stream(`orders/${i}/amounts`));
    const by = typeof g.by === 'object' && !Array.isArray(g.by) ? [...populationIds.get(g.by.population)!] : g.by;
    const side = 'buy' in g ? 'buy' : 'sell';
    sources.push(
      (function* (): Generator<WorkItem> {
        for (const t of uniformArrivals(g.count, at(g.start ?? s.start), ms(g.over), () => times.float())) {
          const a = amount();
          yield { kind: 'order', order: { by: pick(by, () => who.float()), side, coin: 'buy' in g ? g.buy : a.asset.code, amount: a, at: t } };
        }
      })(),
    );
  });
  const fallback = s.payments.length > 0 ? defaultVia(s) : undefined;
  s.payments.forEach((p, i) => {
    if (!('generate' in p)) {
      const via = p.via ?? fallback;
      singles.push({
        kind: 'payment',
        order: { ...(p.id ? { id: p.id } : {}), from: p.from, to: p.to, amount: assets.amount(p.amount), coin: via?.stablecoin ?? '', chain: via?.chain ?? '', at: at(p.at), variants: variantsOf(p) },
      });
      return;
    }
    const g = p.generate;
    const via = g.via ?? fallback ?? { stablecoin: '', chain: '' };
    const variants = variantsOf(g);
    const times = streams.stream(`workload/${i}/arrivals`);
    const parties = streams.stream(`workload/${i}/parties`);
    const amount = amountSampler(assets, g.amount, streams.stream(`workload/${i}/amounts`));
    sources.push(
      (function* (): Generator<WorkItem> {
        for (const t of uniformArrivals(g.count, at(g.start ?? s.start), ms(g.over), () => times.float())) {
          yield { kind: 'payment', order: { from: pick(g.from, () => parties.float()), to: pick(g.to, () => parties.float()), amount: amount(), coin: via.stablecoin, chain: via.chain, at: t, variants } };
        }
      })(),
    );
  });
  singles.sort((a, b) => a.order.at - b.order.at);
  return [singles[Symbol.iterator](), ...sources];
}
