// The NPCS gateway: takes conversion orders from member banks, routes them to a licensed exchange,
// and moves the RUB leg (a bank hold posted to the exchange) against the coin leg (exchange
// inventory to the payer's custody). Unwinds sell coin back to the exchange for RUB.

import { formatAmount, type Amount } from '../../money/index.js';
import { accountId, transfer, type AccountId, type Ledger } from '../../ledger/index.js';
import type { Exchange, Quote } from '../exchange/exchange.js';
import type { Banks } from '../bank/bank.js';

export const ROUNDING_ACCOUNT: AccountId = accountId('rounding', 'fx');

export type ConversionResult =
  | { ok: true; coin: Amount; paid: Amount }
  | { ok: false; reason: 'quote.expired' | 'exchange.noLiquidity' | 'hold.expired' };

export class NpcsGateway {
  constructor(
    private readonly ledger: Ledger,
    private readonly banks: Banks,
    /** The exchange each coin is bought and sold on, by coin code. */
    private readonly exchanges: ReadonlyMap<string, Exchange>,
  ) {
    ledger.open(ROUNDING_ACCOUNT, 'system');
  }

  /** The exchange an order in `coin` is routed to. */
  route(coin: string): Exchange {
    const e = this.exchanges.get(coin);
    if (!e) throw new Error(`NPCS has no exchange route for ${coin}`);
    return e;
  }

  quote(id: string, coin: Amount, now: number): Quote | undefined {
    return this.route(coin.asset.code).quoteBuy(id, coin, now);
  }

  /**
   * Fills a quote against a RUB hold: the exchange refuses an expired quote or one its inventory
   * can no longer cover, and then the hold stays pending for the flow to void.
   */
  convert(flow: string, quote: Quote, holdId: string, custody: AccountId, now: number): ConversionResult {
    if (!this.banks.isPending(holdId)) return { ok: false, reason: 'hold.expired' };
    if (now > quote.expiresAt) return { ok: false, reason: 'quote.expired' };
    const exchange = this.route(quote.coin.asset.code);
    if (exchange.inventory(quote.coin.asset) < quote.coin.minor) return { ok: false, reason: 'exchange.noLiquidity' };
    // Exactly the quoted cost: a hold larger than the quote returns its remainder to the payer.
    this.banks.postHold(holdId, exchange.account, `RUB leg of quote ${quote.id} at ${quote.price.toString()}`, quote.cost);
    this.ledger.post({
      time: now,
      flow,
      kind: 'exchange.filled',
      postings: transfer(exchange.account, custody, quote.coin),
      memo: `${formatAmount(quote.coin)} for ${formatAmount(quote.cost)}`,
    });
    return { ok: true, coin: quote.coin, paid: quote.cost };
  }

  /** Sells all of `coin` from custody at the bid; RUB goes to the payer's bank account. */
  sellBack(flow: string, custody: AccountId, coin: Amount, payerAccount: AccountId, now: number): Amount {
    const exchange = this.route(coin.asset.code);
    const { fiat, residue } = exchange.sellProceeds(coin);
    const postings = [
      ...transfer(custody, exchange.account, { asset: coin.asset, minor: coin.minor - residue.minor }),
      ...transfer(custody, ROUNDING_ACCOUNT, residue),
      ...transfer(exchange.account, payerAccount, fiat),
    ];
    this.ledger.post({ time: now, flow, kind: 'exchange.soldBack', postings, memo: `${formatAmount(coin)} sold back for ${formatAmount(fiat)}` });
    return fiat;
  }
}
