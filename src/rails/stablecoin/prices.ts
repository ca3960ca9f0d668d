// What each asset is worth over a run, relative to the start: fiat currencies move with their fx
// path against RUB, a pegged stablecoin follows its peg unless a depeg fault pushes it off, and a
// basket coin is worth the weighted moves of its member currencies. Markets quote their starting
// mid times this drift, so a run with no fx volatility and no faults keeps every mid exactly.

import { Dec, type Dec as Decimal } from '../../money/index.js';
import type { PricePath } from '../../sim/index.js';

/** A coin trading below its peg: worth `1 - by` of it from `from` until `to`. */
export interface Depeg {
  readonly coin: string;
  readonly from: number;
  readonly to: number;
  readonly by: Decimal;
}

export interface PriceModel {
  /** Fiat paths against RUB, by pair (`CNY/RUB`). */
  readonly fx: ReadonlyMap<string, PricePath>;
  /** Pegged coins and their peg (`USDT` -> `USD`). */
  readonly pegs: ReadonlyMap<string, string>;
  /** Basket coins and their members' weights, which sum to one. */
  readonly baskets: ReadonlyMap<string, ReadonlyMap<string, Decimal>>;
  readonly depegs: readonly Depeg[];
}

const ONE = new Dec(1);

export class Prices {
  /** When nothing moves, each pair's drift is one constant: computed at its first use, by pair. */
  private readonly still: boolean;
  private readonly fixedDrifts = new Map<string, (t: number) => Decimal>();

  constructor(private readonly m: PriceModel) {
    this.still = !this.moves;
  }

  private depegFactor(coin: string, t: number): Decimal {
    const d = this.m.depegs.find((x) => x.coin === coin && x.from <= t && t < x.to);
    return d ? ONE.minus(d.by) : ONE;
  }

  /** What one unit of `code` is worth in RUB at `t`, as a multiple of its worth at the start. */
  rubIndex(code: string, t: number): Decimal {
    if (code === 'RUB') return ONE;
    const path = this.m.fx.get(`${code}/RUB`);
    // A path that never moves is worth its start at every t: the quotient is 1, not worth a division.
    if (path) return path.moves ? path.at(t).div(path.initial).mul(this.depegFactor(code, t)) : this.depegFactor(code, t);
    const basket = this.m.baskets.get(code);
    if (basket) {
      let sum = new Dec(0);
      for (const [member, weight] of basket) sum = sum.plus(weight.mul(this.rubIndex(member, t)));
      return sum.mul(this.depegFactor(code, t));
    }
    const peg = this.m.pegs.get(code);
    if (peg) return this.rubIndex(peg, t).mul(this.depegFactor(code, t));
    return ONE;
  }

  /** How far a market `base/quote` has moved from its starting mid at `t` (1 when it has not). */
  drift(base: string, quote: string): (t: number) => Decimal {
    const at = (t: number) => {
      const b = this.rubIndex(base, t);
      const q = this.rubIndex(quote, t);
      return q.eq(ONE) ? b : b.div(q);
    };
    if (!this.still) return at;
    // No path moves and no coin depegs: every index, so every drift, is the same at every t.
    const key = `${base}/${quote}`;
    let fixed = this.fixedDrifts.get(key);
    if (!fixed) {
      const value = at(0);
      this.fixedDrifts.set(key, (fixed = () => value));
    }
    return fixed;
  }

  /** Whether anything moves at all: a fixed run skips sampling the paths for its report. */
  get moves(): boolean {
    return this.m.depegs.length > 0 || [...this.m.fx.values()].some((p) => p.moves);
  }
}
