// A foreign off-ramp: buys the stablecoin and pays the beneficiary in local currency, at a bid
// below mid and after a processing delay, out of the local-currency liquidity it holds. Its mid
// follows the coin's drift against the currency; an outage fails the payouts that fall in it.

import { Dec, bps, costOf, fixedRate, rate, type Amount, type Asset, type Dec as Decimal, type Rate } from '../../money/index.js';
import { scaledOf, withinFortyDigits } from '../../money/exactCost.js';
import { accountId, type AccountId, type Ledger } from '../../ledger/index.js';
import { mergeWindows, type Window } from '../../sim/index.js';

export interface OfframpParams {
  readonly coin: Asset;
  readonly currency: Asset;
  /** Local currency per coin at mid. */
  readonly mid: Decimal;
  readonly spreadBps: Decimal;
  readonly delayMs: number;
  /** How far the coin's value may fall between quote and payout before the payout fails, bps. */
  readonly toleranceBps: Decimal;
  /** The mid at `t` as a multiple of `mid`; fixed when omitted. */
  readonly drift?: (t: number) => Decimal;
  /** Periods [from, to) in which payouts fail; touching or overlapping ones act as one. */
  readonly outages?: readonly Window[];
}

export class Offramp {
  readonly account: AccountId;
  private readonly outages: readonly Window[];
  /** 1 minus half the spread, and 1 minus the tolerance: built once, not at every price. */
  private readonly bidFactor: Decimal;
  private readonly toleranceFactor: Decimal;
  /** The tolerance factor as an integer over a power of ten, for comparing in minor units. */
  private readonly tolerance: { readonly n: bigint; readonly ten: bigint };
  /** The bid of an off-ramp whose mid never moves, built at its first use. */
  private fixedBid: Rate | undefined;

  constructor(readonly params: OfframpParams, private readonly ledger: Ledger) {
    this.outages = mergeWindows(params.outages ?? []);
    this.bidFactor = new Dec(1).minus(bps(params.spreadBps).div(2));
    this.toleranceFactor = new Dec(1).minus(bps(params.toleranceBps));
    const tolerance = scaledOf(this.toleranceFactor);
    this.tolerance = { n: tolerance.n, ten: 10n ** BigInt(tolerance.k) };
    this.account = accountId('offramps', `${params.coin.code}-${params.currency.code}`.toLowerCase());
    ledger.open(this.account, 'nonNegative');
  }

  /** Local currency per coin at mid at `t`. */
  midAt(t: number): Decimal {
    return this.params.drift ? this.params.mid.mul(this.params.drift(t)) : this.params.mid;
  }

  midRate(t: number): Rate {
    return rate(this.params.coin, this.params.currency, this.midAt(t));
  }

  /** The off-ramp's buying price for the coin at `t`. */
  bidRate(t: number): Rate {
    if (!this.params.drift) return (this.fixedBid ??= fixedRate(this.params.coin, this.params.currency, this.params.mid.mul(this.bidFactor)));
    return rate(this.params.coin, this.params.currency, this.midAt(t).mul(this.bidFactor));
  }

  /**
   * Coin the off-ramp asks for to pay out `target` at `t`, at its bid, rounded half-even to the
   * coin's minor unit; the off-ramp absorbs the difference of less than half a minor unit.
   */
  coinFor(target: Amount, t: number): Amount {
    return costOf(target, this.bidRate(t), this.params.coin);
  }

  /** Out from an outage's start (inclusive) to its end (exclusive). */
  isOut(t: number): boolean {
    return this.outages.some((o) => o.from <= t && t < o.to);
  }

  /**
   * Whether `coin`, quoted for `target` earlier, still covers it at `t` within the tolerance: the
   * off-ramp honours its quote through small moves and refuses a coin that has lost more.
   */
  covers(coin: Amount, target: Amount, t: number): boolean {
    const needed = this.coinFor(target, t).minor;
    // In minor units while the product is exact at 40 digits, as decimal.js's would be.
    const floor = needed * this.tolerance.n;
    if (withinFortyDigits(floor)) return coin.minor * this.tolerance.ten >= floor;
    return new Dec(coin.minor.toString()).gte(new Dec(needed.toString()).mul(this.toleranceFactor));
  }

  canPay(target: Amount): boolean {
    return this.ledger.balance(this.account, target.asset.code) >= target.minor;
  }
}
