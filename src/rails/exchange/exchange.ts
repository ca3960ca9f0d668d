// A licensed exchange quoting a stablecoin against RUB: a quote has a spread around the mid, a
// time-to-live, and is limited by the exchange's inventory; large orders move the price (slippage).
// The mid follows the coin's drift (fx moves, a depeg); during an outage the exchange is closed.

import { Dec, bps, costOf, convert, fixedRate, rate, type Amount, type Asset, type Dec as Decimal, type Rate } from '../../money/index.js';
import { accountId, type AccountId, type Ledger } from '../../ledger/index.js';
import { mergeWindows, type Window } from '../../sim/index.js';

export interface ExchangeParams {
  /** The venue, `spb` (St. Petersburg, foreign trade) or `moscow` (domestic orders). */
  readonly venue: string;
  readonly coin: Asset;
  readonly fiat: Asset;
  /** Fiat per coin at mid. */
  readonly mid: Decimal;
  /** Full bid-ask spread in basis points; each side is half of it away from mid. */
  readonly spreadBps: Decimal;
  /** Extra basis points of price per order the size of the whole initial inventory. */
  readonly slippageBps: Decimal;
  readonly quoteTtlMs: number;
  /** Initial coin inventory, which bounds what it can sell. */
  readonly depth: Amount;
  /** The mid at `t` as a multiple of `mid` (src/rails/stablecoin/prices.ts); fixed when omitted. */
  readonly drift?: (t: number) => Decimal;
  /** Periods [from, to) in which the exchange takes no orders; touching or overlapping ones act as one. */
  readonly outages?: readonly Window[];
}

export interface Quote {
  readonly id: string;
  /** The venue that quoted, which is the one that must fill. */
  readonly venue: string;
  readonly coin: Amount;
  /** Fiat the buyer pays for `coin`, at `price`. */
  readonly cost: Amount;
  readonly price: Decimal;
  /** The first instant the quote is no longer good: it fills at t < expiresAt (quoted at + TTL). */
  readonly expiresAt: number;
}

export class Exchange {
  readonly account: AccountId;
  /** The outages merged: `closedUntil` answers with the end of the whole closure, not of its first part. */
  private readonly outages: readonly Window[];
  /** 1 plus and 1 minus half the spread, and the slippage as a fraction: built once, not at every quote. */
  private readonly askFactor: Decimal;
  private readonly bidFactor: Decimal;
  private readonly slippage: Decimal;
  private fixedAsk: Rate | undefined;

  constructor(readonly params: ExchangeParams, private readonly ledger: Ledger) {
    this.outages = mergeWindows(params.outages ?? []);
    this.askFactor = new Dec(1).plus(bps(params.spreadBps).div(2));
    this.bidFactor = new Dec(1).minus(bps(params.spreadBps).div(2));
    this.slippage = bps(params.slippageBps);
    this.account = accountId('exchanges', params.venue, `${params.coin.code}-${params.fiat.code}`.toLowerCase());
    ledger.open(this.account, 'nonNegative');
  }

  /** Fiat per coin at mid at `t`. */
  midAt(t: number): Decimal {
    return this.params.drift ? this.params.mid.mul(this.params.drift(t)) : this.params.mid;
  }

  midRate(t: number): Rate {
    return rate(this.params.coin, this.params.fiat, this.midAt(t));
  }

  /** When the exchange opens again if it is in an outage at `t` (closed from `from` inclusive to `to` exclusive); undefined when it is open. */
  closedUntil(t: number): number | undefined {
    return this.outages.find((o) => o.from <= t && t < o.to)?.to;
  }

  inventory(asset: Asset): bigint {
    return this.ledger.balance(this.account, asset.code);
  }

  private impact(coin: Amount): Decimal {
    // Slippage is measured against the starting depth; an exchange that starts empty has none.
    // An order beyond the depth (a sale into an exchange that has bought since) moves the price
    // no further than one the size of the depth, so the bid stays above zero (the schema bounds
    // half the spread plus the slippage below 100%).
    if (this.params.depth.minor === 0n || this.params.slippageBps.isZero()) return new Dec(0);
    const share = Dec.min(1, new Dec(coin.minor.toString()).div(this.params.depth.minor.toString()));
    return this.slippage.mul(share);
  }

  /** The ask before slippage: what a buyer pays per coin for a small order. */
  askPrice(now: number): Decimal {
    return this.midAt(now).mul(this.askFactor);
  }

  /** A price to buy `coin`, or undefined when the inventory cannot cover it. */
  quoteBuy(id: string, coin: Amount, now: number): Quote | undefined {
    if (this.inventory(coin.asset) < coin.minor) return undefined;
    const r = this.movesWithOrders() ? rate(this.params.coin, this.params.fiat, this.midAt(now).mul(this.askFactor.plus(this.impact(coin)))) : this.fixedAskRate();
    const cost = costOf(coin, r, this.params.fiat);
    return { id, venue: this.params.venue, coin, cost, price: r.value, expiresAt: now + this.params.quoteTtlMs };
  }

  /** Whether the ask depends on the moment or the order: a drifting mid, or slippage against a depth. */
  private movesWithOrders(): boolean {
    return this.params.drift !== undefined || (this.params.depth.minor !== 0n && !this.params.slippageBps.isZero());
  }

  /** The ask of an exchange whose price moves with neither time nor size (the same decimal as mid * (ask + 0)), built once. */
  private fixedAskRate(): Rate {
    return (this.fixedAsk ??= fixedRate(this.params.coin, this.params.fiat, this.params.mid.mul(this.askFactor)));
  }

  /** The bid for selling `coin` back: half a spread and the impact below mid. */
  bidRate(coin: Amount, now: number): Rate {
    const price = this.midAt(now).mul(this.bidFactor.minus(this.impact(coin)));
    return rate(this.params.coin, this.params.fiat, price);
  }

  /** Whether the exchange holds the fiat to buy `coin` at its bid now. */
  canBuy(coin: Amount, now: number): boolean {
    return this.ledger.balance(this.account, this.params.fiat.code) >= this.sellProceeds(coin, now).fiat.minor;
  }

  /** What selling `coin` at the bid yields, and the rounding residue in coin. */
  sellProceeds(coin: Amount, now: number): { fiat: Amount; residue: Amount } {
    const c = convert(coin, this.bidRate(coin, now), this.params.fiat);
    return { fiat: c.target, residue: c.residue };
  }
}
