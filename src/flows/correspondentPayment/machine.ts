// The baseline the pilot is measured against: the same payment sent the old way, through the
// payer's bank and a chain of correspondent banks. Its RUB leg is final at the debit, days pass
// before the beneficiary is credited, and a correspondent may refuse a sanctioned corridor and
// send the money back less a fee. The machine only decides; the rails act, through the ports it
// is given, and answer by events on the simulated clock. It needs no time-out of its own: every
// answer the rails give is bounded (settlement and rejection windows, clamped latencies), and a
// payment in the chain cannot be recalled, so there would be nothing for a time-out to do.

import { assign, setup } from 'xstate';
import type { Amount } from '../../money/index.js';
import type { PaymentSpec, PaymentStatus } from '../payment.js';
import { isPayment, type FlowModule } from '../flow.js';
import { correspondentBoundMs } from '../../rails/correspondent/correspondent.js';
import { CORRESPONDENT_REQUESTS, CorrespondentRails } from './rails.js';

export type CorrespondentEvent =
  | { type: 'SCREENING_PASSED' }
  | { type: 'SCREENING_BLOCKED'; party: string }
  /** `paid` = `principal` + `fees`; `at` is the simulated time of the debit. */
  | { type: 'FUNDS_DEBITED'; paid: Amount; principal: Amount; fees: Amount; fxSpread: Amount; at: number }
  | { type: 'FUNDS_INSUFFICIENT' }
  | { type: 'AMOUNT_ROUNDS_TO_ZERO' }
  | { type: 'REACHED_BENEFICIARY_BANK' }
  | { type: 'BENEFICIARY_CREDITED' }
  | { type: 'PAYMENT_FROZEN'; party: string }
  | { type: 'CORRESPONDENT_REJECTED' }
  | { type: 'RETURN_RECEIVED'; rub: Amount };

export type CorrespondentReply = (event: CorrespondentEvent) => void;

/** What the machine asks of the rails. Each request answers later with one of the events above. */
export interface CorrespondentPorts {
  /** SCREENING_PASSED, or SCREENING_BLOCKED naming the listed party. */
  screen(payment: PaymentSpec, reply: CorrespondentReply): void;
  /**
   * FUNDS_DEBITED with the price the bank charged; FUNDS_INSUFFICIENT, or AMOUNT_ROUNDS_TO_ZERO
   * when the principal is worth no minor unit of RUB (nothing moved either way).
   */
  debit(payment: PaymentSpec, reply: CorrespondentReply): void;
  /** Sends `principal` down the chain: REACHED_BENEFICIARY_BANK, or CORRESPONDENT_REJECTED. */
  forward(payment: PaymentSpec, principal: Amount, reply: CorrespondentReply): void;
  /**
   * The beneficiary's bank posts the payment to its customer: BENEFICIARY_CREDITED; or
   * PAYMENT_FROZEN when a party is listed at the moment of credit (the principal is frozen).
   */
  credit(payment: PaymentSpec, principal: Amount, reply: CorrespondentReply): void;
  /** The rejected principal comes back less the return fee: RETURN_RECEIVED with what the payer got. */
  returnFunds(payment: PaymentSpec, principal: Amount, reply: CorrespondentReply): void;
}

export interface CorrespondentInput {
  readonly payment: PaymentSpec;
  readonly ports: CorrespondentPorts;
}

export interface CorrespondentOutcome {
  readonly flow: 'correspondentPayment';
  readonly id: string;
  readonly status: PaymentStatus;
  /** Why it did not settle: `sanctions.blocked:<party>`, `funds.insufficient`, `correspondent.rejected`... */
  readonly reason: string | null;
  readonly payment: PaymentSpec;
  /** RUB debited from the payer in total: principal and fees. */
  readonly paid: Amount | null;
  readonly fees: Amount | null;
  /** The bank's FX spread over mid, inside the principal. */
  readonly fxSpread: Amount | null;
  /** Simulated ms of the debit, from which the RUB leg was irrevocable. */
  readonly paidAt: number | null;
  /** RUB returned to the payer after a rejection. */
  readonly refunded: Amount | null;
  /** RUB frozen by sanctions in flight. */
  readonly frozen: Amount | null;
}

export interface CorrespondentContext extends CorrespondentInput {
  paid?: Amount;
  principal?: Amount;
  fees?: Amount;
  fxSpread?: Amount;
  paidAt?: number;
  refunded?: Amount;
  frozen?: Amount;
  status?: PaymentStatus;
  reason?: string;
}

/** What each event means, in plain words, for `railpilot explain` and the docs. */
export const CORRESPONDENT_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The payer gives its bank the payment order.",
  SCREENING_PASSED: 'Neither the payer nor the beneficiary is on the sanctions list.',
  SCREENING_BLOCKED: 'A party is on the sanctions list, so the bank refuses the order before any money moves.',
  FUNDS_DEBITED: 'The bank debits the payer the principal at its FX rate plus fees; from here the RUB cannot be recalled.',
  FUNDS_INSUFFICIENT: 'The payer does not have the principal and fees the bank charges.',
  AMOUNT_ROUNDS_TO_ZERO: 'The principal is worth less than one minor unit of RUB at the bank\'s rate: there is nothing to send.',
  REACHED_BENEFICIARY_BANK: "The payment reaches the beneficiary's bank (Swift's in-flight leg ends); the bank has yet to post it to its customer.",
  BENEFICIARY_CREDITED: "The beneficiary's bank credits its customer's account in local currency.",
  PAYMENT_FROZEN: 'A party was listed while the money was between banks, so the principal is frozen.',
  CORRESPONDENT_REJECTED: 'A correspondent bank refuses the corridor and sends the payment back.',
  RETURN_RECEIVED: 'The returned principal reaches the payer, less the return fee the chain keeps.',
};

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const correspondentPayment = setup({
  types: {
    context: {} as CorrespondentContext,
    events: {} as CorrespondentEvent,
    input: {} as CorrespondentInput,
    output: {} as CorrespondentOutcome,
  },
  actions: {
    requestScreening: ({ context, self }) => context.ports.screen(context.payment, (e) => self.send(e)),
    requestDebit: ({ context, self }) => context.ports.debit(context.payment, (e) => self.send(e)),
    keepDebit: assign(({ event }) =>
      event.type === 'FUNDS_DEBITED'
        ? { paid: event.paid, principal: event.principal, fees: event.fees, fxSpread: event.fxSpread, paidAt: event.at }
        : {},
    ),
    requestForward: ({ context, self }) => context.ports.forward(context.payment, context.principal!, (e) => self.send(e)),
    requestCredit: ({ context, self }) => context.ports.credit(context.payment, context.principal!, (e) => self.send(e)),
    keepFrozen: assign(({ context, event }) =>
      event.type === 'PAYMENT_FROZEN' ? { frozen: context.principal, reason: `sanctions.frozen:${event.party}` } : {},
    ),
    requestReturn: ({ context, self }) => context.ports.returnFunds(context.payment, context.principal!, (e) => self.send(e)),
    keepRefund: assign(({ event }) => (event.type === 'RETURN_RECEIVED' ? { refunded: event.rub } : {})),
    setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
    setBlockedReason: assign(({ event }) => (event.type === 'SCREENING_BLOCKED' ? { reason: `sanctions.blocked:${event.party}` } : {})),
    finish: assign((_, params: { status: PaymentStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'correspondentPayment',
  context: ({ input }) => ({ ...input }),
  initial: 'screening',
  states: {
    screening: {
      description: "The sending bank checks payer and beneficiary against the sanctions list before any money moves.",
      entry: 'requestScreening',
      on: {
        SCREENING_PASSED: 'debiting',
        SCREENING_BLOCKED: { target: 'rejected', actions: 'setBlockedReason' },
      },
    },
    debiting: {
      description: "The bank prices the payment at its FX rate and debits the payer principal and fees in one go.",
      entry: 'requestDebit',
      on: {
        FUNDS_DEBITED: { target: 'inCorrespondentChain', actions: 'keepDebit' },
        FUNDS_INSUFFICIENT: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'funds.insufficient' } } },
        AMOUNT_ROUNDS_TO_ZERO: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'amount.roundsToZero' } } },
      },
    },
    inCorrespondentChain: {
      description: 'The principal travels from bank to bank for days; it cannot be recalled, only waited for.',
      entry: 'requestForward',
      on: {
        REACHED_BENEFICIARY_BANK: 'atBeneficiaryBank',
        CORRESPONDENT_REJECTED: { target: 'returning', actions: { type: 'setReason', params: { reason: 'correspondent.rejected' } } },
      },
    },
    atBeneficiaryBank: {
      description: "The money is at the beneficiary's bank, waiting for it to post the credit (checks, batches, opening hours).",
      entry: 'requestCredit',
      on: {
        BENEFICIARY_CREDITED: 'settled',
        PAYMENT_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
      },
    },
    returning: {
      description: 'A correspondent refused the payment; the principal travels back, less the return fee.',
      entry: 'requestReturn',
      on: {
        RETURN_RECEIVED: { target: 'refunded', actions: 'keepRefund' },
        // The payer listed while the money was away: the principal is frozen, not paid back.
        PAYMENT_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
      },
    },
    settled: {
      description: 'The beneficiary has been credited exactly the amount due.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    rejected: {
      description: 'Refused before any money moved; the reason says why.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
    refunded: {
      description: 'Returned: the payer got the principal back less the return fee; the fees stay with the banks.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'refunded' } },
    },
    frozen: {
      description: "Stopped by sanctions in flight: the principal sits in the frozen account; the payer's RUB are gone.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'frozen' } },
    },
  },
  output: ({ context }) => ({
    flow: 'correspondentPayment' as const,
    id: context.payment.id,
    status: context.status!,
    reason: context.reason ?? null,
    payment: context.payment,
    paid: context.paid ?? null,
    fees: context.fees ?? null,
    fxSpread: context.fxSpread ?? null,
    paidAt: context.paidAt ?? null,
    refunded: context.refunded ?? null,
    frozen: context.frozen ?? null,
  }),
});

/** The correspondent-banking baseline: this machine, on the rails of correspondentRails.ts. */
export const correspondentPaymentFlow: FlowModule<CorrespondentRails, typeof correspondentPayment> = {
  machine: correspondentPayment,
  summary: "The baseline the pilot bypasses: the payer's bank sends RUB through a chain of correspondent banks, over days, with fees and the risk of a rejection.",
  eventMeanings: CORRESPONDENT_EVENT_MEANINGS,
  requests: CORRESPONDENT_REQUESTS,
  bound: (p) => correspondentBoundMs(p.correspondent, p),
  ports: (s) => {
    if (!s.correspondent) return undefined;
    const fx = s.fx;
    return new CorrespondentRails({
      queue: s.queue,
      ledger: s.ledger,
      messenger: s.messenger('correspondent-latency'),
      sanctions: s.sanctions,
      params: s.correspondent,
      draws: s.streams.stream('correspondent'),
      rubPerLocal: (currency, t) => {
        const path = fx.get(`${currency}/RUB`);
        if (!path) throw new Error(`no fx ${currency}/RUB for a correspondent payment (the schema should have asked for it)`);
        return path.at(t);
      },
      screeningMs: s.latencies.screeningMs,
      bankMs: s.latencies.bankMs,
    });
  },
  carries: (w) => isPayment(w) && w.rail === 'correspondent',
  input: (w, ports) => ({ payment: w, ports }),
};
