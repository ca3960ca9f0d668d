// The retail purchase machine on its own: the rails are a scripted fake of its ports whose answers
// arrive as events on the simulated clock, as in crossBorderPayment.test.ts.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import { retailPurchase, type PurchaseReply, type RetailPurchaseEvent, type RetailPurchasePorts } from '../../src/flows/retail/index.js';
import type { OrderOutcome, OrderSpec } from '../../src/flows/order.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import type { Quote } from '../../src/rails/exchange/exchange.js';
import { EventQueue } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset, type Amount, type FineAmount } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USD = defineAsset('USD', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const T0 = Date.UTC(2024, 8, 2, 9);

const anna: Participant = { id: 'anna' as ParticipantId, kind: 'individual', country: 'RU', bank: 'bank-a', investor: { category: 'nonQualified', passedTest: true } };
const ORDER: OrderSpec = { id: 'ord-1', participant: anna, coin: 'USDT', amount: amountOf(RUB, 2_500_000n), initiatedAt: T0 };

/** Latencies of the fake rails, in simulated ms. */
const LAT = { eligibility: 1_000, quote: 800, cap: 0, hold: 2_000, fill: 900 };

/** The n-th quote (1-based): each costs a little more, so tests can tell them apart. */
function quoteFor(n: number): Quote {
  return { id: `q${n}`, venue: 'spb', coin: amountOf(USDT, 268_930_000n + BigInt(n)), cost: amountOf(RUB, 2_499_900n + BigInt(n)), price: new Dec('92.9625'), expiresAt: T0 + 30_000 };
}
/** What the n-th reservation counted against the cap, in USD. */
const capValueFor = (n: number): FineAmount => ({ asset: USD, atto: 271_700_000_000_000_000n + BigInt(n) });

interface Script {
  eligibility(): RetailPurchaseEvent;
  quote(n: number): RetailPurchaseEvent;
  cap(n: number): RetailPurchaseEvent;
  hold(n: number): RetailPurchaseEvent;
  fill(quote: Quote, n: number): RetailPurchaseEvent;
  /** Whether releasing the hold would freeze it (the buyer listed) when the machine asks. */
  listed(): boolean;
}

const HAPPY: Script = {
  eligibility: () => ({ type: 'ELIGIBLE' }),
  quote: (n) => ({ type: 'QUOTE_RECEIVED', quote: quoteFor(n) }),
  cap: (n) => ({ type: 'CAP_RESERVED', value: capValueFor(n) }),
  hold: (n) => ({ type: 'FUNDS_HELD', holdId: `h${n}` }),
  fill: (quote) => ({ type: 'PURCHASE_FILLED', coin: quote.coin, paid: quote.cost }),
  listed: () => false,
};

type Port = keyof RetailPurchasePorts;

interface Call {
  readonly port: Port;
  readonly at: number;
  readonly args: readonly unknown[];
}

/** A scripted stand-in for the rails: records every request, answers on the queue after a latency. */
class FakeRails implements RetailPurchasePorts {
  readonly calls: Call[] = [];
  private n = { quote: 0, cap: 0, hold: 0, fill: 0 };

  constructor(
    private readonly queue: EventQueue,
    private readonly script: Script,
  ) {}

  private log(port: Port, order: OrderSpec, ...args: unknown[]): void {
    // every request is about the order the machine was started with
    expect(order).toBe(ORDER);
    this.calls.push({ port, at: this.queue.now, args });
  }

  private answer(ms: number, reply: PurchaseReply, event: RetailPurchaseEvent): void {
    this.queue.after(ms, () => reply(event));
  }

  checkEligibility(order: OrderSpec, reply: PurchaseReply): void {
    this.log('checkEligibility', order);
    this.answer(LAT.eligibility, reply, this.script.eligibility());
  }

  requestQuote(order: OrderSpec, reply: PurchaseReply): void {
    this.log('requestQuote', order);
    this.answer(LAT.quote, reply, this.script.quote(++this.n.quote));
  }

  reserveCap(order: OrderSpec, quote: Quote, reply: PurchaseReply): void {
    this.log('reserveCap', order, quote.id);
    this.answer(LAT.cap, reply, this.script.cap(++this.n.cap));
  }

  releaseCap(order: OrderSpec): void {
    this.log('releaseCap', order);
  }

  commitCap(order: OrderSpec): void {
    this.log('commitCap', order);
  }

  holdFunds(order: OrderSpec, amount: Amount, reply: PurchaseReply): void {
    this.log('holdFunds', order, amount);
    this.answer(LAT.hold, reply, this.script.hold(++this.n.hold));
  }

  /** A query, not a request: not logged. */
  holdFreezes(order: OrderSpec, holdId: string): boolean {
    expect(order).toBe(ORDER);
    expect(holdId).toMatch(/^h\d$/);
    return this.script.listed();
  }

  voidHold(order: OrderSpec, holdId: string): void {
    this.log('voidHold', order, holdId);
  }

  fill(order: OrderSpec, quote: Quote, holdId: string, reply: PurchaseReply): void {
    this.log('fill', order, quote.id, holdId);
    this.answer(LAT.fill, reply, this.script.fill(quote, ++this.n.fill));
  }

  get ports(): Port[] {
    return this.calls.map((c) => c.port);
  }

  to(port: Port): Call[] {
    return this.calls.filter((c) => c.port === port);
  }
}

const reachedFinals = new Set<string>();
const reachedOutcomes = new Set<string>();

function run(script: Partial<Script> = {}, maxQuoteAttempts = 3) {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const { output, finalState, doneAt } = runToEnd<OrderOutcome>(retailPurchase, { order: ORDER, ports: rails, maxQuoteAttempts }, queue);
  reachedFinals.add(finalState);
  reachedOutcomes.add(`${output.status}/${output.reason ?? ''}`);
  return { rails, output, finalState, doneAt };
}

/** A rejection that moved nothing: no RUB, coin or cap use in the outcome. */
function rejected(output: OrderOutcome, reason: string): void {
  expect(output).toEqual({ flow: 'retailPurchase', id: 'ord-1', status: 'rejected', reason, order: ORDER, rub: null, coin: null, capValue: null, frozen: null });
}


/** One quote attempt that ends in an expired quote: everything it took is given back. */
const EXPIRED_ATTEMPT: Port[] = ['requestQuote', 'reserveCap', 'holdFunds', 'fill', 'voidHold', 'releaseCap'];

describe('retailPurchase', () => {
  describe('purchased', () => {
    it('checks eligibility, quotes, reserves the cap, holds the quoted cost, fills and commits the cap once', () => {
      const { rails, output, finalState, doneAt } = run();
      expect(finalState).toBe('purchased');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote', 'reserveCap', 'holdFunds', 'fill', 'commitCap']);
      expect(rails.to('commitCap')).toHaveLength(1);
      expect(rails.to('releaseCap')).toEqual([]);
      expect(rails.to('voidHold')).toEqual([]);
      expect(rails.to('reserveCap')[0]!.args).toEqual(['q1']);
      expect(rails.to('holdFunds')[0]!.args).toEqual([quoteFor(1).cost]);
      expect(rails.to('fill')[0]!.args).toEqual(['q1', 'h1']);
      expect(output).toEqual({
        flow: 'retailPurchase',
        id: 'ord-1',
        status: 'purchased',
        reason: null,
        order: ORDER,
        rub: quoteFor(1).cost,
        coin: quoteFor(1).coin,
        capValue: capValueFor(1),
        frozen: null,
      });
      // each request goes out when the previous answer arrives, on simulated time
      const heldAt = T0 + LAT.eligibility + LAT.quote + LAT.cap + LAT.hold;
      expect(rails.calls.map((c) => c.at)).toEqual([T0, T0 + 1_000, T0 + 1_800, T0 + 1_800, heldAt, heldAt + LAT.fill]);
      expect(doneAt).toBe(heldAt + LAT.fill);
    });

    it('an uncapped investor (cap value null) is purchased with a null cap value', () => {
      const { output, rails } = run({ cap: () => ({ type: 'CAP_RESERVED', value: null }) });
      expect(output).toMatchObject({ status: 'purchased', reason: null, rub: quoteFor(1).cost, coin: quoteFor(1).coin, capValue: null });
      expect(rails.to('commitCap')).toHaveLength(1);
    });

    it('the output carries what the fill reports, not the quote', () => {
      const coin = amountOf(USDT, 1n);
      const paid = amountOf(RUB, 93n);
      const { output } = run({ fill: () => ({ type: 'PURCHASE_FILLED', coin, paid }) });
      expect(output.coin).toEqual(coin);
      expect(output.rub).toEqual(paid);
    });
  });

  describe('rejected before any money', () => {
    it.each([['kyc.incomplete'], ['investor.testNotPassed'], ['regime.notYetLawful:retailPurchases:2024-09-01']])(
      'INELIGIBLE passes its reason through: %s; nothing else is asked',
      (reason) => {
        const { rails, output, finalState, doneAt } = run({ eligibility: () => ({ type: 'INELIGIBLE', reason }) });
        expect(finalState).toBe('rejected');
        rejected(output, reason);
        expect(rails.ports).toEqual(['checkEligibility']);
        expect(doneAt).toBe(T0 + LAT.eligibility);
      },
    );

    it('exchange.noLiquidity when no quote is available; no cap is reserved and no hold placed', () => {
      const { rails, output } = run({ quote: () => ({ type: 'QUOTE_UNAVAILABLE', reason: 'exchange.noLiquidity' }) });
      rejected(output, 'exchange.noLiquidity');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote']);
    });

    it('the reason the quote was refused for is the rejection reason: exchange.outage:moscow', () => {
      const { rails, output } = run({ quote: () => ({ type: 'QUOTE_UNAVAILABLE', reason: 'exchange.outage:moscow' }) });
      rejected(output, 'exchange.outage:moscow');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote']);
    });

    it('cap.exceeded when the cap refuses: no hold is placed and nothing is released', () => {
      const { rails, output, finalState } = run({ cap: () => ({ type: 'CAP_EXCEEDED' }) });
      expect(finalState).toBe('rejected');
      rejected(output, 'cap.exceeded');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote', 'reserveCap']);
    });

    it('funds.insufficient when the bank cannot hold the cost: the cap reservation is released, nothing voided', () => {
      const { rails, output } = run({ hold: () => ({ type: 'FUNDS_INSUFFICIENT' }) });
      rejected(output, 'funds.insufficient');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote', 'reserveCap', 'holdFunds', 'releaseCap']);
    });
  });

  describe('rejected at the fill', () => {
    it('exchange.noLiquidity when the fill fails for liquidity: the hold is voided and the cap released', () => {
      const { rails, output } = run({ fill: () => ({ type: 'FILL_FAILED', reason: 'exchange.noLiquidity' }) });
      rejected(output, 'exchange.noLiquidity');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote', 'reserveCap', 'holdFunds', 'fill', 'voidHold', 'releaseCap']);
      expect(rails.to('voidHold')[0]!.args).toEqual(['h1']);
    });

    it('hold.expired when the hold expired before the fill: no void is asked for, the cap is released', () => {
      const { rails, output } = run({ fill: () => ({ type: 'FILL_FAILED', reason: 'hold.expired' }) });
      rejected(output, 'hold.expired');
      expect(rails.ports).toEqual(['checkEligibility', 'requestQuote', 'reserveCap', 'holdFunds', 'fill', 'releaseCap']);
      expect(rails.to('commitCap')).toEqual([]);
    });

    it('quote.expired after maxQuoteAttempts quotes, voiding each hold and releasing the cap each time', () => {
      const { rails, output } = run({ fill: () => ({ type: 'QUOTE_EXPIRED' }) }, 3);
      rejected(output, 'quote.expired');
      expect(rails.ports).toEqual(['checkEligibility', ...EXPIRED_ATTEMPT, ...EXPIRED_ATTEMPT, ...EXPIRED_ATTEMPT]);
      // each attempt reserves against its own quote, holds its cost and voids its own hold
      expect(rails.to('reserveCap').map((c) => c.args)).toEqual([['q1'], ['q2'], ['q3']]);
      expect(rails.to('holdFunds').map((c) => c.args)).toEqual([[quoteFor(1).cost], [quoteFor(2).cost], [quoteFor(3).cost]]);
      expect(rails.to('fill').map((c) => c.args)).toEqual([
        ['q1', 'h1'],
        ['q2', 'h2'],
        ['q3', 'h3'],
      ]);
      expect(rails.to('voidHold').map((c) => c.args)).toEqual([['h1'], ['h2'], ['h3']]);
      expect(rails.to('releaseCap')).toHaveLength(3);
      expect(rails.to('commitCap')).toEqual([]);
    });

    it('quote.expired at once when only one quote attempt is allowed', () => {
      const { rails, output } = run({ fill: () => ({ type: 'QUOTE_EXPIRED' }) }, 1);
      rejected(output, 'quote.expired');
      expect(rails.ports).toEqual(['checkEligibility', ...EXPIRED_ATTEMPT]);
    });

    it('cap.exceeded on a re-quote, after the first attempt gave its hold and reservation back', () => {
      const { rails, output } = run({
        fill: () => ({ type: 'QUOTE_EXPIRED' }),
        cap: (n) => (n === 1 ? HAPPY.cap(n) : { type: 'CAP_EXCEEDED' }),
      });
      rejected(output, 'cap.exceeded');
      expect(rails.ports).toEqual(['checkEligibility', ...EXPIRED_ATTEMPT, 'requestQuote', 'reserveCap']);
    });
  });

  describe('frozen', () => {
    it('PURCHASE_FROZEN: the buyer listed by the fill; the coin is frozen, the cap counts it, the outcome says so', () => {
      const { rails, output, finalState } = run({ fill: (quote) => ({ type: 'PURCHASE_FROZEN', party: 'anna', coin: quote.coin, paid: quote.cost }) });
      expect(finalState).toBe('frozen');
      expect(rails.to('commitCap')).toHaveLength(1);
      expect(output).toEqual({ flow: 'retailPurchase', id: 'ord-1', status: 'frozen', reason: 'sanctions.frozen:anna', order: ORDER, rub: quoteFor(1).cost, coin: null, capValue: capValueFor(1), frozen: quoteFor(1).coin });
    });

    it('a refused fill whose buyer is listed by then: the hold it releases is frozen, not re-quoted', () => {
      const { rails, output, finalState } = run({ fill: () => ({ type: 'QUOTE_EXPIRED' }), listed: () => true });
      expect(finalState).toBe('frozen');
      expect(rails.ports).toEqual(['checkEligibility', ...EXPIRED_ATTEMPT]);
      expect(output).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:anna', rub: quoteFor(1).cost, coin: null, capValue: null, frozen: quoteFor(1).cost });
    });

    it('HOLD_FROZEN: the hold expired into the frozen account; nothing is voided, the cap released', () => {
      const { rails, output } = run({ fill: () => ({ type: 'HOLD_FROZEN', party: 'anna' }) });
      expect(rails.to('voidHold')).toEqual([]);
      expect(rails.to('releaseCap')).toHaveLength(1);
      expect(output).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:anna', frozen: quoteFor(1).cost });
    });
  });

  describe('re-quoting', () => {
    it('re-quotes after an expired quote and buys on the fresh one, with its cap value; the cap is committed once', () => {
      const { rails, output } = run({ fill: (quote, n) => (n === 1 ? { type: 'QUOTE_EXPIRED' } : HAPPY.fill(quote, n)) });
      expect(rails.ports).toEqual([
        'checkEligibility',
        ...EXPIRED_ATTEMPT,
        'requestQuote',
        'reserveCap',
        'holdFunds',
        'fill',
        'commitCap',
      ]);
      expect(rails.to('fill')[1]!.args).toEqual(['q2', 'h2']);
      expect(rails.to('commitCap')).toHaveLength(1);
      expect(output).toMatchObject({ status: 'purchased', rub: quoteFor(2).cost, coin: quoteFor(2).coin, capValue: capValueFor(2) });
    });
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(retailPurchase.root).sort();
      expect(machineFinals).toEqual(['frozen', 'purchased', 'rejected']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every named reason was reached by a test above', () => {
      expect([...reachedOutcomes].sort()).toEqual(
        [
          'purchased/',
          'rejected/kyc.incomplete',
          'rejected/investor.testNotPassed',
          'rejected/regime.notYetLawful:retailPurchases:2024-09-01',
          'rejected/exchange.noLiquidity',
          'rejected/exchange.outage:moscow',
          'rejected/cap.exceeded',
          'rejected/funds.insufficient',
          'rejected/hold.expired',
          'rejected/quote.expired',
          'frozen/sanctions.frozen:anna',
        ].sort(),
      );
    });

    it('every state carries a description', () => {
      for (const [name, node] of Object.entries(retailPurchase.root.states)) expect(node.description, name).toMatch(/\w{3,}/);
    });
  });
});
