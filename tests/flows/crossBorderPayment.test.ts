// The cross-border payment machine on its own: the rails are a scripted fake of its ports whose
// answers arrive as events on the simulated clock, so `after` delays and replies share one queue.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  crossBorderPayment,
  type CrossBorderEvent,
  type CrossBorderLimits,
  type CrossBorderPorts,
  type PayoutMarks,
  type Reply,
} from '../../src/flows/crossBorderPayment/index.js';
import type { PaymentOutcome, PaymentSpec } from '../../src/flows/payment.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import type { Quote } from '../../src/rails/exchange/exchange.js';
import { EventQueue, type TimerId } from '../../src/sim/index.js';
import { Dec, add, amountOf, defineAsset, sub, zero, type Amount } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const T0 = Date.UTC(2024, 9, 1, 9);

const payer: Participant = { id: 'acme' as ParticipantId, kind: 'company', country: 'RU', bank: 'sber' };
const payee: Participant = { id: 'wei-trading' as ParticipantId, kind: 'company', country: 'CN' };
const PAYMENT: PaymentSpec = {
  id: 'pay-1',
  payer,
  payee,
  amount: amountOf(CNY, 100_000n),
  rail: 'pilot',
  settlement: 'sequential',
  coin: 'USDT',
  chain: 'tron',
  initiatedAt: T0,
};
/** The same payment settled payment-versus-payment: the RUB hold is posted only at the payout. */
const PVP_PAYMENT: PaymentSpec = { ...PAYMENT, settlement: 'pvp' };

/** Coin the off-ramp needs for the payout, and the chain fee on top: what the quote buys. */
const DELIVER = amountOf(USDT, 139_586_823n);
const FEE = amountOf(USDT, 1_000_000n);
const BOUGHT = add(DELIVER, FEE);
const SOLD_BACK_RUB = amountOf(RUB, 1_290_000n);
/** RUB per coin at mid at the fill (sequential) and at the lock (PvP): distinct, so tests can tell which was kept. */
const FILL_MID = new Dec('92.5');
const LOCK_MID = new Dec('92.4');
/** The prices the off-ramp reports at the payout. */
const MARK_LOCAL = new Dec('7.2');
const MARK_RUB = new Dec('92.6');
const marksAt = (at: number): PayoutMarks => ({ at, coinLocal: MARK_LOCAL, coinRub: MARK_RUB });

/** Latencies of the fake rails, in simulated ms. */
const LAT = { screen: 100, quote: 200, hold: 150, convert: 250, lock: 350, payout: 500, sellBack: 300, drop: 0, returnConfirmed: 40_000 };
const LIMITS: CrossBorderLimits = { maxQuoteAttempts: 3, inclusionTimeoutMs: 120_000 };

/** The n-th quote (1-based): each attempt costs a little more, so tests can tell them apart. */
/** The off-ramp's mid when it priced the coin (local per coin). */
const QUOTED_OFFRAMP_MID = new Dec('7.2');

/** NPCS's charge on the RUB leg: none in most tests, as in the shipped scenarios. */
const NO_NPCS_FEE = amountOf(RUB, 0n);

function quoteFor(n: number, now: number): Quote {
  return { id: `q${n}`, venue: 'spb', coin: BOUGHT, cost: amountOf(RUB, 1_300_000n + BigInt(n) * 100n), price: new Dec('92.9629625'), expiresAt: now + 30_000 };
}

interface Script {
  screen(): CrossBorderEvent;
  quote(n: number, now: number): CrossBorderEvent;
  hold(n: number): CrossBorderEvent;
  /** `now` is when the answer arrives. */
  convert(quote: Quote, holdId: string, n: number, now: number): CrossBorderEvent;
  /** PvP only: the exchange commits the coin to escrow. */
  lock(quote: Quote, holdId: string, n: number): CrossBorderEvent;
  /** When the transfer is included and final, after it was sent; inclusion far away means stuck. */
  chain: { includedAfter: number; confirmedAfter: number };
  /** `now` is when the answer arrives; `pvp` when the payment settles payment-versus-payment. */
  payout(now: number, quote: Quote, pvp: boolean): CrossBorderEvent;
  returned(coin: Amount): Amount;
  /** What the exchange answers to the unwind's sale of `coin`. */
  sellBack(coin: Amount): CrossBorderEvent;
}

const HAPPY: Script = {
  screen: () => ({ type: 'SCREENING_PASSED' }),
  quote: (n, now) => ({ type: 'QUOTE_RECEIVED', quote: quoteFor(n, now), deliver: DELIVER, fee: FEE, npcsFee: NO_NPCS_FEE, offrampMid: QUOTED_OFFRAMP_MID }),
  hold: (n) => ({ type: 'FUNDS_HELD', holdId: `h${n}` }),
  convert: (quote, _holdId, _n, now) => ({ type: 'CONVERSION_FILLED', coin: quote.coin, paid: quote.cost, mid: FILL_MID, at: now }),
  lock: (quote) => ({ type: 'COIN_LOCKED', coin: quote.coin, mid: LOCK_MID }),
  chain: { includedAfter: 3_000, confirmedAfter: 9_000 },
  // as the real rails: under PvP the hold is posted at the payout, and the event carries what it took
  payout: (now, quote, pvp) => (pvp ? { type: 'PAYOUT_COMPLETED', marks: marksAt(now), paid: quote.cost } : { type: 'PAYOUT_COMPLETED', marks: marksAt(now) }),
  returned: (coin) => sub(coin, FEE),
  sellBack: () => ({ type: 'SOLD_BACK', rub: SOLD_BACK_RUB }),
};

interface Call {
  readonly port: keyof CrossBorderPorts;
  readonly at: number;
  readonly args: readonly unknown[];
}

/** A scripted stand-in for the rails: records every request, answers on the queue after a latency. */
class FakeRails implements CrossBorderPorts {
  readonly calls: Call[] = [];
  private quotes = 0;
  private holds = 0;
  private converts = 0;
  private locks = 0;
  private txs = 0;
  private outbound: string | undefined;
  private readonly chainTimers = new Map<string, TimerId[]>();
  private readonly included = new Set<string>();

  constructor(
    private readonly queue: EventQueue,
    private readonly script: Script,
  ) {}

  now(): number {
    return this.queue.now;
  }

  private log(port: keyof CrossBorderPorts, ...args: unknown[]): void {
    this.calls.push({ port, at: this.queue.now, args });
  }

  private answer(ms: number, reply: Reply, event: CrossBorderEvent): TimerId {
    return this.queue.after(ms, () => reply(event));
  }

  /** As `answer`, with the event made when it arrives, so it can carry that time. */
  private answerAt(ms: number, reply: Reply, event: (now: number) => CrossBorderEvent): TimerId {
    return this.queue.after(ms, () => reply(event(this.queue.now)));
  }

  screen(p: PaymentSpec, reply: Reply): void {
    this.log('screen', p.id);
    this.answer(LAT.screen, reply, this.script.screen());
  }

  requestQuote(p: PaymentSpec, reply: Reply): void {
    this.log('requestQuote', p.id);
    this.answer(LAT.quote, reply, this.script.quote(++this.quotes, this.queue.now));
  }

  holdFunds(p: PaymentSpec, amount: Amount, reply: Reply): void {
    this.log('holdFunds', amount);
    this.answer(LAT.hold, reply, this.script.hold(++this.holds));
  }

  voidHold(p: PaymentSpec, holdId: string): void {
    this.log('voidHold', holdId);
  }

  convert(p: PaymentSpec, quote: Quote, _npcsFee: Amount, holdId: string, reply: Reply): void {
    this.log('convert', quote.id, holdId);
    const n = ++this.converts;
    this.answerAt(LAT.convert, reply, (now) => this.script.convert(quote, holdId, n, now));
  }

  lockCoin(p: PaymentSpec, quote: Quote, holdId: string, reply: Reply): void {
    this.log('lockCoin', quote.id, holdId);
    this.answer(LAT.lock, reply, this.script.lock(quote, holdId, ++this.locks));
  }

  sendOnChain(p: PaymentSpec, coin: Amount, fee: Amount, reply: Reply): void {
    const id = `tron-tx${++this.txs}`;
    this.outbound = id;
    this.log('sendOnChain', coin, fee);
    const { includedAfter, confirmedAfter } = this.script.chain;
    this.chainTimers.set(id, [
      this.queue.after(includedAfter, () => {
        this.included.add(id);
        reply({ type: 'CHAIN_TX_INCLUDED' });
      }),
      this.queue.after(confirmedAfter, () => reply({ type: 'CHAIN_TX_CONFIRMED' })),
    ]);
  }

  dropTransfer(p: PaymentSpec, reply: Reply): void {
    const txId = this.outbound!;
    this.log('dropTransfer', txId);
    // as the real chain: a transfer in a block cannot be dropped
    if (this.included.has(txId) || !this.chainTimers.has(txId)) throw new Error(`${txId} cannot be dropped`);
    for (const t of this.chainTimers.get(txId)!) this.queue.cancel(t);
    this.chainTimers.delete(txId);
    this.answer(LAT.drop, reply, { type: 'CHAIN_TX_DROPPED' });
  }

  payout(p: PaymentSpec, coin: Amount, quote: Quote, _npcsFee: Amount, holdId: string | undefined, reply: Reply): void {
    this.log('payout', coin, quote.id, holdId);
    this.answerAt(LAT.payout, reply, (now) => this.script.payout(now, quote, p.settlement === 'pvp'));
  }

  /** No one is listed in these scripted runs: the runner's tests cover listings. */
  holdFreezes(): boolean {
    return false;
  }

  returnOnChain(p: PaymentSpec, coin: Amount, _waitUpToMs: number, reply: Reply): void {
    this.log('returnOnChain', coin);
    this.answer(LAT.returnConfirmed, reply, { type: 'RETURN_RECEIVED', coin: this.script.returned(coin) });
  }

  sellBack(p: PaymentSpec, coin: Amount, reply: Reply): void {
    this.log('sellBack', coin);
    this.answer(LAT.sellBack, reply, this.script.sellBack(coin));
  }

  get ports(): string[] {
    return this.calls.map((c) => c.port);
  }

  /** The calls to one port, in order. */
  to(port: keyof CrossBorderPorts): Call[] {
    return this.calls.filter((c) => c.port === port);
  }
}

/** Final state (as a dotted path) reached by each run, to check all of the machine's are covered. */
const reachedFinals = new Set<string>();
const reachedOutcomes = new Set<string>();

function run(script: Partial<Script> = {}, limits: Partial<CrossBorderLimits> = {}, payment: PaymentSpec = PAYMENT) {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const { output, finalState, doneAt } = runToEnd<PaymentOutcome>(crossBorderPayment, { payment, ports: rails, limits: { ...LIMITS, ...limits } }, queue);
  reachedFinals.add(finalState);
  reachedOutcomes.add(`${output.status}/${output.reason ?? ''}`);
  return { rails, output, finalState, doneAt, queue };
}

/** As `run` under PvP. */
const runPvp = (script: Partial<Script> = {}, limits: Partial<CrossBorderLimits> = {}) => run(script, limits, PVP_PAYMENT);

/** Every state value the machine takes, in order (a nested state as `parent.child`), on the fake rails. */
function statesVisited(payment: PaymentSpec, script: Partial<Script> = {}): string[] {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const actor = createActor(crossBorderPayment, { input: { payment, ports: rails, limits: LIMITS }, clock: queue.clock });
  const seen: string[] = [];
  const name = (v: unknown): string =>
    typeof v === 'string' ? v : Object.entries(v as Record<string, unknown>).map(([k, sub]) => `${k}.${name(sub)}`).join(',');
  actor.subscribe((s) => {
    const v = name(s.value);
    if (seen.at(-1) !== v) seen.push(v);
  });
  actor.start();
  while (queue.step()) {
    /* run */
  }
  expect(actor.getSnapshot().status).toBe('done');
  return seen;
}

/** The outcome of a payment that ended before any money moved. */
function rejectedBeforeMoney(output: PaymentOutcome, reason: string, payment: PaymentSpec = PAYMENT): void {
  expect(output).toMatchObject({ id: 'pay-1', status: 'rejected', reason, paid: null, paidAt: null, marks: null, bought: null, delivered: null, refunded: null, frozen: null });
  expect(output.payment).toBe(payment);
}


describe('crossBorderPayment', () => {
  describe('settled', () => {
    it('screens, quotes, holds the quoted cost, converts, sends the payout coin and pays out', () => {
      const { rails, output, finalState, doneAt } = run();
      expect(finalState).toBe('settled');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'sendOnChain', 'payout']);
      expect(rails.to('holdFunds')[0]!.args).toEqual([quoteFor(1, 0).cost]);
      expect(rails.to('convert')[0]!.args).toEqual(['q1', 'h1']);
      // the chain carries what the off-ramp needs; the fee is paid on top out of what was bought
      expect(rails.to('sendOnChain')[0]!.args).toEqual([DELIVER, FEE]);
      // sequentially the hold was posted at the fill: the payout is given no hold
      expect(rails.to('payout')[0]!.args).toEqual([DELIVER, 'q1', undefined]);
      // each request goes out when the previous answer arrives, on simulated time
      const sentAt = T0 + LAT.screen + LAT.quote + LAT.hold + LAT.convert;
      expect(rails.calls.map((c) => c.at)).toEqual([T0, T0 + 100, T0 + 300, T0 + 450, sentAt, sentAt + 9_000]);
      expect(doneAt).toBe(sentAt + 9_000 + LAT.payout);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'settled',
        reason: null,
        payment: PAYMENT,
        paid: quoteFor(1, 0).cost,
        // the RUB leg was final at the fill, before the coin travelled
        paidAt: sentAt,
        npcsFee: NO_NPCS_FEE,
        fillMid: FILL_MID,
        marks: marksAt(doneAt),
        quotedOfframpMid: QUOTED_OFFRAMP_MID,
        bought: BOUGHT,
        delivered: DELIVER,
        chainFee: FEE,
        refunded: null,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
    });

    it("holds NPCS's fee with the quoted cost, and reports it as charged with the RUB leg", () => {
      const npcsFee = amountOf(RUB, 1_300n);
      const { rails, output } = run({
        quote: (n, now) => ({ type: 'QUOTE_RECEIVED', quote: quoteFor(n, now), deliver: DELIVER, fee: FEE, npcsFee, offrampMid: QUOTED_OFFRAMP_MID }),
        convert: (quote, _holdId, _n, now) => ({ type: 'CONVERSION_FILLED', coin: quote.coin, paid: add(quote.cost, npcsFee), mid: FILL_MID, at: now }),
      });
      expect(rails.to('holdFunds')[0]!.args).toEqual([add(quoteFor(1, 0).cost, npcsFee)]);
      expect(output).toMatchObject({ status: 'settled', npcsFee, paid: add(quoteFor(1, 0).cost, npcsFee) });
    });

    it('a transfer included just before the inclusion time-out is not dropped', () => {
      const { rails, output } = run({ chain: { includedAfter: LIMITS.inclusionTimeoutMs - 1, confirmedAfter: 400_000 } });
      expect(output.status).toBe('settled');
      expect(rails.to('dropTransfer')).toEqual([]);
    });
  });

  describe('rejected', () => {
    it.each([['wei-trading'], ['acme']])('sanctions.blocked:%s when screening finds that party listed; nothing else is asked', (party) => {
      const { rails, output, finalState, doneAt } = run({ screen: () => ({ type: 'SCREENING_BLOCKED', party }) });
      expect(finalState).toBe('rejected');
      rejectedBeforeMoney(output, `sanctions.blocked:${party}`);
      expect(output.chainFee).toBeNull();
      expect(rails.ports).toEqual(['screen']);
      expect(doneAt).toBe(T0 + LAT.screen);
    });

    it('the regime reason when the law does not allow the payment on its day; nothing else is asked', () => {
      const reason = 'regime.notYetLawful:crossBorderPayments:2024-09-01';
      const { rails, output, finalState } = run({ screen: () => ({ type: 'PAYMENT_UNLAWFUL', reason }) });
      expect(finalState).toBe('rejected');
      rejectedBeforeMoney(output, reason);
      expect(rails.ports).toEqual(['screen']);
    });

    it('exchange.noLiquidity when no quote is available; no hold is placed', () => {
      const { rails, output } = run({ quote: () => ({ type: 'QUOTE_UNAVAILABLE', reason: 'exchange.noLiquidity' }) });
      rejectedBeforeMoney(output, 'exchange.noLiquidity');
      expect(rails.ports).toEqual(['screen', 'requestQuote']);
    });

    it('the reason the quote was refused for is the rejection reason: exchange.outage:spb', () => {
      const { rails, output } = run({ quote: () => ({ type: 'QUOTE_UNAVAILABLE', reason: 'exchange.outage:spb' }) });
      rejectedBeforeMoney(output, 'exchange.outage:spb');
      expect(rails.ports).toEqual(['screen', 'requestQuote']);
    });

    it('funds.insufficient when the bank cannot hold the quoted cost; nothing is converted or voided', () => {
      const { rails, output } = run({ hold: () => ({ type: 'FUNDS_INSUFFICIENT' }) });
      rejectedBeforeMoney(output, 'funds.insufficient');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds']);
    });

    it('exchange.noLiquidity when the conversion fails for liquidity, with the hold voided', () => {
      const { rails, output } = run({ convert: () => ({ type: 'CONVERSION_FAILED', reason: 'exchange.noLiquidity' }) });
      rejectedBeforeMoney(output, 'exchange.noLiquidity');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'voidHold']);
      expect(rails.to('voidHold')[0]!.args).toEqual(['h1']);
    });

    it('hold.expired when the hold expired before the fill, and no void is asked for', () => {
      const { rails, output } = run({ convert: () => ({ type: 'CONVERSION_FAILED', reason: 'hold.expired' }) });
      rejectedBeforeMoney(output, 'hold.expired');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert']);
    });

    it('quote.expired after maxQuoteAttempts quotes, voiding each hold before the next quote', () => {
      const { rails, output } = run({ convert: () => ({ type: 'QUOTE_EXPIRED' }) }, { maxQuoteAttempts: 3 });
      rejectedBeforeMoney(output, 'quote.expired');
      const attempt = ['requestQuote', 'holdFunds', 'convert', 'voidHold'];
      expect(rails.ports).toEqual(['screen', ...attempt, ...attempt, ...attempt]);
      // each attempt converts its own quote against its own hold, and voids that hold
      expect(rails.to('convert').map((c) => c.args)).toEqual([
        ['q1', 'h1'],
        ['q2', 'h2'],
        ['q3', 'h3'],
      ]);
      expect(rails.to('holdFunds').map((c) => c.args)).toEqual([[quoteFor(1, 0).cost], [quoteFor(2, 0).cost], [quoteFor(3, 0).cost]]);
      expect(rails.to('voidHold').map((c) => c.args)).toEqual([['h1'], ['h2'], ['h3']]);
    });

    it('quote.expired at once when only one quote attempt is allowed', () => {
      const { rails, output } = run({ convert: () => ({ type: 'QUOTE_EXPIRED' }) }, { maxQuoteAttempts: 1 });
      rejectedBeforeMoney(output, 'quote.expired');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'voidHold']);
    });

    it('exchange.noLiquidity when a re-quote finds no liquidity, the first hold voided', () => {
      const { rails, output } = run({
        quote: (n, now) => (n === 1 ? HAPPY.quote(n, now) : { type: 'QUOTE_UNAVAILABLE', reason: 'exchange.noLiquidity' }),
        convert: () => ({ type: 'QUOTE_EXPIRED' }),
      });
      expect(output).toMatchObject({ status: 'rejected', reason: 'exchange.noLiquidity', paid: null, bought: null });
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'voidHold', 'requestQuote']);
    });
  });

  describe('re-quoting', () => {
    it('re-quotes while attempts remain and settles on the fresh quote', () => {
      const { rails, output } = run({
        convert: (quote, holdId, n, now) => (n === 1 ? { type: 'QUOTE_EXPIRED' } : HAPPY.convert(quote, holdId, n, now)),
      });
      expect(output.status).toBe('settled');
      expect(rails.ports).toEqual([
        'screen',
        'requestQuote',
        'holdFunds',
        'convert',
        'voidHold',
        'requestQuote',
        'holdFunds',
        'convert',
        'sendOnChain',
        'payout',
      ]);
      expect(rails.to('voidHold').map((c) => c.args)).toEqual([['h1']]);
      expect(rails.to('convert')[1]!.args).toEqual(['q2', 'h2']);
      expect(output.paid).toEqual(quoteFor(2, 0).cost);
      // paid at the second fill: two rounds of quote, hold and convert after screening
      expect(output.paidAt).toBe(T0 + LAT.screen + 2 * (LAT.quote + LAT.hold + LAT.convert));
    });
  });

  describe('unwinding meets the exchange or sanctions', () => {
    const stuck = { chain: { includedAfter: 600_000, confirmedAfter: 660_000 } };

    it("returnedInCoin: an exchange without the RUB to buy the coin back leaves it in the payer's custody", () => {
      const { output, finalState } = run({ ...stuck, sellBack: () => ({ type: 'SELL_BACK_REFUSED' }) });
      expect(finalState).toBe('returnedInCoin');
      expect(output).toMatchObject({ status: 'refunded', reason: 'chain.notIncluded', paid: quoteFor(1, 0).cost, keptCoin: BOUGHT, refunded: null, frozen: null });
    });

    it('a payer listed while the payment unwound has the coin frozen, not paid back', () => {
      const { output, finalState } = run({ ...stuck, sellBack: () => ({ type: 'REFUND_FROZEN', party: 'acme' }) });
      expect(finalState).toBe('frozen');
      expect(output).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:acme', frozen: BOUGHT, refunded: null, keptCoin: null });
    });
  });

  describe('refunded', () => {
    it('chain.notIncluded: the inclusion time-out fires on the simulated clock, the transfer is dropped and all the coin sold back', () => {
      // the chain would include the transfer only long after the time-out (a halt, say)
      const { rails, output, finalState, doneAt } = run({ chain: { includedAfter: 600_000, confirmedAfter: 660_000 } });
      expect(finalState).toBe('refunded');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'sendOnChain', 'dropTransfer', 'sellBack']);
      const sent = rails.to('sendOnChain')[0]!;
      const drop = rails.to('dropTransfer')[0]!;
      expect(drop.at).toBe(sent.at + LIMITS.inclusionTimeoutMs);
      expect(drop.args).toEqual(['tron-tx1']);
      // after a drop the whole purchase, fee included, is back in custody
      expect(rails.to('sellBack')[0]!.args).toEqual([BOUGHT]);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'refunded',
        reason: 'chain.notIncluded',
        payment: PAYMENT,
        paid: quoteFor(1, 0).cost,
        paidAt: sent.at,
        npcsFee: NO_NPCS_FEE,
        fillMid: FILL_MID,
        marks: null,
        quotedOfframpMid: null,
        bought: BOUGHT,
        delivered: null,
        chainFee: null, // dropped before any block: no fee was paid
        refunded: SOLD_BACK_RUB,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
      // bounded: time-out, drop, sell-back; nothing waits for the far-away block
      expect(doneAt).toBe(sent.at + LIMITS.inclusionTimeoutMs + LAT.drop + LAT.sellBack);
    });

    it('the inclusion time-out follows the limits given', () => {
      const { rails } = run({ chain: { includedAfter: 600_000, confirmedAfter: 660_000 } }, { inclusionTimeoutMs: 5_000 });
      expect(rails.to('dropTransfer')[0]!.at).toBe(rails.to('sendOnChain')[0]!.at + 5_000);
    });

    it('PAYOUT_FAILED: the off-ramp returns the coin on chain, then what came back is sold', () => {
      const { rails, output, finalState, doneAt } = run({ payout: () => ({ type: 'PAYOUT_FAILED', reason: 'offramp.noLiquidity' }) });
      expect(finalState).toBe('refunded');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'sendOnChain', 'payout', 'returnOnChain', 'sellBack']);
      const payoutCall = rails.to('payout')[0]!;
      const ret = rails.to('returnOnChain')[0]!;
      const sell = rails.to('sellBack')[0]!;
      expect(ret.args).toEqual([DELIVER]);
      expect(ret.at).toBe(payoutCall.at + LAT.payout);
      // sold only once the return is confirmed, and only what the return brought back
      expect(sell.at).toBe(ret.at + LAT.returnConfirmed);
      expect(sell.args).toEqual([sub(DELIVER, FEE)]);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'refunded',
        reason: 'offramp.noLiquidity',
        payment: PAYMENT,
        paid: quoteFor(1, 0).cost,
        paidAt: rails.to('sendOnChain')[0]!.at,
        npcsFee: NO_NPCS_FEE,
        fillMid: FILL_MID,
        marks: null,
        quotedOfframpMid: null,
        bought: BOUGHT,
        delivered: null,
        chainFee: FEE,
        refunded: SOLD_BACK_RUB,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
      expect(doneAt).toBe(sell.at + LAT.sellBack);
    });

    it('PAYOUT_FAILED with nothing coming back sells nothing, not the original purchase', () => {
      const { rails, output } = run({
        payout: () => ({ type: 'PAYOUT_FAILED', reason: 'offramp.noLiquidity' }),
        returned: () => zero(USDT),
      });
      expect(output.status).toBe('refunded');
      expect(rails.to('sellBack')[0]!.args).toEqual([zero(USDT)]);
    });
  });

  describe('frozen', () => {
    it('PAYOUT_FROZEN: the delivered coin is frozen, nothing is returned or sold back', () => {
      const { rails, output, finalState } = run({ payout: () => ({ type: 'PAYOUT_FROZEN', party: 'wei-trading' }) });
      expect(finalState).toBe('frozen');
      expect(rails.ports).toEqual(['screen', 'requestQuote', 'holdFunds', 'convert', 'sendOnChain', 'payout']);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'frozen',
        reason: 'sanctions.frozen:wei-trading',
        payment: PAYMENT,
        paid: quoteFor(1, 0).cost,
        paidAt: rails.to('sendOnChain')[0]!.at,
        npcsFee: NO_NPCS_FEE,
        fillMid: FILL_MID,
        marks: null,
        quotedOfframpMid: null,
        bought: BOUGHT,
        delivered: null,
        chainFee: FEE,
        refunded: null,
        keptCoin: null,
        frozen: DELIVER,
        forfeited: null,
      });
    });
  });

  describe('payment versus payment (settlement: pvp)', () => {
    /** Up to the chain under PvP: no conversion, the coin locked against the pending hold. */
    const LOCKED = ['screen', 'requestQuote', 'holdFunds', 'lockCoin'];
    const lockedAt = T0 + LAT.screen + LAT.quote + LAT.hold + LAT.lock;

    it('settled: the coin is locked, not bought; the hold is posted with the payout, so paid arrives with PAYOUT_COMPLETED', () => {
      const { rails, output, finalState, doneAt } = runPvp();
      expect(finalState).toBe('settled');
      expect(rails.ports).toEqual([...LOCKED, 'sendOnChain', 'payout']);
      expect(rails.to('lockCoin')[0]!.args).toEqual(['q1', 'h1']);
      expect(rails.to('sendOnChain')[0]!.args).toEqual([DELIVER, FEE]);
      // the payout is given the quote and the still-pending hold, to post in the same instant
      expect(rails.to('payout')[0]!.args).toEqual([DELIVER, 'q1', 'h1']);
      expect(rails.calls.map((c) => c.at)).toEqual([T0, T0 + 100, T0 + 300, T0 + 450, lockedAt, lockedAt + 9_000]);
      expect(doneAt).toBe(lockedAt + 9_000 + LAT.payout);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'settled',
        reason: null,
        payment: PVP_PAYMENT,
        paid: quoteFor(1, 0).cost,
        // irrevocable only at the payout, not when the coin was locked
        paidAt: doneAt,
        npcsFee: NO_NPCS_FEE,
        fillMid: LOCK_MID,
        marks: marksAt(doneAt),
        quotedOfframpMid: QUOTED_OFFRAMP_MID,
        bought: BOUGHT,
        delivered: DELIVER,
        chainFee: FEE,
        refunded: null,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
    });

    it('never passes through converting; a sequential payment does', () => {
      const chainStates = ['transferringOnChain.awaitingInclusion', 'transferringOnChain.awaitingConfirmations', 'payingOut', 'settled'];
      expect(statesVisited(PVP_PAYMENT)).toEqual(['screening', 'quoting', 'holdingFunds', 'lockingCoin', ...chainStates]);
      expect(statesVisited(PAYMENT)).toEqual(['screening', 'quoting', 'holdingFunds', 'converting', ...chainStates]);
    });

    it('chain.notIncluded: a dropped transfer rejects the payment with the hold voided; nothing is sold back', () => {
      const { rails, output, finalState, doneAt } = runPvp({ chain: { includedAfter: 600_000, confirmedAfter: 660_000 } });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual([...LOCKED, 'sendOnChain', 'dropTransfer', 'voidHold']);
      expect(rails.to('dropTransfer')[0]!.at).toBe(lockedAt + LIMITS.inclusionTimeoutMs);
      expect(rails.to('voidHold')[0]!.args).toEqual(['h1']);
      expect(rails.to('voidHold')[0]!.at).toBe(lockedAt + LIMITS.inclusionTimeoutMs + LAT.drop);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'rejected',
        reason: 'chain.notIncluded',
        payment: PVP_PAYMENT,
        paid: null,
        paidAt: null,
        npcsFee: null,
        fillMid: null,
        marks: null,
        quotedOfframpMid: null,
        bought: null,
        delivered: null,
        chainFee: null,
        refunded: null,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
      expect(doneAt).toBe(lockedAt + LIMITS.inclusionTimeoutMs + LAT.drop);
    });

    it('PAYOUT_FAILED: rejected with the hold voided; nothing is returned on chain or sold back', () => {
      const { rails, output, finalState, doneAt } = runPvp({ payout: () => ({ type: 'PAYOUT_FAILED', reason: 'offramp.outage' }) });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual([...LOCKED, 'sendOnChain', 'payout', 'voidHold']);
      expect(rails.to('voidHold')[0]!.args).toEqual(['h1']);
      expect(rails.to('voidHold')[0]!.at).toBe(doneAt);
      expect(output).toEqual({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'rejected',
        reason: 'offramp.outage',
        payment: PVP_PAYMENT,
        paid: null,
        paidAt: null,
        npcsFee: null,
        fillMid: null,
        marks: null,
        quotedOfframpMid: null,
        bought: null,
        delivered: null,
        chainFee: FEE, // the transfer into escrow was included
        refunded: null,
        keptCoin: null,
        frozen: null,
        forfeited: null,
      });
      expect(doneAt).toBe(lockedAt + 9_000 + LAT.payout);
    });

    it('PAYOUT_FAILED hold.expired: rejected, and no void is asked for the hold that already expired', () => {
      const { rails, output, finalState } = runPvp({ payout: () => ({ type: 'PAYOUT_FAILED', reason: 'hold.expired' }) });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual([...LOCKED, 'sendOnChain', 'payout']);
      expect(output).toMatchObject({ status: 'rejected', reason: 'hold.expired', paid: null, paidAt: null, bought: null, delivered: null, refunded: null, frozen: null });
    });

    it('PAYOUT_FROZEN: the held RUB (the quoted cost) is what is frozen, and it counts as paid; no void, no return', () => {
      const { rails, output, finalState } = runPvp({ payout: () => ({ type: 'PAYOUT_FROZEN', party: 'wei-trading' }) });
      expect(finalState).toBe('frozen');
      expect(rails.ports).toEqual([...LOCKED, 'sendOnChain', 'payout']);
      expect(output).toMatchObject({
        flow: 'crossBorderPayment',
        id: 'pay-1',
        status: 'frozen',
        reason: 'sanctions.frozen:wei-trading',
        payment: PVP_PAYMENT,
        paid: quoteFor(1, 0).cost,
        fillMid: null,
        marks: null,
        quotedOfframpMid: null,
        bought: null,
        delivered: null,
        chainFee: FEE,
        refunded: null,
        keptCoin: null,
        frozen: quoteFor(1, 0).cost,
        forfeited: null,
      });
      expect(output.frozen!.asset.code).toBe('RUB');
    });

    it('QUOTE_EXPIRED while locking voids the hold and re-quotes; the fresh quote is locked and settled', () => {
      const { rails, output } = runPvp({ lock: (quote, holdId, n) => (n === 1 ? { type: 'QUOTE_EXPIRED' } : HAPPY.lock(quote, holdId, n)) });
      expect(output.status).toBe('settled');
      expect(rails.ports).toEqual([...LOCKED, 'voidHold', 'requestQuote', 'holdFunds', 'lockCoin', 'sendOnChain', 'payout']);
      expect(rails.to('lockCoin').map((c) => c.args)).toEqual([
        ['q1', 'h1'],
        ['q2', 'h2'],
      ]);
      expect(rails.to('voidHold').map((c) => c.args)).toEqual([['h1']]);
      expect(rails.to('payout')[0]!.args).toEqual([DELIVER, 'q2', 'h2']);
      expect(output.paid).toEqual(quoteFor(2, 0).cost);
    });

    it('quote.expired after maxQuoteAttempts locks found the quote expired, each hold voided', () => {
      const { rails, output } = runPvp({ lock: () => ({ type: 'QUOTE_EXPIRED' }) }, { maxQuoteAttempts: 2 });
      rejectedBeforeMoney(output, 'quote.expired', PVP_PAYMENT);
      const attempt = ['requestQuote', 'holdFunds', 'lockCoin', 'voidHold'];
      expect(rails.ports).toEqual(['screen', ...attempt, ...attempt]);
      expect(rails.to('voidHold').map((c) => c.args)).toEqual([['h1'], ['h2']]);
    });

    it('a failed lock rejects with the hold voided, unless the hold already expired', () => {
      const outage = runPvp({ lock: () => ({ type: 'CONVERSION_FAILED', reason: 'exchange.outage:spb' }) });
      rejectedBeforeMoney(outage.output, 'exchange.outage:spb', PVP_PAYMENT);
      expect(outage.rails.ports).toEqual([...LOCKED, 'voidHold']);
      expect(outage.rails.to('voidHold')[0]!.args).toEqual(['h1']);
      const expired = runPvp({ lock: () => ({ type: 'CONVERSION_FAILED', reason: 'hold.expired' }) });
      rejectedBeforeMoney(expired.output, 'hold.expired', PVP_PAYMENT);
      expect(expired.rails.ports).toEqual(LOCKED);
    });
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(crossBorderPayment.root).sort();
      expect(machineFinals).toEqual(['frozen', 'refunded', 'rejected', 'returnedInCoin', 'settled']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every named reason was reached by a test above', () => {
      expect([...reachedOutcomes].sort()).toEqual(
        [
          'settled/',
          'rejected/sanctions.blocked:wei-trading',
          'rejected/sanctions.blocked:acme',
          'rejected/exchange.noLiquidity',
          'rejected/exchange.outage:spb',
          'rejected/chain.notIncluded',
          'rejected/offramp.outage',
          'rejected/regime.notYetLawful:crossBorderPayments:2024-09-01',
          'rejected/funds.insufficient',
          'rejected/hold.expired',
          'rejected/quote.expired',
          'refunded/chain.notIncluded',
          'refunded/offramp.noLiquidity',
          'frozen/sanctions.frozen:wei-trading',
          'frozen/sanctions.frozen:acme',
        ].sort(),
      );
    });
  });
});
