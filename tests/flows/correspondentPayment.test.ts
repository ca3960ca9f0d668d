// The correspondent payment machine on its own: the banks are a scripted fake of its ports whose
// answers arrive as events on the simulated clock, so the machine's decisions are seen apart
// from any ledger or price.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import {
  CORRESPONDENT_EVENT_MEANINGS,
  correspondentPayment,
  type CorrespondentEvent,
  type CorrespondentOutcome,
  type CorrespondentPorts,
  type CorrespondentReply,
} from '../../src/flows/correspondentPayment/index.js';
import type { PaymentSpec } from '../../src/flows/payment.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset, type Amount } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const T0 = Date.UTC(2024, 9, 1, 9);
const DAY = 86_400_000;

const payer: Participant = { id: 'acme' as ParticipantId, kind: 'company', country: 'RU', bank: 'sber' };
const payee: Participant = { id: 'wei-trading' as ParticipantId, kind: 'company', country: 'CN' };
const PAYMENT: PaymentSpec = {
  id: 'pay-1',
  payer,
  payee,
  amount: amountOf(CNY, 10_000_000n),
  rail: 'correspondent',
  settlement: 'sequential',
  coin: 'USDT',
  chain: 'tron',
  initiatedAt: T0,
};

/** The bank's price for the payment, as its rails would answer it. */
const PRINCIPAL = amountOf(RUB, 129_280_000n);
const FEES = amountOf(RUB, 343_920n);
const PAID = amountOf(RUB, 129_623_920n);
const SPREAD = amountOf(RUB, 1_280_000n);
const BACK = amountOf(RUB, 128_780_000n);

/** Latencies of the fake banks, in simulated ms. */
const LAT = { screen: 100, debit: 150, settle: 2 * DAY, post: DAY / 4, reject: DAY / 2, back: 3_000 };

interface Script {
  screen(): CorrespondentEvent;
  debit(now: number): CorrespondentEvent;
  forward(): { after: number; event: CorrespondentEvent };
  credit(): CorrespondentEvent;
}

const HAPPY: Script = {
  screen: () => ({ type: 'SCREENING_PASSED' }),
  debit: (now) => ({ type: 'FUNDS_DEBITED', paid: PAID, principal: PRINCIPAL, fees: FEES, fxSpread: SPREAD, at: now }),
  forward: () => ({ after: LAT.settle, event: { type: 'REACHED_BENEFICIARY_BANK' } }),
  credit: () => ({ type: 'BENEFICIARY_CREDITED' }),
};

interface Call {
  readonly port: keyof CorrespondentPorts;
  readonly at: number;
  readonly args: readonly unknown[];
}

/** A scripted stand-in for the banks: records every request, answers on the queue after a latency. */
class FakeBanks implements CorrespondentPorts {
  readonly calls: Call[] = [];

  constructor(
    private readonly queue: EventQueue,
    private readonly script: Script,
  ) {}

  private log(port: keyof CorrespondentPorts, ...args: unknown[]): void {
    this.calls.push({ port, at: this.queue.now, args });
  }

  screen(p: PaymentSpec, reply: CorrespondentReply): void {
    this.log('screen', p.id);
    const event = this.script.screen();
    this.queue.after(LAT.screen, () => reply(event));
  }

  debit(p: PaymentSpec, reply: CorrespondentReply): void {
    this.log('debit', p.id);
    // the bank books the debit when the message reaches it, and says when
    this.queue.after(LAT.debit, () => reply(this.script.debit(this.queue.now)));
  }

  forward(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    this.log('forward', principal);
    const { after, event } = this.script.forward();
    this.queue.after(after, () => reply(event));
  }

  credit(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    this.log('credit', principal);
    const event = this.script.credit();
    this.queue.after(LAT.post, () => reply(event));
  }

  returnFunds(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    this.log('returnFunds', principal);
    this.queue.after(LAT.back, () => reply({ type: 'RETURN_RECEIVED', rub: BACK }));
  }

  get ports(): string[] {
    return this.calls.map((c) => c.port);
  }

  to(port: keyof CorrespondentPorts): Call[] {
    return this.calls.filter((c) => c.port === port);
  }
}

const reachedFinals = new Set<string>();
const reachedOutcomes = new Set<string>();

function run(script: Partial<Script> = {}) {
  const queue = new EventQueue(T0);
  const banks = new FakeBanks(queue, { ...HAPPY, ...script });
  const { output, finalState, doneAt } = runToEnd<CorrespondentOutcome>(correspondentPayment, { payment: PAYMENT, ports: banks }, queue);
  reachedFinals.add(finalState);
  reachedOutcomes.add(`${output.status}/${output.reason ?? ''}`);
  return { banks, output, finalState, doneAt };
}

const DEBITED_AT = T0 + LAT.screen + LAT.debit;

describe('correspondentPayment', () => {
  it("settled: screens, debits, forwards the principal down the chain, waits at the beneficiary's bank and ends when the customer is credited", () => {
    const { banks, output, finalState, doneAt } = run();
    expect(finalState).toBe('settled');
    expect(banks.ports).toEqual(['screen', 'debit', 'forward', 'credit']);
    expect(banks.to('forward')[0]!.args).toEqual([PRINCIPAL]);
    expect(banks.calls.map((c) => c.at)).toEqual([T0, T0 + LAT.screen, DEBITED_AT, DEBITED_AT + LAT.settle]);
    expect(output).toEqual({
      flow: 'correspondentPayment',
      id: 'pay-1',
      status: 'settled',
      reason: null,
      payment: PAYMENT,
      paid: PAID,
      fees: FEES,
      fxSpread: SPREAD,
      paidAt: DEBITED_AT,
      refunded: null,
      frozen: null,
    });
    expect(doneAt).toBe(DEBITED_AT + LAT.settle + LAT.post);
  });

  describe('rejected', () => {
    it.each([['wei-trading'], ['acme']])('sanctions.blocked:%s when screening finds that party listed; nothing is debited', (party) => {
      const { banks, output, finalState, doneAt } = run({ screen: () => ({ type: 'SCREENING_BLOCKED', party }) });
      expect(finalState).toBe('rejected');
      expect(banks.ports).toEqual(['screen']);
      expect(output).toEqual({
        flow: 'correspondentPayment',
        id: 'pay-1',
        status: 'rejected',
        reason: `sanctions.blocked:${party}`,
        payment: PAYMENT,
        paid: null,
        fees: null,
        fxSpread: null,
        paidAt: null,
        refunded: null,
        frozen: null,
      });
      expect(doneAt).toBe(T0 + LAT.screen);
    });

    it('funds.insufficient when the bank cannot debit the price; nothing is forwarded', () => {
      const { banks, output, finalState } = run({ debit: () => ({ type: 'FUNDS_INSUFFICIENT' }) });
      expect(finalState).toBe('rejected');
      expect(banks.ports).toEqual(['screen', 'debit']);
      expect(output).toMatchObject({ status: 'rejected', reason: 'funds.insufficient', paid: null, fees: null, fxSpread: null, paidAt: null });
    });
  });

  it('refunded: a correspondent rejects, the principal is asked back and what the payer got is reported', () => {
    const { banks, output, finalState, doneAt } = run({ forward: () => ({ after: LAT.reject, event: { type: 'CORRESPONDENT_REJECTED' } }) });
    expect(finalState).toBe('refunded');
    expect(banks.ports).toEqual(['screen', 'debit', 'forward', 'returnFunds']);
    const ret = banks.to('returnFunds')[0]!;
    expect(ret.args).toEqual([PRINCIPAL]);
    expect(ret.at).toBe(DEBITED_AT + LAT.reject);
    expect(output).toEqual({
      flow: 'correspondentPayment',
      id: 'pay-1',
      status: 'refunded',
      reason: 'correspondent.rejected',
      payment: PAYMENT,
      paid: PAID,
      fees: FEES,
      fxSpread: SPREAD,
      paidAt: DEBITED_AT,
      refunded: BACK,
      frozen: null,
    });
    expect(doneAt).toBe(DEBITED_AT + LAT.reject + LAT.back);
  });

  it("frozen: a party listed while in the chain, found when the beneficiary's bank credits; the principal is frozen, nothing returned", () => {
    const { banks, output, finalState } = run({ credit: () => ({ type: 'PAYMENT_FROZEN', party: 'wei-trading' }) });
    expect(finalState).toBe('frozen');
    expect(banks.ports).toEqual(['screen', 'debit', 'forward', 'credit']);
    expect(output).toEqual({
      flow: 'correspondentPayment',
      id: 'pay-1',
      status: 'frozen',
      reason: 'sanctions.frozen:wei-trading',
      payment: PAYMENT,
      paid: PAID,
      fees: FEES,
      fxSpread: SPREAD,
      paidAt: DEBITED_AT,
      refunded: null,
      frozen: PRINCIPAL,
    });
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(correspondentPayment.root).sort();
      expect(machineFinals).toEqual(['frozen', 'refunded', 'rejected', 'settled']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every named reason was reached by a test above', () => {
      expect([...reachedOutcomes].sort()).toEqual(
        [
          'settled/',
          'rejected/sanctions.blocked:wei-trading',
          'rejected/sanctions.blocked:acme',
          'rejected/funds.insufficient',
          'refunded/correspondent.rejected',
          'frozen/sanctions.frozen:wei-trading',
        ].sort(),
      );
    });

    it('every state has a description and every event it handles has a meaning', () => {
      const handled = new Set<string>();
      for (const state of Object.values(correspondentPayment.root.states)) {
        expect(state.description, state.key).toBeTruthy();
        for (const event of Object.keys(state.config.on ?? {})) handled.add(event);
      }
      expect([...handled].sort()).toEqual(Object.keys(CORRESPONDENT_EVENT_MEANINGS).filter((e) => e !== 'INIT').sort());
    });
  });
});
