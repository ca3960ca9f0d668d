// The rails behind a receipt's ports: the buyer's transfer on the chain into NPCS's inbound
// account, NPCS's screening on arrival, and the sale at the St. Petersburg exchange, each
// answering on the simulated clock.

import { add, type Amount } from '../../money/index.js';
import { accountId, transfer, type AccountId, type Ledger } from '../../ledger/index.js';
import { bankAccount, custodyAccount } from '../../rails/participants/participant.js';
import { freezeIfListed, type SanctionsList } from '../../rails/compliance/sanctions.js';
import type { Chain } from '../../rails/chain/chain.js';
import type { Regime } from '../../rails/regime/regime.js';
import type { ReceiptPorts, ReceiptReply } from './machine.js';
import type { PaymentSpec } from '../payment.js';
import { RubLegRails, type RubLegDeps } from '../rubLeg.js';

/** Coin from abroad that NPCS holds for an exporter until it is sold (or frozen). */
export const INBOUND_ACCOUNT: AccountId = accountId('npcs', 'inbound');

export interface ReceiptRailsDeps extends RubLegDeps {
  readonly ledger: Ledger;
  readonly sanctions: SanctionsList;
  readonly regime: Regime;
  readonly chains: ReadonlyMap<string, Chain>;
}

export class CrossBorderReceiptRails extends RubLegRails implements ReceiptPorts {
  constructor(private readonly d: ReceiptRailsDeps) {
    super(d);
    d.ledger.open(INBOUND_ACCOUNT, 'nonNegative');
  }

  private chain(p: PaymentSpec): Chain {
    const c = this.d.chains.get(p.chain);
    if (!c) throw new Error(`payment ${p.id}: no chain ${p.chain}`);
    return c;
  }

  /** The coin waiting in NPCS's inbound account, frozen if a party is listed now. */
  private freezeIfListed(p: PaymentSpec, why: string): string | undefined {
    return freezeIfListed(this.d.sanctions, this.d.ledger, { flow: p.id, parties: [p.payer.id, p.payee.id], time: this.now(), from: INBOUND_ACCOUNT, amount: p.amount, why });
  }

  screen(p: PaymentSpec, reply: ReceiptReply): void {
    this.later(this.d.latencies.screeningMs, () => {
      // The law in force on the day the order was given, not when the answer comes back.
      const verdict = this.d.regime.check('crossBorderPayment', p.initiatedAt);
      if (!verdict.ok) return reply({ type: 'PAYMENT_UNLAWFUL', reason: verdict.reason });
      const party = this.d.sanctions.firstListed([p.payer.id, p.payee.id], this.now());
      reply(party === undefined ? { type: 'SCREENING_PASSED' } : { type: 'SCREENING_BLOCKED', party });
    });
  }

  sendOnChain(p: PaymentSpec, reply: ReceiptReply): void {
    const chain = this.chain(p);
    const from = custodyAccount(p.payer);
    // The buyer's wallet pays the fee the chain demands as it sends.
    const fee = chain.feeAt(p.coin, this.now());
    if (this.d.ledger.balance(from, p.coin) < add(p.amount, fee).minor) {
      this.d.queue.after(0, () => reply({ type: 'FUNDS_INSUFFICIENT' }));
      return;
    }
    chain.send(p.id, from, INBOUND_ACCOUNT, p.amount, fee, {
      included: () => reply({ type: 'CHAIN_TX_INCLUDED', fee }),
      confirmed: () => reply({ type: 'CHAIN_TX_CONFIRMED' }),
    });
  }

  dropTransfer(p: PaymentSpec, reply: ReceiptReply): void {
    // The coin and fee go back to the buyer's wallet, or (buyer listed by now) to the frozen account.
    const back = this.chain(p).dropWaiting(p.id).diverted?.[0];
    this.d.queue.after(0, () => reply(back ? { type: 'RETURN_FROZEN', party: back.party, coin: back.amount } : { type: 'CHAIN_TX_DROPPED' }));
  }

  screenArrival(p: PaymentSpec, reply: ReceiptReply): void {
    this.later(this.d.latencies.screeningMs, () => {
      const party = this.freezeIfListed(p, 'listed while the coin travelled');
      reply(party === undefined ? { type: 'ARRIVAL_CLEARED' } : { type: 'ARRIVAL_FROZEN', party });
    });
  }

  sell(p: PaymentSpec, reply: ReceiptReply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const exchange = this.d.npcs.route(p.coin, 'foreignTrade');
      const sell = () => {
        const now = this.now();
        // Screened again at the moment of credit: the sale may have waited out an outage.
        const party = this.freezeIfListed(p, 'listed before the sale');
        if (party !== undefined) return reply({ type: 'SALE_FROZEN', party });
        // Proceeds of 0.00 RUB would buy the coin for nothing: the exporter keeps it, as when the exchange cannot buy.
        const worthless = exchange.sellProceeds(p.amount, now).fiat.minor <= 0n;
        if (worthless || !exchange.canBuy(p.amount, now)) {
          this.d.ledger.post({ time: now, flow: p.id, kind: 'npcs.keptInCoin', postings: transfer(INBOUND_ACCOUNT, custodyAccount(p.payee), p.amount), memo: worthless ? 'its proceeds round to 0.00 RUB' : 'the exchange could not buy it' });
          return reply({ type: 'SALE_REFUSED', reason: worthless ? 'amount.roundsToZero' : 'exchange.noLiquidity' });
        }
        const rub: Amount = this.d.npcs.sellBack(p.id, exchange, INBOUND_ACCOUNT, p.amount, bankAccount(p.payee), now).rub;
        reply({ type: 'COIN_SOLD', rub, mid: exchange.midAt(now), at: now });
      };
      // An exchange in an outage takes the sale when it opens again.
      this.whenOpen(exchange, sell);
    });
  }
}
