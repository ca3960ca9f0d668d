// A foreign off-ramp: buys the stablecoin and pays the beneficiary in local currency, at a bid
// below mid and after a processing delay, out of the local-currency liquidity it holds.

import { Dec, bps, costOf, rate, type Amount, type Asset, type Dec as Decimal, type Rate } from '../../money/index.js';
import { accountId, type AccountId, type Ledger } from '../../ledger/index.js';

export interface OfframpParams {
  readonly coin: Asset;
  readonly currency: Asset;
  /** Local currency per coin at mid. */
  readonly mid: Decimal;
  readonly spreadBps: Decimal;
  readonly delayMs: number;
}

export class Offramp {
  readonly account: AccountId;

  constructor(readonly params: OfframpParams, private readonly ledger: Ledger) {
    this.account = accountId('offramps', `${params.coin.code}-${params.currency.code}`.toLowerCase());
    ledger.open(this.account, 'nonNegative');
  }

  get midRate(): Rate {
    return rate(this.params.coin, this.params.currency, this.params.mid);
  }

  /** The off-ramp's buying price for the coin. */
  get bidRate(): Rate {
    return rate(this.params.coin, this.params.currency, this.params.mid.mul(new Dec(1).minus(bps(this.params.spreadBps).div(2))));
  }

  /**
   * Coin the off-ramp asks for to pay out `target`, at its bid, rounded half-even to the coin's
   * minor unit; the off-ramp absorbs the difference of less than half a minor unit.
   */
  coinFor(target: Amount): Amount {
    return costOf(target, this.bidRate, this.params.coin);
  }

  canPay(target: Amount): boolean {
    return this.ledger.balance(this.account, target.asset.code) >= target.minor;
  }
}
