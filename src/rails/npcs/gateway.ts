// The NPCS gateway: takes conversion orders from member banks, routes them to a licensed exchange
// (foreign-trade orders to St. Petersburg, domestic ones to Moscow), and moves the RUB leg (a bank
// hold posted to the exchange) against the coin leg (exchange inventory to where the coin goes: a
// buyer's custody, or the outbound account of a payment). Unwinds sell coin back for RUB. A credit
// the ledger's screen sends to the frozen account is reported back as `frozenBy`.

import { formatAmount, type Amount, type Dec as Decimal } from '../../money/index.js';
import { accountId, divertedParty, transfer, type AccountId, type JournalEntry, type Ledger, type Posting } from '../../ledger/index.js';
import type { Exchange, Quote } from '../exchange/exchange.js';
import type { Banks } from '../bank/bank.js';

export const ROUNDING_ACCOUNT: AccountId = accountId('rounding', 'fx');
/** What NPCS charges on the RUB leg of foreign-trade conversions. */
export const NPCS_FEES_ACCOUNT: AccountId = accountId('npcs', 'fees');

export type ConversionResult =
  | { ok: true; coin: Amount; paid: Amount; mid: Decimal; frozenBy?: string }
  | { ok: false; reason: 'quote.expired' | 'exchange.noLiquidity' | 'exchange.outage' | 'hold.expired' };

export type LockResult = { ok: true; exchange: Exchange; mid: Decimal } | Extract<ConversionResult, { ok: false }>;

/** Told of every RUB movement between accounts, so NPCS clearing can record the interbank leg. */
export type RubMovement = (flow: string, from: AccountId, to: AccountId, amount: Amount) => void;

/** RUB a sale credited, or (`frozenBy` set) sent to the frozen account because its seller is listed. */
export interface SaleProceeds {
  readonly rub: Amount;
  readonly frozenBy?: string;
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; reason: 'exchange.noLiquidity' | 'exchange.outage' | 'amount.roundsToZero' };

/** Foreign-trade orders go to St. Petersburg, domestic ones to Moscow. */
export type OrderType = 'foreignTrade' | 'domestic';

export const VENUE_FOR: Record<OrderType, string> = { foreignTrade: 'spb', domestic: 'moscow' };

export class NpcsGateway {
  private readonly byVenue = new Map<string, Exchange>();

  constructor(
    private readonly ledger: Ledger,
    private readonly banks: Banks,
    exchanges: readonly Exchange[],
    private readonly moved: RubMovement = () => undefined,
  ) {
    ledger.open(ROUNDING_ACCOUNT, 'system');
    ledger.open(NPCS_FEES_ACCOUNT, 'nonNegative');
    for (const e of exchanges) this.byVenue.set(`${e.params.venue}/${e.params.coin.code}`, e);
  }

  /**
   * The exchange an order in `coin` is routed to: the venue for its type, or the other venue when
   * that one does not list the coin (a pilot with one exchange routes everything there).
   */
  route(coin: string, type: OrderType): Exchange {
    const preferred = this.byVenue.get(`${VENUE_FOR[type]}/${coin}`);
    if (preferred) return preferred;
    const other = [...this.byVenue.values()].find((e) => e.params.coin.code === coin);
    if (!other) throw new Error(`NPCS has no exchange route for ${coin}`);
    return other;
  }

  /** The exchange that gave `quote`. */
  private venueOf(quote: Quote): Exchange {
    const e = this.byVenue.get(`${quote.venue}/${quote.coin.asset.code}`);
    if (!e) throw new Error(`quote ${quote.id} names venue ${quote.venue}, which does not list ${quote.coin.asset.code}`);
    return e;
  }

  quote(id: string, coin: Amount, now: number, type: OrderType): QuoteResult {
    const exchange = this.route(coin.asset.code, type);
    if (exchange.closedUntil(now) !== undefined) return { ok: false, reason: 'exchange.outage' };
    // No coin, or coin that costs 0.00 RUB at this price: nothing to hold or fill, so no order.
    if (coin.minor <= 0n) return { ok: false, reason: 'amount.roundsToZero' };
    const quote = exchange.quoteBuy(id, coin, now);
    if (quote && quote.cost.minor <= 0n) return { ok: false, reason: 'amount.roundsToZero' };
    return quote ? { ok: true, quote } : { ok: false, reason: 'exchange.noLiquidity' };
  }

  /**
   * Checks that `quote` can be filled now against the hold: the hold still pending, the venue
   * open, the quote alive, the inventory there. PvP stops here; the exchange sends the coin itself.
   */
  lock(quote: Quote, holdId: string, now: number): LockResult {
    if (!this.banks.isPending(holdId)) return { ok: false, reason: 'hold.expired' };
    const exchange = this.venueOf(quote);
    if (exchange.closedUntil(now) !== undefined) return { ok: false, reason: 'exchange.outage' };
    // A quote is good for t < expiresAt, like a time-to-live: at the instant itself it is gone.
    if (now >= quote.expiresAt) return { ok: false, reason: 'quote.expired' };
    if (exchange.inventory(quote.coin.asset) < quote.coin.minor) return { ok: false, reason: 'exchange.noLiquidity' };
    return { ok: true, exchange, mid: exchange.midAt(now) };
  }

  /**
   * Posts the RUB hold to `to` for exactly the quoted cost and NPCS's fee, held with it, to NPCS,
   * in one entry: the fee never passes back through the payer's account. Returns the RUB taken.
   */
  postRubLeg(flow: string, holdId: string, quote: Quote, to: AccountId, fee?: Amount): Amount {
    const from = this.banks.accountOf(holdId);
    const charged = fee && fee.minor > 0n ? { to: NPCS_FEES_ACCOUNT, amount: fee } : undefined;
    const memo = `RUB leg of quote ${quote.id} at ${quote.price.toString()}${charged ? `, NPCS fee ${formatAmount(charged.amount)}` : ''}`;
    this.banks.postHold(holdId, to, memo, quote.cost, charged);
    this.moved(flow, from, to, quote.cost);
    return charged ? { asset: quote.cost.asset, minor: quote.cost.minor + charged.amount.minor } : quote.cost;
  }

  /** Fills a quote against its RUB hold: the hold posted to the exchange, the coin to `to`. */
  convert(flow: string, quote: Quote, holdId: string, to: AccountId, now: number, fee?: Amount): ConversionResult {
    const lock = this.lock(quote, holdId, now);
    if (!lock.ok) return lock;
    const exchange = lock.exchange;
    const paid = this.postRubLeg(flow, holdId, quote, exchange.account, fee);
    const filled = this.ledger.post({
      time: now,
      flow,
      kind: 'exchange.filled',
      postings: transfer(exchange.account, to, quote.coin),
      memo: `${formatAmount(quote.coin)} for ${formatAmount(quote.cost)}`,
    });
    return { ok: true, coin: quote.coin, paid, mid: lock.mid, ...frozen(filled) };
  }

  /** Sells all of `coin` from `custody` at the bid of `exchange`; RUB goes to the payer's bank account. */
  sellBack(flow: string, exchange: Exchange, custody: AccountId, coin: Amount, payerAccount: AccountId, now: number): SaleProceeds {
    const { fiat, residue } = exchange.sellProceeds(coin, now);
    // The seller gives exactly `coin`, split between the exchange and the signed residue: written
    // as two transfers, a negative residue would be a credit to the seller, which the ledger's
    // sanctions screen would divert as if value reached a listed party.
    const postings: Posting[] = [
      { account: custody, amount: { asset: coin.asset, minor: -coin.minor } },
      { account: exchange.account, amount: { asset: coin.asset, minor: coin.minor - residue.minor } },
      { account: ROUNDING_ACCOUNT, amount: residue },
      ...transfer(exchange.account, payerAccount, fiat),
    ].filter((p) => p.amount.minor !== 0n);
    const sold = this.ledger.post({ time: now, flow, kind: 'exchange.soldBack', postings, memo: `${formatAmount(coin)} sold back for ${formatAmount(fiat)}` });
    this.moved(flow, exchange.account, payerAccount, fiat);
    return { rub: fiat, ...frozen(sold) };
  }
}

/** `{ frozenBy }` when the ledger's screen sent a credit of `entry` to the frozen account. */
function frozen(entry: JournalEntry): { frozenBy?: string } {
  const party = divertedParty(entry);
  return party === undefined ? {} : { frozenBy: party };
}
