// The rails behind a cross-border payment's ports: each request becomes work on the rails, and
// each answer an event on the simulated clock after the rail's latency, never a real promise.

import { add, sub, zero, type Amount } from '../money/index.js';
import { transfer, type Ledger } from '../ledger/index.js';
import { bankAccount, beneficiaryAccount, custodyAccount } from '../rails/participants/participant.js';
import { FROZEN_ACCOUNT, type SanctionsList } from '../rails/compliance/sanctions.js';
import type { Banks } from '../rails/bank/bank.js';
import type { NpcsGateway } from '../rails/npcs/gateway.js';
import type { Chain } from '../rails/chain/chain.js';
import type { Offramp } from '../rails/offramp/offramp.js';
import type { Quote } from '../rails/exchange/exchange.js';
import type { Regime } from '../rails/regime/regime.js';
import type { CrossBorderPorts, Reply } from './crossBorderPayment.js';
import type { PaymentSpec } from './payment.js';
import { RubLegRails, type RubLegDeps } from './rubLeg.js';

export interface CrossBorderRailsDeps extends RubLegDeps {
  readonly ledger: Ledger;
  readonly sanctions: SanctionsList;
  readonly regime: Regime;
  readonly banks: Banks;
  readonly npcs: NpcsGateway;
  readonly chains: ReadonlyMap<string, Chain>;
  /** Off-ramps by market, `USDT/CNY`. */
  readonly offramps: ReadonlyMap<string, Offramp>;
}


export class CrossBorderRails extends RubLegRails implements CrossBorderPorts {
  private quotes = 0;
  /** The outbound transfer of each payment on its way, so it can be dropped. */
  private readonly transfers = new Map<string, string>();

  constructor(private readonly d: CrossBorderRailsDeps) {
    super(d);
  }

  private chain(p: PaymentSpec): Chain {
    const c = this.d.chains.get(p.chain);
    if (!c) throw new Error(`payment ${p.id}: no chain ${p.chain}`);
    return c;
  }

  private offramp(p: PaymentSpec): Offramp {
    const o = this.d.offramps.get(`${p.coin}/${p.amount.asset.code}`);
    if (!o) throw new Error(`payment ${p.id}: no off-ramp buys ${p.coin} for ${p.amount.asset.code}`);
    return o;
  }

  screen(p: PaymentSpec, reply: Reply): void {
    this.later(this.d.latencies.screeningMs, () => {
      // A payee at home makes it a domestic crypto payment, which the regime treats apart.
      // The law in force on the day the order was given, not when the answer comes back.
      const verdict = this.d.regime.check(p.payee.country === 'RU' ? 'domesticPayment' : 'crossBorderPayment', p.initiatedAt);
      if (!verdict.ok) return reply({ type: 'PAYMENT_UNLAWFUL', reason: verdict.reason });
      const party = this.d.sanctions.firstListed([p.payer.id, p.payee.id], this.now());
      reply(party === undefined ? { type: 'SCREENING_PASSED' } : { type: 'SCREENING_BLOCKED', party });
    });
  }

  requestQuote(p: PaymentSpec, reply: Reply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const deliver = this.offramp(p).coinFor(p.amount);
      const fee = this.chain(p).params.fee;
      const quote = this.d.npcs.quote(`${p.id}-q${++this.quotes}`, add(deliver, fee), this.now());
      reply(quote ? { type: 'QUOTE_RECEIVED', quote, deliver, fee } : { type: 'QUOTE_UNAVAILABLE' });
    });
  }

  holdFunds(p: PaymentSpec, amount: Amount, reply: Reply): void {
    this.placeHold(p.id, p.payer, amount, reply);
  }

  voidHold(p: PaymentSpec, holdId: string): void {
    this.releaseHold(p.id, holdId);
  }

  convert(p: PaymentSpec, quote: Quote, holdId: string, reply: Reply): void {
    this.fillQuote(p.id, p.payer, quote, holdId, (r) => {
      if (r.ok) reply({ type: 'CONVERSION_FILLED', coin: r.coin, paid: r.paid });
      else if (r.reason === 'quote.expired') reply({ type: 'QUOTE_EXPIRED' });
      else reply({ type: 'CONVERSION_FAILED', reason: r.reason });
    });
  }

  sendOnChain(p: PaymentSpec, coin: Amount, reply: Reply): void {
    const txId = this.chain(p).send(p.id, custodyAccount(p.payer), this.offramp(p).account, coin, {
      included: () => reply({ type: 'CHAIN_TX_INCLUDED' }),
      confirmed: () => {
        this.transfers.delete(p.id);
        reply({ type: 'CHAIN_TX_CONFIRMED' });
      },
    });
    this.transfers.set(p.id, txId);
  }

  dropTransfer(p: PaymentSpec, reply: Reply): void {
    const txId = this.transfers.get(p.id);
    if (txId === undefined) throw new Error(`payment ${p.id} has no transfer on its way`);
    this.transfers.delete(p.id);
    this.chain(p).drop(txId);
    this.d.queue.after(0, () => reply({ type: 'CHAIN_TX_DROPPED' }));
  }

  payout(p: PaymentSpec, coin: Amount, reply: Reply): void {
    const offramp = this.offramp(p);
    this.later(offramp.params.delayMs, () => {
      const party = this.d.sanctions.firstListed([p.payer.id, p.payee.id], this.now());
      if (party !== undefined) {
        this.d.ledger.post({ time: this.now(), flow: p.id, kind: 'compliance.frozen', postings: transfer(offramp.account, FROZEN_ACCOUNT, coin), memo: `${party} listed while the payment was in flight` });
        return reply({ type: 'PAYOUT_FROZEN', party });
      }
      if (!offramp.canPay(p.amount)) return reply({ type: 'PAYOUT_FAILED', reason: 'offramp.noLiquidity' });
      this.d.ledger.post({
        time: this.now(),
        flow: p.id,
        kind: 'offramp.paid',
        postings: transfer(offramp.account, beneficiaryAccount(p.payee), p.amount),
        memo: `for ${coin.minor} minor ${coin.asset.code} received`,
      });
      reply({ type: 'PAYOUT_COMPLETED' });
    });
  }

  returnOnChain(p: PaymentSpec, coin: Amount, reply: Reply): void {
    const chain = this.chain(p);
    const back = sub(coin, chain.params.fee);
    if (back.minor <= 0n) {
      // Not worth a transfer: the fee would eat it all. The off-ramp keeps it; nothing comes back.
      this.d.queue.after(0, () => reply({ type: 'RETURN_RECEIVED', coin: zero(coin.asset) }));
      return;
    }
    chain.send(p.id, this.offramp(p).account, custodyAccount(p.payer), back, {
      included: () => undefined,
      confirmed: () => reply({ type: 'RETURN_RECEIVED', coin: back }),
    });
  }

  sellBack(p: PaymentSpec, coin: Amount, reply: Reply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const rub =
        coin.minor > 0n
          ? this.d.npcs.sellBack(p.id, custodyAccount(p.payer), coin, bankAccount(p.payer), this.now())
          : zero(this.d.npcs.route(coin.asset.code).params.fiat);
      reply({ type: 'SOLD_BACK', rub });
    });
  }
}
