// The receipt machine on its own: a foreign buyer pays a Russian exporter in a coin. The rails are
// a scripted fake of its ports whose answers arrive as events on the simulated clock, so the
// inclusion time-out and the replies share one queue.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateNode } from 'xstate';
import {
  RECEIPT_EVENT_MEANINGS,
  crossBorderReceipt,
  type ReceiptEvent,
  type ReceiptOutcome,
  type ReceiptPorts,
  type ReceiptReply,
} from '../../src/flows/crossBorderReceipt/index.js';
import type { PaymentSpec } from '../../src/flows/payment.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import { EventQueue, type TimerId } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const T0 = Date.UTC(2024, 9, 1, 9);

const buyer: Participant = { id: 'mumbai-traders' as ParticipantId, kind: 'company', country: 'IN' };
const exporter: Participant = { id: 'ural-steel' as ParticipantId, kind: 'company', country: 'RU', bank: 'sber' };
/** The invoice is in the coin: 10,000 USDT. */
const PAYMENT: PaymentSpec = {
  id: 'rcpt-1',
  payer: buyer,
  payee: exporter,
  amount: amountOf(USDT, 10_000_000_000n),
  rail: 'pilot',
  settlement: 'sequential',
  coin: 'USDT',
  chain: 'tron',
  initiatedAt: T0,
};

const FEE = amountOf(USDT, 1_700_000n);
/** 10,000 USDT at the bid 92.26875 (mid 92.50 less half a 50 bps spread). */
const RUB_CREDITED = amountOf(RUB, 92_268_750n);
const SALE_MID = new Dec('92.5');

/** Latencies of the fake rails, in simulated ms. */
const LAT = { screen: 100, insufficient: 20, drop: 0, arrival: 120, sell: 250 };
const TIMEOUT = 120_000;

interface Script {
  screen(): ReceiptEvent;
  /** When the transfer is in a block and final, after it was sent; or the buyer cannot pay. */
  chain: { includedAfter: number; confirmedAfter: number } | 'insufficient';
  arrival(): ReceiptEvent;
  /** `now` is when the answer arrives. */
  sell(now: number): ReceiptEvent;
}

const HAPPY: Script = {
  screen: () => ({ type: 'SCREENING_PASSED' }),
  chain: { includedAfter: 3_000, confirmedAfter: 60_000 },
  arrival: () => ({ type: 'ARRIVAL_CLEARED' }),
  sell: (now) => ({ type: 'COIN_SOLD', rub: RUB_CREDITED, mid: SALE_MID, at: now }),
};

interface Call {
  readonly port: keyof ReceiptPorts;
  readonly at: number;
  readonly args: readonly unknown[];
}

/** A scripted stand-in for the rails: records every request, answers on the queue after a latency. */
class FakeRails implements ReceiptPorts {
  readonly calls: Call[] = [];
  private txs = 0;
  private outbound: string | undefined;
  private readonly chainTimers = new Map<string, TimerId[]>();
  private readonly included = new Set<string>();

  constructor(
    private readonly queue: EventQueue,
    private readonly script: Script,
  ) {}

  private log(port: keyof ReceiptPorts, ...args: unknown[]): void {
    this.calls.push({ port, at: this.queue.now, args });
  }

  screen(p: PaymentSpec, reply: ReceiptReply): void {
    this.log('screen', p.id);
    const event = this.script.screen();
    this.queue.after(LAT.screen, () => reply(event));
  }

  sendOnChain(p: PaymentSpec, reply: ReceiptReply): void {
    this.log('sendOnChain', p.id);
    const chain = this.script.chain;
    if (chain === 'insufficient') {
      this.queue.after(LAT.insufficient, () => reply({ type: 'FUNDS_INSUFFICIENT' }));
      return;
    }
    const id = `tron-tx${++this.txs}`;
    this.outbound = id;
    this.chainTimers.set(id, [
      this.queue.after(chain.includedAfter, () => {
        this.included.add(id);
        reply({ type: 'CHAIN_TX_INCLUDED', fee: FEE });
      }),
      this.queue.after(chain.confirmedAfter, () => reply({ type: 'CHAIN_TX_CONFIRMED' })),
    ]);
  }

  dropTransfer(p: PaymentSpec, reply: ReceiptReply): void {
    const txId = this.outbound!;
    this.log('dropTransfer', txId);
    // as the real chain: a transfer in a block cannot be dropped
    if (this.included.has(txId) || !this.chainTimers.has(txId)) throw new Error(`${txId} cannot be dropped`);
    for (const t of this.chainTimers.get(txId)!) this.queue.cancel(t);
    this.chainTimers.delete(txId);
    this.queue.after(LAT.drop, () => reply({ type: 'CHAIN_TX_DROPPED' }));
  }

  screenArrival(p: PaymentSpec, reply: ReceiptReply): void {
    this.log('screenArrival', p.id);
    const event = this.script.arrival();
    this.queue.after(LAT.arrival, () => reply(event));
  }

  sell(p: PaymentSpec, reply: ReceiptReply): void {
    this.log('sell', p.id);
    this.queue.after(LAT.sell, () => reply(this.script.sell(this.queue.now)));
  }

  get ports(): string[] {
    return this.calls.map((c) => c.port);
  }

  to(port: keyof ReceiptPorts): Call[] {
    return this.calls.filter((c) => c.port === port);
  }
}

const reachedFinals = new Set<string>();
const reachedOutcomes = new Set<string>();

function run(script: Partial<Script> = {}, inclusionTimeoutMs = TIMEOUT) {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const { output, finalState, doneAt } = runToEnd<ReceiptOutcome>(crossBorderReceipt, { payment: PAYMENT, ports: rails, inclusionTimeoutMs }, queue);
  reachedFinals.add(finalState);
  reachedOutcomes.add(`${finalState}/${output.status}/${output.reason ?? ''}`);
  return { rails, output, finalState, doneAt };
}

/** Every state value the machine takes, in order (a nested state as `parent.child`). */
function statesVisited(script: Partial<Script> = {}): string[] {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const actor = createActor(crossBorderReceipt, { input: { payment: PAYMENT, ports: rails, inclusionTimeoutMs: TIMEOUT }, clock: queue.clock });
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

/** The outcome of a receipt refused before any coin moved. */
function rejectedBeforeCoin(reason: string): ReceiptOutcome {
  return { flow: 'crossBorderReceipt', id: 'rcpt-1', status: 'rejected', reason, payment: PAYMENT, chainFee: null, rub: null, saleMid: null, soldAt: null, frozen: null };
}

const SENT_AT = T0 + LAT.screen;
const CONFIRMED_AT = SENT_AT + 60_000;

describe('crossBorderReceipt', () => {
  it('settled: screens, takes the coin on chain, screens it on arrival, sells it and reports the RUB credited', () => {
    const { rails, output, finalState, doneAt } = run();
    expect(finalState).toBe('settled');
    expect(rails.ports).toEqual(['screen', 'sendOnChain', 'screenArrival', 'sell']);
    expect(rails.calls.map((c) => c.at)).toEqual([T0, SENT_AT, CONFIRMED_AT, CONFIRMED_AT + LAT.arrival]);
    const soldAt = CONFIRMED_AT + LAT.arrival + LAT.sell;
    expect(doneAt).toBe(soldAt);
    expect(output).toEqual({
      flow: 'crossBorderReceipt',
      id: 'rcpt-1',
      status: 'settled',
      reason: null,
      payment: PAYMENT,
      chainFee: FEE,
      rub: RUB_CREDITED,
      saleMid: SALE_MID,
      soldAt,
      frozen: null,
    });
    expect(output.rub!.asset.code).toBe('RUB');
  });

  it('passes through every step of the way in order, a nested state as parent.child', () => {
    expect(statesVisited()).toEqual([
      'screening',
      'transferringOnChain.awaitingInclusion',
      'transferringOnChain.awaitingConfirmations',
      'screeningArrival',
      'selling',
      'settled',
    ]);
  });

  it('keptInCoin: the exchange refuses the coin; it counts as settled (paid in coin) with the reason, no RUB', () => {
    const { rails, output, finalState } = run({ sell: () => ({ type: 'SALE_REFUSED', reason: 'exchange.noLiquidity' }) });
    expect(finalState).toBe('keptInCoin');
    expect(rails.ports).toEqual(['screen', 'sendOnChain', 'screenArrival', 'sell']);
    expect(output).toEqual({
      flow: 'crossBorderReceipt',
      id: 'rcpt-1',
      status: 'settled',
      reason: 'exchange.noLiquidity',
      payment: PAYMENT,
      chainFee: FEE,
      rub: null,
      saleMid: null,
      soldAt: null,
      frozen: null,
    });
  });

  describe('rejected', () => {
    it('the regime reason when the law does not allow the payment on its day; nothing else is asked', () => {
      const reason = 'regime.notYetLawful:crossBorderPayments:2024-09-01';
      const { rails, output, finalState, doneAt } = run({ screen: () => ({ type: 'PAYMENT_UNLAWFUL', reason }) });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual(['screen']);
      expect(output).toEqual(rejectedBeforeCoin(reason));
      expect(doneAt).toBe(T0 + LAT.screen);
    });

    it.each([['mumbai-traders'], ['ural-steel']])('sanctions.blocked:%s when screening finds that party listed; no coin moves', (party) => {
      const { rails, output, finalState } = run({ screen: () => ({ type: 'SCREENING_BLOCKED', party }) });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual(['screen']);
      expect(output).toEqual(rejectedBeforeCoin(`sanctions.blocked:${party}`));
    });

    it('funds.insufficient when the buyer does not hold the coin and fee; the inclusion time-out is cancelled', () => {
      const { rails, output, finalState, doneAt } = run({ chain: 'insufficient' });
      expect(finalState).toBe('rejected');
      expect(rails.ports).toEqual(['screen', 'sendOnChain']);
      expect(output).toEqual(rejectedBeforeCoin('funds.insufficient'));
      // runToEnd also checks that the queue is empty: the machine's own timer did not outlive it
      expect(doneAt).toBe(SENT_AT + LAT.insufficient);
    });
  });

  describe('refunded', () => {
    it('chain.notIncluded: no block before the time-out, so the transfer is dropped at exactly sent + inclusionTimeoutMs', () => {
      const { rails, output, finalState, doneAt } = run({ chain: { includedAfter: 600_000, confirmedAfter: 660_000 } });
      expect(finalState).toBe('refunded');
      expect(rails.ports).toEqual(['screen', 'sendOnChain', 'dropTransfer']);
      const drop = rails.to('dropTransfer')[0]!;
      expect(drop.at).toBe(SENT_AT + TIMEOUT);
      expect(drop.args).toEqual(['tron-tx1']);
      expect(doneAt).toBe(SENT_AT + TIMEOUT + LAT.drop);
      expect(output).toEqual({
        flow: 'crossBorderReceipt',
        id: 'rcpt-1',
        status: 'refunded',
        reason: 'chain.notIncluded',
        payment: PAYMENT,
        chainFee: null, // dropped before any block: no fee was paid
        rub: null,
        saleMid: null,
        soldAt: null,
        frozen: null,
      });
    });

    it('the time-out follows the input given', () => {
      const { rails, finalState } = run({ chain: { includedAfter: 600_000, confirmedAfter: 660_000 } }, 5_000);
      expect(finalState).toBe('refunded');
      expect(rails.to('dropTransfer')[0]!.at).toBe(SENT_AT + 5_000);
    });
  });

  describe('not dropped once in a block', () => {
    it('included just before the time-out, final long after it: leaving awaitingInclusion cancelled the timer', () => {
      // the fake throws if asked to drop an included transfer; confirmation comes after the time-out would have fired
      const { rails, output, finalState, doneAt } = run({ chain: { includedAfter: TIMEOUT - 1, confirmedAfter: 3 * TIMEOUT } });
      expect(finalState).toBe('settled');
      expect(rails.to('dropTransfer')).toEqual([]);
      expect(rails.ports).toEqual(['screen', 'sendOnChain', 'screenArrival', 'sell']);
      expect(rails.to('screenArrival')[0]!.at).toBe(SENT_AT + 3 * TIMEOUT);
      expect(output).toMatchObject({ status: 'settled', reason: null, chainFee: FEE, rub: RUB_CREDITED });
      expect(doneAt).toBe(SENT_AT + 3 * TIMEOUT + LAT.arrival + LAT.sell);
    });

    it('sitting in awaitingConfirmations past the time-out never returns to droppingTransfer', () => {
      const seen = statesVisited({ chain: { includedAfter: 1_000, confirmedAfter: 10 * TIMEOUT } });
      expect(seen).not.toContain('transferringOnChain.droppingTransfer');
      expect(seen.at(-1)).toBe('settled');
    });
  });

  describe('frozen', () => {
    it.each([['mumbai-traders'], ['ural-steel']])('sanctions.frozen:%s: listed while the coin travelled; the whole invoice is frozen, nothing sold', (party) => {
      const { rails, output, finalState, doneAt } = run({ arrival: () => ({ type: 'ARRIVAL_FROZEN', party }) });
      expect(finalState).toBe('frozen');
      expect(rails.ports).toEqual(['screen', 'sendOnChain', 'screenArrival']);
      expect(doneAt).toBe(CONFIRMED_AT + LAT.arrival);
      expect(output).toEqual({
        flow: 'crossBorderReceipt',
        id: 'rcpt-1',
        status: 'frozen',
        reason: `sanctions.frozen:${party}`,
        payment: PAYMENT,
        chainFee: FEE,
        rub: null,
        saleMid: null,
        soldAt: null,
        frozen: PAYMENT.amount,
      });
    });
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(crossBorderReceipt.root).sort();
      expect(machineFinals).toEqual(['frozen', 'keptInCoin', 'refunded', 'rejected', 'settled']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every final state, status and reason combination was reached by a test above', () => {
      expect([...reachedOutcomes].sort()).toEqual(
        [
          'settled/settled/',
          'keptInCoin/settled/exchange.noLiquidity',
          'rejected/rejected/regime.notYetLawful:crossBorderPayments:2024-09-01',
          'rejected/rejected/sanctions.blocked:mumbai-traders',
          'rejected/rejected/sanctions.blocked:ural-steel',
          'rejected/rejected/funds.insufficient',
          'refunded/refunded/chain.notIncluded',
          'frozen/frozen/sanctions.frozen:mumbai-traders',
          'frozen/frozen/sanctions.frozen:ural-steel',
        ].sort(),
      );
    });

    it('every state, nested ones included, has a description and every event handled has a meaning', () => {
      const handled = new Set<string>();
      const visit = (node: AnyStateNode): void => {
        for (const state of Object.values(node.states)) {
          expect(state.description, state.path.join('.')).toBeTruthy();
          for (const event of Object.keys(state.config.on ?? {})) handled.add(event);
          visit(state);
        }
      };
      visit(crossBorderReceipt.root);
      expect([...handled].sort()).toEqual(Object.keys(RECEIPT_EVENT_MEANINGS).filter((e) => e !== 'INIT').sort());
    });
  });
});
