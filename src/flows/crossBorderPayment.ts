// The cross-border payment: a Russian payer's RUB becomes a stablecoin through the NPCS gateway,
// crosses a chain, and a foreign off-ramp pays the beneficiary in local currency. Every state a
// payment can be in is a state here; every way it can end is a final state with a named reason.
// The machine only decides; the rails act, through the ports it is given, and answer by events
// on the simulated clock.

import { assign, setup } from 'xstate';
import type { Amount } from '../money/index.js';
import type { Quote } from '../rails/exchange/exchange.js';
import type { PaymentOutcome, PaymentSpec, PaymentStatus } from './payment.js';

export type CrossBorderEvent =
  | { type: 'SCREENING_PASSED' }
  | { type: 'PAYMENT_UNLAWFUL'; reason: string }
  | { type: 'SCREENING_BLOCKED'; party: string }
  | { type: 'QUOTE_RECEIVED'; quote: Quote; deliver: Amount; fee: Amount }
  | { type: 'QUOTE_UNAVAILABLE' }
  | { type: 'FUNDS_HELD'; holdId: string }
  | { type: 'FUNDS_INSUFFICIENT' }
  | { type: 'CONVERSION_FILLED'; coin: Amount; paid: Amount }
  | { type: 'QUOTE_EXPIRED' }
  | { type: 'CONVERSION_FAILED'; reason: 'exchange.noLiquidity' | 'hold.expired' }
  | { type: 'CHAIN_TX_INCLUDED' }
  | { type: 'CHAIN_TX_CONFIRMED' }
  | { type: 'CHAIN_TX_DROPPED' }
  | { type: 'RETURN_RECEIVED'; coin: Amount }
  | { type: 'PAYOUT_COMPLETED' }
  | { type: 'PAYOUT_FAILED'; reason: string }
  | { type: 'PAYOUT_FROZEN'; party: string }
  | { type: 'SOLD_BACK'; rub: Amount };

export type Reply = (event: CrossBorderEvent) => void;

/** What the machine asks of the rails. Each request answers later with one of the events above. */
export interface CrossBorderPorts {
  /**
   * SCREENING_PASSED; PAYMENT_UNLAWFUL naming the rule of the regime that forbids it on this day;
   * or SCREENING_BLOCKED naming the listed party.
   */
  screen(payment: PaymentSpec, reply: Reply): void;
  /** QUOTE_RECEIVED for the coin the payout and the chain fee need, or QUOTE_UNAVAILABLE. */
  requestQuote(payment: PaymentSpec, reply: Reply): void;
  /** FUNDS_HELD or FUNDS_INSUFFICIENT. */
  holdFunds(payment: PaymentSpec, amount: Amount, reply: Reply): void;
  voidHold(payment: PaymentSpec, holdId: string): void;
  /** CONVERSION_FILLED, QUOTE_EXPIRED or CONVERSION_FAILED. */
  convert(payment: PaymentSpec, quote: Quote, holdId: string, reply: Reply): void;
  /** CHAIN_TX_INCLUDED then CHAIN_TX_CONFIRMED. */
  sendOnChain(payment: PaymentSpec, coin: Amount, reply: Reply): void;
  /** CHAIN_TX_DROPPED: the payment's transfer left the mempool and the coin is back in custody. */
  dropTransfer(payment: PaymentSpec, reply: Reply): void;
  /**
   * PAYOUT_COMPLETED; PAYOUT_FROZEN when the off-ramp's screening finds a party listed since the
   * payment began (the coin is moved to the frozen account); or PAYOUT_FAILED.
   */
  payout(payment: PaymentSpec, coin: Amount, reply: Reply): void;
  /** The off-ramp sends the coin back to custody, less the chain fee: RETURN_RECEIVED with what arrived. */
  returnOnChain(payment: PaymentSpec, coin: Amount, reply: Reply): void;
  /** SOLD_BACK with the RUB credited to the payer. */
  sellBack(payment: PaymentSpec, coin: Amount, reply: Reply): void;
}

export interface CrossBorderLimits {
  /** Quotes tried before the payment is rejected for expired quotes. */
  readonly maxQuoteAttempts: number;
  /** How long a transfer may wait for a block before it is dropped and the payment unwound. */
  readonly inclusionTimeoutMs: number;
}

export interface CrossBorderInput {
  readonly payment: PaymentSpec;
  readonly ports: CrossBorderPorts;
  readonly limits: CrossBorderLimits;
}

interface CrossBorderContext extends CrossBorderInput {
  quoteAttempts: number;
  quote?: Quote;
  /** Coin the off-ramp must receive to pay the beneficiary exactly. */
  deliver?: Amount;
  chainFee?: Amount;
  holdId?: string;
  paid?: Amount;
  bought?: Amount;
  /** Coin back in custody after an unwind's return transfer. */
  returned?: Amount;
  /** The outbound transfer made it into a block, so its fee was paid. */
  included?: boolean;
  refunded?: Amount;
  frozen?: Amount;
  status?: PaymentStatus;
  reason?: string;
}

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const crossBorderPayment = setup({
  types: {
    context: {} as CrossBorderContext,
    events: {} as CrossBorderEvent,
    input: {} as CrossBorderInput,
    output: {} as PaymentOutcome,
  },
  delays: {
    inclusionTimeout: ({ context }) => context.limits.inclusionTimeoutMs,
  },
  guards: {
    mayRequote: ({ context }) => context.quoteAttempts < context.limits.maxQuoteAttempts,
    holdAlreadyExpired: ({ event }) => event.type === 'CONVERSION_FAILED' && event.reason === 'hold.expired',
  },
  actions: {
    requestScreening: ({ context, self }) => context.ports.screen(context.payment, (e) => self.send(e)),
    requestQuote: ({ context, self }) => context.ports.requestQuote(context.payment, (e) => self.send(e)),
    keepQuote: assign(({ context, event }) => {
      if (event.type !== 'QUOTE_RECEIVED') return {};
      return { quote: event.quote, deliver: event.deliver, chainFee: event.fee, quoteAttempts: context.quoteAttempts + 1 };
    }),
    requestHold: ({ context, self }) => context.ports.holdFunds(context.payment, context.quote!.cost, (e) => self.send(e)),
    keepHold: assign(({ event }) => (event.type === 'FUNDS_HELD' ? { holdId: event.holdId } : {})),
    voidHold: ({ context }) => context.ports.voidHold(context.payment, context.holdId!),
    requestConversion: ({ context, self }) =>
      context.ports.convert(context.payment, context.quote!, context.holdId!, (e) => self.send(e)),
    keepFill: assign(({ event }) => (event.type === 'CONVERSION_FILLED' ? { bought: event.coin, paid: event.paid, holdId: undefined } : {})),
    submitTransfer: ({ context, self }) => context.ports.sendOnChain(context.payment, context.deliver!, (e) => self.send(e)),
    markIncluded: assign({ included: true }),
    requestDrop: ({ context, self }) => context.ports.dropTransfer(context.payment, (e) => self.send(e)),
    keepFrozen: assign(({ context, event }) =>
      event.type === 'PAYOUT_FROZEN' ? { frozen: context.deliver, reason: `sanctions.frozen:${event.party}` } : {},
    ),
    requestPayout: ({ context, self }) => context.ports.payout(context.payment, context.deliver!, (e) => self.send(e)),
    submitReturn: ({ context, self }) => context.ports.returnOnChain(context.payment, context.deliver!, (e) => self.send(e)),
    keepReturned: assign(({ event }) => (event.type === 'RETURN_RECEIVED' ? { returned: event.coin } : {})),
    requestSellBack: ({ context, self }) => {
      // Whatever is in custody for this payment: all of it after a drop, the return after a payout failure.
      const coin = context.returned ?? context.bought!;
      context.ports.sellBack(context.payment, coin, (e) => self.send(e));
    },
    keepRefund: assign(({ event }) => (event.type === 'SOLD_BACK' ? { refunded: event.rub } : {})),
    setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
    setBlockedReason: assign(({ event }) => (event.type === 'SCREENING_BLOCKED' ? { reason: `sanctions.blocked:${event.party}` } : {})),
    setFailureReason: assign(({ event }) =>
      event.type === 'CONVERSION_FAILED' || event.type === 'PAYOUT_FAILED' || event.type === 'PAYMENT_UNLAWFUL' ? { reason: event.reason } : {},
    ),
    finish: assign((_, params: { status: PaymentStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'crossBorderPayment',
  context: ({ input }) => ({ ...input, quoteAttempts: 0 }),
  initial: 'screening',
  states: {
    screening: {
      description: 'Compliance checks that the law allows the payment on this day, then payer and beneficiary against the sanctions list, before any money moves.',
      entry: 'requestScreening',
      on: {
        SCREENING_PASSED: 'quoting',
        PAYMENT_UNLAWFUL: { target: 'rejected', actions: 'setFailureReason' },
        SCREENING_BLOCKED: { target: 'rejected', actions: 'setBlockedReason' },
      },
    },
    quoting: {
      description: 'NPCS asks the exchange for a price on the coin the payout and the chain fee need.',
      entry: 'requestQuote',
      on: {
        QUOTE_RECEIVED: { target: 'holdingFunds', actions: 'keepQuote' },
        QUOTE_UNAVAILABLE: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'exchange.noLiquidity' } } },
      },
    },
    holdingFunds: {
      description: "The payer's bank places a two-phase hold on the quoted RUB cost.",
      entry: 'requestHold',
      on: {
        FUNDS_HELD: { target: 'converting', actions: 'keepHold' },
        FUNDS_INSUFFICIENT: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'funds.insufficient' } } },
      },
    },
    converting: {
      description: 'The exchange fills the quote: the hold is posted to it and the coin lands in custody.',
      entry: 'requestConversion',
      on: {
        CONVERSION_FILLED: { target: 'transferringOnChain', actions: 'keepFill' },
        QUOTE_EXPIRED: [
          { guard: 'mayRequote', target: 'quoting', actions: 'voidHold' },
          { target: 'rejected', actions: ['voidHold', { type: 'setReason', params: { reason: 'quote.expired' } }] },
        ],
        CONVERSION_FAILED: [
          // An expired hold has already returned the funds; there is nothing left to void.
          { guard: 'holdAlreadyExpired', target: 'rejected', actions: 'setFailureReason' },
          { target: 'rejected', actions: ['voidHold', 'setFailureReason'] },
        ],
      },
    },
    transferringOnChain: {
      description: 'The coin travels to the off-ramp; the sender pays the chain fee on inclusion.',
      entry: 'submitTransfer',
      initial: 'awaitingInclusion',
      states: {
        awaitingInclusion: {
          description: 'Waiting for a block; a halted or congested chain can keep it here until the time-out.',
          on: { CHAIN_TX_INCLUDED: { target: 'awaitingConfirmations', actions: 'markIncluded' } },
          after: { inclusionTimeout: 'droppingTransfer' },
        },
        droppingTransfer: {
          description: 'The transfer is replaced out of the mempool; the coin returns to custody.',
          entry: 'requestDrop',
          on: { CHAIN_TX_DROPPED: { target: '#crossBorderPayment.unwinding.sellingBack', actions: { type: 'setReason', params: { reason: 'chain.notIncluded' } } } },
        },
        awaitingConfirmations: {
          description: 'In a block; it cannot be recalled, only waited for until it is final.',
          on: { CHAIN_TX_CONFIRMED: '#crossBorderPayment.payingOut' },
        },
      },
    },
    payingOut: {
      description: 'The off-ramp screens, converts the coin and credits the beneficiary in local currency.',
      entry: 'requestPayout',
      on: {
        PAYOUT_COMPLETED: 'settled',
        PAYOUT_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
        PAYOUT_FAILED: { target: 'unwinding.returningOnChain', actions: 'setFailureReason' },
      },
    },
    unwinding: {
      description: 'Undoing what was done: coin brought back, sold for RUB, RUB refunded; the losses stay booked.',
      initial: 'sellingBack',
      states: {
        returningOnChain: {
          description: 'The off-ramp sends the coin back to custody, paying the chain fee out of it.',
          entry: 'submitReturn',
          on: { RETURN_RECEIVED: { target: 'sellingBack', actions: 'keepReturned' } },
        },
        sellingBack: {
          description: 'The coin is sold at the exchange\'s bid and the RUB credited to the payer\'s account.',
          entry: 'requestSellBack',
          on: { SOLD_BACK: { target: '#crossBorderPayment.refunded', actions: 'keepRefund' } },
        },
      },
    },
    settled: {
      description: 'The beneficiary has been credited exactly the amount due.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    rejected: {
      description: 'Refused before any money moved, or with the hold voided; the reason says why.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
    refunded: {
      description: 'Unwound: the payer got back what was left after spread and fees, which are booked losses.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'refunded' } },
    },
    frozen: {
      description: "Stopped by sanctions in flight: the coin sits in the frozen account; the payer's RUB is gone.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'frozen' } },
    },
  },
  output: ({ context }) => ({
    flow: 'crossBorderPayment' as const,
    id: context.payment.id,
    status: context.status!,
    reason: context.reason ?? null,
    payment: context.payment,
    paid: context.paid ?? null,
    bought: context.bought ?? null,
    delivered: context.status === 'settled' ? context.deliver! : null,
    chainFee: context.included ? context.chainFee! : null,
    refunded: context.refunded ?? null,
    frozen: context.frozen ?? null,
  }),
});
