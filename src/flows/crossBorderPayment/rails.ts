// The rails behind a cross-border payment's ports: each request becomes work on the rails, and
// each answer an event on the simulated clock after the rail's latency, never a real promise.
// Sequential payments keep the coin they bought in NPCS's outbound account, never the payer's
// custody, so no other flow of the payer can spend it; it reaches the payer's custody only when an
// unwind ends in coin. PvP payments move coin from the exchange into an escrow, released to the
// off-ramp in the same instant NPCS posts the RUB hold.

import { add, bps, sub, times, zero, type Amount, type Dec as Decimal } from '../../money/index.js';
import { accountId, transfer, type AccountId, type Ledger } from '../../ledger/index.js';
import { bankAccount, beneficiaryAccount, custodyAccount } from '../../rails/participants/participant.js';
import { FROZEN_ACCOUNT, freezeIfListed, type SanctionsList } from '../../rails/compliance/sanctions.js';
import type { Banks } from '../../rails/bank/bank.js';
import type { NpcsGateway } from '../../rails/npcs/gateway.js';
import type { Chain } from '../../rails/chain/chain.js';
import type { Offramp } from '../../rails/offramp/offramp.js';
import type { Exchange, Quote } from '../../rails/exchange/exchange.js';
import type { Regime } from '../../rails/regime/regime.js';
import type { CrossBorderPorts, Reply } from './machine.js';
import type { PaymentSpec } from '../payment.js';
import { RubLegRails, type RubLegDeps } from '../rubLeg.js';

/** Coin a PvP payment's exchange has committed, locked on the chain until the payout or its failure. */
export const PVP_ESCROW_ACCOUNT: AccountId = accountId('npcs', 'pvp-escrow');
/** Coin sequential payments have bought and not yet delivered, or brought back and not yet sold. */
export const OUTBOUND_ACCOUNT: AccountId = accountId('npcs', 'outbound');

export interface CrossBorderRailsDeps extends RubLegDeps {
  readonly ledger: Ledger;
  readonly sanctions: SanctionsList;
  readonly regime: Regime;
  readonly banks: Banks;
  readonly npcs: NpcsGateway;
  readonly chains: ReadonlyMap<string, Chain>;
  /** Off-ramps by market, `USDT/CNY`. */
  readonly offramps: ReadonlyMap<string, Offramp>;
  /** How long a PvP payment's RUB hold may stay pending: it must outlast the chain leg and the payout. */
  readonly pvpHoldTimeoutMs: number;
  /** NPCS's charge on the RUB leg, bps of the quoted cost. */
  readonly npcsFeeBps: Decimal;
}

export class CrossBorderRails extends RubLegRails implements CrossBorderPorts {
  private quotes = 0;
  /** The exchange that committed each PvP payment's coin. */
  private readonly locks = new Map<string, Exchange>();
  /** NPCS's fee as a share of the quoted cost: built once, not at every quote. */
  private readonly npcsFeeShare: Decimal;

  constructor(private readonly d: CrossBorderRailsDeps) {
    super(d);
    this.npcsFeeShare = bps(d.npcsFeeBps);
    d.ledger.open(PVP_ESCROW_ACCOUNT, 'nonNegative');
    d.ledger.open(OUTBOUND_ACCOUNT, 'nonNegative');
  }

  holdFreezes(_p: PaymentSpec, holdId: string): boolean {
    return this.holdFreezesOn(holdId);
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

  private exchange(p: PaymentSpec): Exchange {
    return this.d.npcs.route(p.coin, 'foreignTrade');
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
      const now = this.now();
      const deliver = this.offramp(p).coinFor(p.amount, now);
      // A payout worth less than half the coin's minor unit: nothing to send, so no payment.
      if (deliver.minor <= 0n) return reply({ type: 'QUOTE_UNAVAILABLE', reason: 'amount.roundsToZero' });
      // The fee the chain demands now; congestion that starts later leaves the transfer waiting.
      const fee = this.chain(p).feeAt(p.coin, now);
      const r = this.d.npcs.quote(`${p.id}-q${++this.quotes}`, add(deliver, fee), now, 'foreignTrade');
      if (r.ok) {
        // Half-even to the kopeck, like every conversion.
        const npcsFee = times(r.quote.cost, this.npcsFeeShare);
        return reply({ type: 'QUOTE_RECEIVED', quote: r.quote, deliver, fee, npcsFee, offrampMid: this.offramp(p).midAt(now) });
      }
      reply({ type: 'QUOTE_UNAVAILABLE', reason: r.reason === 'exchange.outage' ? `exchange.outage:${this.exchange(p).params.venue}` : r.reason });
    });
  }

  holdFunds(p: PaymentSpec, amount: Amount, reply: Reply): void {
    this.placeHold(p.id, p.payer, amount, reply, p.settlement === 'pvp' ? this.d.pvpHoldTimeoutMs : undefined);
  }

  voidHold(p: PaymentSpec, holdId: string): void {
    // A PvP hold can expire while the coin travels; its funds are back already, nothing to void.
    if (p.settlement === 'pvp' && !this.d.banks.isPending(holdId)) return;
    this.releaseHold(p.id, holdId);
  }

  convert(p: PaymentSpec, quote: Quote, npcsFee: Amount, holdId: string, reply: Reply): void {
    this.fillQuote(
      p.id,
      OUTBOUND_ACCOUNT,
      quote,
      holdId,
      (r) => {
        if (r.ok) reply({ type: 'CONVERSION_FILLED', coin: r.coin, paid: r.paid, mid: r.mid, at: this.now() });
        else this.refused(r.reason, quote, holdId, reply);
      },
      npcsFee,
    );
  }

  /** A fill or lock refused: an expired quote, a venue's failure, or a hold that expired (frozen if its payer is listed). */
  private refused(reason: 'quote.expired' | 'exchange.noLiquidity' | 'exchange.outage' | 'hold.expired', quote: Quote, holdId: string, reply: Reply): void {
    const party = reason === 'hold.expired' ? this.expiredFrozen(holdId) : undefined;
    if (party !== undefined) reply({ type: 'HOLD_FROZEN', party });
    else if (reason === 'quote.expired') reply({ type: 'QUOTE_EXPIRED' });
    else reply({ type: 'CONVERSION_FAILED', reason: reason === 'exchange.outage' ? `exchange.outage:${quote.venue}` : reason });
  }

  lockCoin(p: PaymentSpec, quote: Quote, holdId: string, reply: Reply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const r = this.d.npcs.lock(quote, holdId, this.now());
      if (r.ok) {
        this.locks.set(p.id, r.exchange);
        reply({ type: 'COIN_LOCKED', coin: quote.coin, mid: r.mid });
      } else this.refused(r.reason, quote, holdId, reply);
    });
  }

  sendOnChain(p: PaymentSpec, coin: Amount, fee: Amount, reply: Reply): void {
    const pvp = p.settlement === 'pvp';
    const from = pvp ? this.locks.get(p.id)!.account : OUTBOUND_ACCOUNT;
    const to = pvp ? PVP_ESCROW_ACCOUNT : this.offramp(p).account;
    this.chain(p).send(p.id, from, to, coin, fee, {
      included: () => reply({ type: 'CHAIN_TX_INCLUDED' }),
      confirmed: () => reply({ type: 'CHAIN_TX_CONFIRMED' }),
    });
  }

  dropTransfer(p: PaymentSpec, reply: Reply): void {
    this.locks.delete(p.id);
    this.chain(p).dropWaiting(p.id);
    this.d.queue.after(0, () => reply({ type: 'CHAIN_TX_DROPPED' }));
  }

  /** PvP: the escrow gives the coin back to the exchange that committed it. */
  private refundEscrow(p: PaymentSpec, coin: Amount, why: string): void {
    const exchange = this.locks.get(p.id)!;
    this.locks.delete(p.id);
    this.d.ledger.post({ time: this.now(), flow: p.id, kind: 'escrow.refunded', postings: transfer(PVP_ESCROW_ACCOUNT, exchange.account, coin), memo: why });
  }

  payout(p: PaymentSpec, coin: Amount, quote: Quote, npcsFee: Amount, holdId: string | undefined, reply: Reply): void {
    const offramp = this.offramp(p);
    const pvp = p.settlement === 'pvp';
    this.later(offramp.params.delayMs, () => {
      const now = this.now();
      const fail = (reason: string) => {
        if (pvp) this.refundEscrow(p, coin, reason);
        reply({ type: 'PAYOUT_FAILED', reason });
      };
      // PvP: a hold that expired while the coin travelled ends the payment; nothing may settle.
      if (pvp && !this.d.banks.isPending(holdId!)) {
        const party = this.expiredFrozen(holdId!);
        if (party === undefined) return fail('hold.expired');
        this.refundEscrow(p, coin, `${party} listed as the hold expired`);
        return reply({ type: 'HOLD_FROZEN', party });
      }
      const why = 'listed while the payment was in flight';
      const parties = [p.payer.id, p.payee.id];
      if (pvp) {
        const party = this.d.sanctions.firstListed(parties, now);
        if (party !== undefined) {
          // The payer's RUB never left its hold: all of it is frozen, NPCS's fee part too; the coin goes back.
          this.refundEscrow(p, coin, `${party} ${why}`);
          this.d.banks.postHold(holdId!, FROZEN_ACCOUNT, `${party} ${why}`);
          return reply({ type: 'PAYOUT_FROZEN', party });
        }
      } else {
        const party = freezeIfListed(this.d.sanctions, this.d.ledger, { flow: p.id, parties, time: now, from: offramp.account, amount: coin, why });
        if (party !== undefined) return reply({ type: 'PAYOUT_FROZEN', party });
      }
      if (offramp.isOut(now)) return fail('offramp.outage');
      // A coin that lost value in flight (a depeg) no longer buys what the off-ramp quoted for.
      if (!offramp.covers(coin, p.amount, now)) return fail('offramp.coinShortfall');
      if (!offramp.canPay(p.amount)) return fail('offramp.noLiquidity');
      const exchange = pvp ? this.locks.get(p.id)! : this.exchange(p);
      let paid: Amount | undefined;
      if (pvp) {
        // One instant: RUB to the exchange, coin to the off-ramp, local currency to the beneficiary.
        paid = this.d.npcs.postRubLeg(p.id, holdId!, quote, exchange.account, npcsFee);
        this.d.ledger.post({ time: now, flow: p.id, kind: 'escrow.released', postings: transfer(PVP_ESCROW_ACCOUNT, offramp.account, coin), memo: 'PvP: released against the RUB leg' });
        this.locks.delete(p.id);
      }
      this.d.ledger.post({
        time: now,
        flow: p.id,
        kind: 'offramp.paid',
        postings: transfer(offramp.account, beneficiaryAccount(p.payee), p.amount),
        memo: `for ${coin.minor} minor ${coin.asset.code} received`,
      });
      const marks = { at: now, coinLocal: offramp.midAt(now), coinRub: exchange.midAt(now) };
      reply(paid ? { type: 'PAYOUT_COMPLETED', marks, paid } : { type: 'PAYOUT_COMPLETED', marks });
    });
  }

  returnOnChain(p: PaymentSpec, coin: Amount, waitUpToMs: number, reply: Reply): void {
    const chain = this.chain(p);
    const deadline = this.now() + waitUpToMs;
    // A sender does not pay a congestion peak: it waits for the fee to fall, re-pricing as each
    // spike ends, for at most `waitUpToMs`; then it sends if the coin is worth more than the fee.
    const attempt = () => {
      const now = this.now();
      const calm = chain.congestedUntil(now);
      if (calm !== undefined && now < deadline) return void this.d.queue.at(Math.min(calm, deadline), attempt);
      const fee = chain.feeAt(coin.asset.code, now);
      const back = sub(coin, fee);
      // Still not worth a transfer: the off-ramp keeps the coin, and the outcome says how much.
      if (back.minor <= 0n) return void this.d.queue.after(0, () => reply({ type: 'RETURN_FORFEITED', coin }));
      chain.send(p.id, this.offramp(p).account, OUTBOUND_ACCOUNT, back, fee, {
        included: () => undefined,
        confirmed: () => reply({ type: 'RETURN_RECEIVED', coin: back }),
      });
    };
    attempt();
  }

  sellBack(p: PaymentSpec, coin: Amount, reply: Reply): void {
    this.later(this.d.latencies.exchangeMs, () => {
      const exchange = this.exchange(p);
      const sell = () => {
        const now = this.now();
        if (coin.minor === 0n) return reply({ type: 'SOLD_BACK', rub: zero(exchange.params.fiat) });
        // Screened again at the moment of the refund: a payer listed meanwhile is not paid back.
        const party = freezeIfListed(this.d.sanctions, this.d.ledger, { flow: p.id, parties: [p.payer.id], time: now, from: OUTBOUND_ACCOUNT, amount: coin, why: 'listed before the refund' });
        if (party !== undefined) return reply({ type: 'REFUND_FROZEN', party });
        // Proceeds of 0.00 RUB are no refund: the coin stays with the payer, like a refused sale.
        if (!exchange.canBuy(coin, now) || exchange.sellProceeds(coin, now).fiat.minor <= 0n) {
          // Only now, with the payment ended, does the coin become the payer's own.
          this.d.ledger.post({ time: now, flow: p.id, kind: 'npcs.returnedInCoin', postings: transfer(OUTBOUND_ACCOUNT, custodyAccount(p.payer), coin), memo: 'the exchange could not buy it back' });
          return reply({ type: 'SELL_BACK_REFUSED' });
        }
        reply({ type: 'SOLD_BACK', rub: this.d.npcs.sellBack(p.id, exchange, OUTBOUND_ACCOUNT, coin, bankAccount(p.payer), now).rub });
      };
      // An exchange in an outage takes the sale when it opens again.
      this.whenOpen(exchange, sell);
    });
  }
}
