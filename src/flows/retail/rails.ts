// The rails behind retail purchases and sales (individuals and miners): eligibility under the
// regime, quotes and fills at the domestic exchange through NPCS, RUB holds at the bank, and the
// investor caps, each answering on the simulated clock after its latency.

import { fromUnits, toUnits, fineOf, valueUpIn, type Amount, type Asset, type FineAmount } from '../../money/index.js';
import type { Ledger } from '../../ledger/index.js';
import type { PricePath } from '../../sim/index.js';
import { bankAccount, custodyAccount } from '../../rails/participants/participant.js';
import type { Banks } from '../../rails/bank/bank.js';
import type { NpcsGateway, QuoteResult } from '../../rails/npcs/gateway.js';
import type { Quote } from '../../rails/exchange/exchange.js';
import type { Regime } from '../../rails/regime/regime.js';
import { moscowYear } from '../../rails/regime/regime.js';
import type { InvestorCaps } from '../../rails/compliance/caps.js';
import type { SanctionsList } from '../../rails/compliance/sanctions.js';
import type { OrderSpec } from '../order.js';
import type { PurchaseReply, RetailPurchasePorts } from './retailPurchase.js';
import type { CryptoSalePorts, SaleReply } from './cryptoSale.js';
import { RubLegRails, type RubLegDeps } from '../rubLeg.js';

export interface RetailRailsDeps extends RubLegDeps {
  readonly ledger: Ledger;
  readonly regime: Regime;
  readonly sanctions: SanctionsList;
  readonly caps: InvestorCaps;
  readonly banks: Banks;
  readonly npcs: NpcsGateway;
  /** Prices of fiat currencies in RUB (`USD/RUB`), for valuing purchases in a cap's currency. */
  readonly fx: ReadonlyMap<string, PricePath>;
}


export class RetailRails extends RubLegRails implements RetailPurchasePorts, CryptoSalePorts {
  private quotes = 0;

  constructor(private readonly d: RetailRailsDeps) {
    super(d);
  }

  /**
   * `rub` valued in `currency` at the rate of this moment, to 10^-18 and rounded up: rounded to
   * the cent, purchases worth under half a cent would each count as nothing against a cap.
   */
  valueIn(rub: Amount, currency: Asset): FineAmount {
    if (currency.code === rub.asset.code) return fineOf(rub);
    const path = this.d.fx.get(`${currency.code}/RUB`);
    if (!path) throw new Error(`no fx rate ${currency.code}/RUB to value a purchase against a cap`);
    return valueUpIn(rub, path.at(this.now()), currency);
  }

  checkEligibility(order: OrderSpec, reply: PurchaseReply & SaleReply): void {
    this.later(this.d.latencies.screeningMs, () => {
      const p = order.participant;
      const buying = order.amount.asset.code === 'RUB';
      const operation = buying ? 'retailPurchase' : p.kind === 'miner' ? 'minerSale' : 'retailSale';
      // The law in force on the day the order was given, not when the answer comes back.
      const verdict = this.d.regime.check(operation, order.initiatedAt, p.registered === true);
      if (!verdict.ok) return reply({ type: 'INELIGIBLE', reason: verdict.reason });
      if (this.d.sanctions.isListed(p.id, this.now())) return reply({ type: 'INELIGIBLE', reason: `sanctions.blocked:${p.id}` });
      if (p.kyc === false) return reply({ type: 'INELIGIBLE', reason: 'kyc.incomplete' });
      if (buying && !p.investor) return reply({ type: 'INELIGIBLE', reason: 'investor.noCategory' });
      if (buying && p.investor!.category === 'nonQualified' && !p.investor!.passedTest) {
        return reply({ type: 'INELIGIBLE', reason: 'investor.testNotPassed' });
      }
      reply({ type: 'ELIGIBLE' });
    });
  }

  requestQuote(order: OrderSpec, reply: PurchaseReply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const now = this.now();
      const exchange = this.d.npcs.route(order.coin, 'domestic');
      const id = `${order.id}-q${++this.quotes}`;
      const quoteFor = (coin: Amount): QuoteResult => this.d.npcs.quote(id, coin, now, 'domestic');
      // Size the coin at the ask, then shrink it until the quote, slippage and rounding included,
      // costs no more than the buyer asked to spend (a few steps: slippage is small).
      let coin = fromUnits(toUnits(order.amount).div(exchange.askPrice(now)), exchange.params.coin);
      let r = quoteFor(coin);
      for (let step = 0; r.ok && r.quote.cost.minor > order.amount.minor && step < 8; step++) {
        const shrunk = (coin.minor * order.amount.minor) / r.quote.cost.minor;
        coin = { asset: coin.asset, minor: shrunk < coin.minor ? shrunk : coin.minor - 1n };
        r = quoteFor(coin);
      }
      if (r.ok && r.quote.cost.minor <= order.amount.minor) return reply({ type: 'QUOTE_RECEIVED', quote: r.quote });
      const reason = r.ok ? 'exchange.noLiquidity' : r.reason === 'exchange.outage' ? `exchange.outage:${exchange.params.venue}` : r.reason;
      reply({ type: 'QUOTE_UNAVAILABLE', reason });
    });
  }

  reserveCap(order: OrderSpec, quote: Quote, reply: PurchaseReply): void {
    const investor = order.participant.investor!;
    const cap = this.d.caps.capOf(investor.category);
    const value = cap === null ? null : this.valueIn(quote.cost, cap.asset);
    // The year of the order, like the law's date; the rate of the moment of the quote.
    const r = value === null ? ({ ok: true } as const) : this.d.caps.reserve(order.id, order.participant.id, investor.category, moscowYear(order.initiatedAt), value);
    this.d.queue.after(0, () => reply(r.ok ? { type: 'CAP_RESERVED', value } : { type: 'CAP_EXCEEDED' }));
  }

  releaseCap(order: OrderSpec): void {
    this.d.caps.release(order.id);
  }

  commitCap(order: OrderSpec): void {
    this.d.caps.commit(order.id);
  }

  holdFunds(order: OrderSpec, amount: Amount, reply: PurchaseReply): void {
    this.placeHold(order.id, order.participant, amount, reply);
  }

  voidHold(order: OrderSpec, holdId: string): void {
    this.releaseHold(order.id, holdId);
  }

  holdFreezes(_order: OrderSpec, holdId: string): boolean {
    return this.holdFreezesOn(holdId);
  }

  fill(order: OrderSpec, quote: Quote, holdId: string, reply: PurchaseReply): void {
    this.fillQuote(order.id, custodyAccount(order.participant), quote, holdId, (r) => {
      // A buyer listed since the eligibility check: the ledger's screen sent the coin to the frozen account.
      if (r.ok) reply(r.frozenBy === undefined ? { type: 'PURCHASE_FILLED', coin: r.coin, paid: r.paid } : { type: 'PURCHASE_FROZEN', party: r.frozenBy, coin: r.coin, paid: r.paid });
      else if (r.reason === 'hold.expired' && this.expiredFrozen(holdId) !== undefined) reply({ type: 'HOLD_FROZEN', party: this.expiredFrozen(holdId)! });
      else if (r.reason === 'quote.expired') reply({ type: 'QUOTE_EXPIRED' });
      else reply({ type: 'FILL_FAILED', reason: r.reason === 'exchange.outage' ? `exchange.outage:${quote.venue}` : r.reason });
    });
  }

  sell(order: OrderSpec, reply: SaleReply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const custody = custodyAccount(order.participant);
      if (this.d.ledger.balance(custody, order.amount.asset.code) < order.amount.minor) return reply({ type: 'SALE_FAILED', reason: 'funds.insufficient' });
      const exchange = this.d.npcs.route(order.coin, 'domestic');
      if (exchange.closedUntil(this.now()) !== undefined) return reply({ type: 'SALE_FAILED', reason: `exchange.outage:${exchange.params.venue}` });
      // Proceeds of 0.00 RUB: the seller would give the coin for nothing.
      if (exchange.sellProceeds(order.amount, this.now()).fiat.minor <= 0n) return reply({ type: 'SALE_FAILED', reason: 'amount.roundsToZero' });
      if (!exchange.canBuy(order.amount, this.now())) return reply({ type: 'SALE_FAILED', reason: 'exchange.noLiquidity' });
      const sold = this.d.npcs.sellBack(order.id, exchange, custody, order.amount, bankAccount(order.participant), this.now());
      // A seller listed since the eligibility check: the ledger's screen sent the RUB to the frozen account.
      reply(sold.frozenBy === undefined ? { type: 'SALE_FILLED', rub: sold.rub } : { type: 'SALE_FROZEN', party: sold.frozenBy, rub: sold.rub });
    });
  }
}

