// The cross-border payment: a Russian payer's RUB becomes a stablecoin through the NPCS gateway,
// crosses a chain, and a foreign off-ramp pays the beneficiary in local currency. Every state a
// payment can be in is a state here; every way it can end is a final state with a named reason.
// The machine only decides; the rails act, through the ports it is given, and answer by events
// on the simulated clock.
//
// Two settlement modes share the machine. Sequential: the RUB hold is posted at conversion, so the
// payer's RUB is gone before the coin travels (CPSS's settlement risk). PvP: the exchange commits
// the coin to an escrow on the chain while the RUB stays on hold, and NPCS posts the hold in the
// same instant the off-ramp credits the beneficiary; if anything fails first, the hold is voided
// and the escrow refunded, so no leg survives the failure of the other.

import { assign, setup } from 'xstate';
import { add, zero, type Amount, type Dec as Decimal } from '../../money/index.js';
import type { Quote } from '../../rails/exchange/exchange.js';
import { isReceipt, type PaymentOutcome, type PaymentStatus } from '../payment.js';
import type { CrossBorderEvent, CrossBorderInput, PayoutMarks } from './ports.js';

export type { CrossBorderEvent, CrossBorderInput, CrossBorderLimits, CrossBorderPorts, PayoutMarks, Reply } from './ports.js';
import type { FlowModule } from '../flow.js';
import { isPayment } from '../flow.js';
import { LATENCY_CEILING as c, chainLegMs, quotingMs } from '../bounds.js';
import { CROSS_BORDER_EVENT_MEANINGS } from './eventMeanings.js';
import { CrossBorderRails } from './rails.js';
import type { CrossBorderLimits } from './ports.js';

export interface CrossBorderContext extends CrossBorderInput {
  quoteAttempts: number;
  quote?: Quote;
  /** Coin the off-ramp must receive to pay the beneficiary exactly. */
  deliver?: Amount;
  chainFee?: Amount;
  /** NPCS's charge on the RUB leg, held with the quoted cost. */
  npcsFee?: Amount;
  /** The off-ramp's mid (local currency per coin) when `deliver` was priced. */
  offrampMid?: Decimal;
  holdId?: string;
  paid?: Amount;
  /** When the RUB leg became irrevocable: the fill, or under PvP the payout. */
  paidAt?: number;
  /** RUB per coin at mid when the coin was bought or locked. */
  fillMid?: Decimal;
  marks?: PayoutMarks;
  bought?: Amount;
  /** Coin back in custody after an unwind's return transfer. */
  returned?: Amount;
  /** The outbound transfer made it into a block, so its fee was paid. */
  included?: boolean;
  refunded?: Amount;
  frozen?: Amount;
  /** Coin left in the payer's custody when the exchange could not buy it back. */
  keptCoin?: Amount;
  /** Coin the off-ramp kept because returning it would have cost all of it in fees. */
  forfeited?: Amount;
  status?: PaymentStatus;
  reason?: string;
}

/**
 * What converting and, under PvP, locking the coin do when the exchange will not fill: an expired
 * quote is tried again while attempts remain; a refusal voids the hold, unless the hold has
 * already expired and returned the funds itself.
 */
const FILL_REFUSED = {
  QUOTE_EXPIRED: [
    { guard: 'holdFreezes', target: 'frozen', actions: ['voidHold', 'keepHoldFrozen'] },
    { guard: 'mayRequote', target: 'quoting', actions: 'voidHold' },
    { target: 'rejected', actions: ['voidHold', { type: 'setReason', params: { reason: 'quote.expired' } }] },
  ],
  CONVERSION_FAILED: [
    { guard: 'holdAlreadyExpired', target: 'rejected', actions: 'setFailureReason' },
    { guard: 'holdFreezes', target: 'frozen', actions: ['voidHold', 'keepHoldFrozen'] },
    { target: 'rejected', actions: ['voidHold', 'setFailureReason'] },
  ],
  HOLD_FROZEN: { target: 'frozen', actions: 'keepHoldFrozen' },
} as const;

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
    holdAlreadyExpired: ({ event }) => (event.type === 'CONVERSION_FAILED' || event.type === 'PAYOUT_FAILED') && event.reason === 'hold.expired',
    isPvp: ({ context }) => context.payment.settlement === 'pvp',
    pvpHoldExpired: ({ context, event }) => context.payment.settlement === 'pvp' && event.type === 'PAYOUT_FAILED' && event.reason === 'hold.expired',
    // A hold about to be released to a payer listed by now is frozen instead (the ledger's screen).
    holdFreezes: ({ context }) => context.holdId !== undefined && context.ports.holdFreezes(context.payment, context.holdId),
    pvpHoldFreezes: ({ context }) => context.payment.settlement === 'pvp' && context.holdId !== undefined && context.ports.holdFreezes(context.payment, context.holdId),
  },
  actions: {
    requestScreening: ({ context, self }) => context.ports.screen(context.payment, (e) => self.send(e)),
    requestQuote: ({ context, self }) => context.ports.requestQuote(context.payment, (e) => self.send(e)),
    keepQuote: assign(({ context, event }) => {
      if (event.type !== 'QUOTE_RECEIVED') return {};
      return { quote: event.quote, deliver: event.deliver, chainFee: event.fee, npcsFee: event.npcsFee, offrampMid: event.offrampMid, quoteAttempts: context.quoteAttempts + 1 };
    }),
    requestHold: ({ context, self }) => context.ports.holdFunds(context.payment, add(context.quote!.cost, context.npcsFee!), (e) => self.send(e)),
    keepHold: assign(({ event }) => (event.type === 'FUNDS_HELD' ? { holdId: event.holdId } : {})),
    voidHold: ({ context }) => context.ports.voidHold(context.payment, context.holdId!),
    requestConversion: ({ context, self }) =>
      context.ports.convert(context.payment, context.quote!, context.npcsFee!, context.holdId!, (e) => self.send(e)),
    keepFill: assign(({ event }) =>
      event.type === 'CONVERSION_FILLED' ? { bought: event.coin, paid: event.paid, paidAt: event.at, fillMid: event.mid, holdId: undefined } : {},
    ),
    requestLock: ({ context, self }) => context.ports.lockCoin(context.payment, context.quote!, context.holdId!, (e) => self.send(e)),
    keepLock: assign(({ event }) => (event.type === 'COIN_LOCKED' ? { bought: event.coin, fillMid: event.mid } : {})),
    keepPayout: assign(({ event }) =>
      event.type === 'PAYOUT_COMPLETED'
        ? { marks: event.marks, ...(event.paid ? { paid: event.paid, paidAt: event.marks.at, holdId: undefined } : {}) }
        : {},
    ),
    submitTransfer: ({ context, self }) => context.ports.sendOnChain(context.payment, context.deliver!, context.chainFee!, (e) => self.send(e)),
    markIncluded: assign({ included: true }),
    requestDrop: ({ context, self }) => context.ports.dropTransfer(context.payment, (e) => self.send(e)),
    keepFrozen: assign(({ context, event }) => {
      if (event.type !== 'PAYOUT_FROZEN') return {};
      // Under PvP the RUB still on hold, NPCS's fee part too, is what gets frozen; sequentially, the coin already bought.
      const pvp = context.payment.settlement === 'pvp';
      const held = add(context.quote!.cost, context.npcsFee!);
      return {
        frozen: pvp ? held : context.deliver,
        reason: `sanctions.frozen:${event.party}`,
        // The payer's held RUB is lost to the freeze, though it never reached the exchange.
        ...(pvp ? { paid: held, holdId: undefined } : {}),
      };
    }),
    // The whole hold went to the frozen account (released, or expired, to a listed payer).
    keepHoldFrozen: assign(({ context, event }) => {
      const held = add(context.quote!.cost, context.npcsFee!);
      return { frozen: held, paid: held, holdId: undefined, reason: `sanctions.frozen:${event.type === 'HOLD_FROZEN' ? event.party : context.payment.payer.id}` };
    }),
    requestPayout: ({ context, self }) =>
      context.ports.payout(context.payment, context.deliver!, context.quote!, context.npcsFee!, context.holdId, (e) => self.send(e)),
    submitReturn: ({ context, self }) => context.ports.returnOnChain(context.payment, context.deliver!, context.limits.inclusionTimeoutMs, (e) => self.send(e)),
    keepReturned: assign(({ event }) => (event.type === 'RETURN_RECEIVED' ? { returned: event.coin } : {})),
    keepForfeited: assign(({ event }) => (event.type === 'RETURN_FORFEITED' ? { returned: zero(event.coin.asset), forfeited: event.coin } : {})),
    requestSellBack: ({ context, self }) => {
      // Whatever is in custody for this payment: all of it after a drop, the return after a payout failure.
      const coin = context.returned ?? context.bought!;
      context.ports.sellBack(context.payment, coin, (e) => self.send(e));
    },
    keepRefund: assign(({ event }) => (event.type === 'SOLD_BACK' ? { refunded: event.rub } : {})),
    keepCoinInCustody: assign(({ context }) => ({ keptCoin: context.returned ?? context.bought! })),
    keepRefundFrozen: assign(({ context, event }) =>
      event.type === 'REFUND_FROZEN' ? { frozen: context.returned ?? context.bought!, reason: `sanctions.frozen:${event.party}` } : {},
    ),
    setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
    setBlockedReason: assign(({ event }) => (event.type === 'SCREENING_BLOCKED' ? { reason: `sanctions.blocked:${event.party}` } : {})),
    setFailureReason: assign(({ event }) =>
      event.type === 'CONVERSION_FAILED' || event.type === 'PAYOUT_FAILED' || event.type === 'PAYMENT_UNLAWFUL' || event.type === 'QUOTE_UNAVAILABLE'
        ? { reason: event.reason }
        : {},
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
        QUOTE_UNAVAILABLE: { target: 'rejected', actions: 'setFailureReason' },
      },
    },
    holdingFunds: {
      description: "The payer's bank places a two-phase hold on the quoted RUB cost.",
      entry: 'requestHold',
      on: {
        FUNDS_HELD: [
          { guard: 'isPvp', target: 'lockingCoin', actions: 'keepHold' },
          { target: 'converting', actions: 'keepHold' },
        ],
        FUNDS_INSUFFICIENT: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'funds.insufficient' } } },
      },
    },
    converting: {
      description: "The exchange fills the quote: the hold is posted to it and the coin lands in NPCS's outbound account, out of any other flow's reach.",
      entry: 'requestConversion',
      on: {
        CONVERSION_FILLED: { target: 'transferringOnChain', actions: 'keepFill' },
        ...FILL_REFUSED,
      },
    },
    lockingCoin: {
      description: "PvP: the exchange commits the quoted coin to an escrow on the chain; the payer's RUB stays on hold, not yet paid.",
      entry: 'requestLock',
      on: {
        COIN_LOCKED: { target: 'transferringOnChain', actions: 'keepLock' },
        ...FILL_REFUSED,
      },
    },
    transferringOnChain: {
      description: 'The coin travels to the off-ramp (under PvP, into escrow there); the sender pays the chain fee on inclusion.',
      entry: 'submitTransfer',
      initial: 'awaitingInclusion',
      states: {
        awaitingInclusion: {
          description: 'Waiting for a block; a halted or congested chain can keep it here until the time-out.',
          on: { CHAIN_TX_INCLUDED: { target: 'awaitingConfirmations', actions: 'markIncluded' } },
          after: { inclusionTimeout: 'droppingTransfer' },
        },
        droppingTransfer: {
          description: "The transfer is replaced out of the mempool; the coin returns to its sender (NPCS's outbound account, or under PvP the exchange).",
          entry: 'requestDrop',
          on: {
            CHAIN_TX_DROPPED: [
              { guard: 'pvpHoldFreezes', target: '#crossBorderPayment.frozen', actions: ['voidHold', 'keepHoldFrozen'] },
              { guard: 'isPvp', target: '#crossBorderPayment.rejected', actions: ['voidHold', { type: 'setReason', params: { reason: 'chain.notIncluded' } }] },
              { target: '#crossBorderPayment.unwinding.sellingBack', actions: { type: 'setReason', params: { reason: 'chain.notIncluded' } } },
            ],
          },
        },
        awaitingConfirmations: {
          description: 'In a block; it cannot be recalled, only waited for until it is final.',
          on: { CHAIN_TX_CONFIRMED: '#crossBorderPayment.payingOut' },
        },
      },
    },
    payingOut: {
      description: 'The off-ramp screens, converts the coin and credits the beneficiary in local currency; under PvP, NPCS posts the RUB hold in the same instant.',
      entry: 'requestPayout',
      on: {
        PAYOUT_COMPLETED: { target: 'settled', actions: 'keepPayout' },
        PAYOUT_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
        HOLD_FROZEN: { target: 'frozen', actions: 'keepHoldFrozen' },
        PAYOUT_FAILED: [
          // PvP: the escrow is already refunded to the exchange; only the hold is left to undo.
          { guard: 'pvpHoldExpired', target: 'rejected', actions: 'setFailureReason' },
          { guard: 'pvpHoldFreezes', target: 'frozen', actions: ['voidHold', 'keepHoldFrozen'] },
          { guard: 'isPvp', target: 'rejected', actions: ['voidHold', 'setFailureReason'] },
          { target: 'unwinding.returningOnChain', actions: 'setFailureReason' },
        ],
      },
    },
    unwinding: {
      description: 'Undoing what was done: coin brought back, sold for RUB, RUB refunded; the losses stay booked.',
      initial: 'sellingBack',
      states: {
        returningOnChain: {
          description:
            "The off-ramp sends the coin back to NPCS, paying the chain fee out of it; during a fee spike it waits for the fee to fall, at most the chain's inclusion time-out, and keeps the coin (forfeited) only if the fee would still take it all.",
          entry: 'submitReturn',
          on: {
            RETURN_RECEIVED: { target: 'sellingBack', actions: 'keepReturned' },
            RETURN_FORFEITED: { target: 'sellingBack', actions: 'keepForfeited' },
          },
        },
        sellingBack: {
          description: 'The coin is sold at the exchange\'s bid and the RUB credited to the payer\'s account.',
          entry: 'requestSellBack',
          on: {
            SOLD_BACK: { target: '#crossBorderPayment.refunded', actions: 'keepRefund' },
            SELL_BACK_REFUSED: { target: '#crossBorderPayment.returnedInCoin', actions: 'keepCoinInCustody' },
            REFUND_FROZEN: { target: '#crossBorderPayment.frozen', actions: 'keepRefundFrozen' },
          },
        },
      },
    },
    settled: {
      description: 'The beneficiary has been credited exactly the amount due.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    rejected: {
      description: "Refused before the payer's money moved, or with the hold voided (under PvP, after the escrow was refunded); the reason says why.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
    refunded: {
      description: 'Unwound: the payer got back what was left after spread and fees, which are booked losses.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'refunded' } },
    },
    returnedInCoin: {
      description: "Unwound, but the exchange had not the RUB to buy the coin back: it stays in the payer's custody, the payer's to sell later.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'refunded' } },
    },
    frozen: {
      description: "Stopped by sanctions in flight: the coin (under PvP, the payer's held RUB) sits in the frozen account; the payer's RUB is gone.",
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
    paidAt: context.paidAt ?? null,
    // Under PvP a rejected or frozen payment's coin went back to the exchange: the payer bought none.
    ...(context.status === 'rejected' || (context.payment.settlement === 'pvp' && context.status === 'frozen')
      ? { fillMid: null, bought: null }
      : { fillMid: context.fillMid ?? null, bought: context.bought ?? null }),
    marks: context.marks ?? null,
    quotedOfframpMid: context.status === 'settled' ? context.offrampMid! : null,
    delivered: context.status === 'settled' ? context.deliver! : null,
    chainFee: context.included ? context.chainFee! : null,
    // Charged with the RUB leg: when it was paid, and not to a PvP payment whose RUB was frozen.
    npcsFee: context.paidAt !== undefined ? context.npcsFee! : null,
    refunded: context.refunded ?? null,
    keptCoin: context.keptCoin ?? null,
    frozen: context.frozen ?? null,
    forfeited: context.forfeited ?? null,
  }),
});

/** A trade abroad on the pilot rail, from a Russian payer: this machine, on the rails of crossBorderRails.ts. */
export const crossBorderPaymentFlow: FlowModule<{ rails: CrossBorderRails; limits: ReadonlyMap<string, CrossBorderLimits> }, typeof crossBorderPayment> = {
  machine: crossBorderPayment,
  summary: "A Russian payer's RUB become a stablecoin through NPCS, cross a chain, and a foreign off-ramp pays the beneficiary.",
  eventMeanings: CROSS_BORDER_EVENT_MEANINGS,
  requests: {
    'hold.pending': ['holdingFunds'],
    'exchange.filled': ['converting'],
    'chain.submitted': ['transferringOnChain.awaitingInclusion', 'unwinding.returningOnChain'],
    'chain.dropped': ['transferringOnChain.droppingTransfer'],
    'offramp.paid': ['payingOut'],
    'compliance.frozen': ['payingOut', 'unwinding.sellingBack'],
    'escrow.released': ['payingOut'],
    'escrow.refunded': ['payingOut'],
    'npcs.fee': ['converting', 'payingOut'],
    'exchange.soldBack': ['unwinding.sellingBack'],
  },
  // Screen, quote up to the attempts, wait for a block up to the time-out, reach finality (through
  // any halt), pay out; or return the coin on chain (after waiting out a fee spike for up to the
  // inclusion time-out) and sell it back.
  bound: (p) => c * p.screeningMs + quotingMs(p) + p.inclusionTimeoutMs + chainLegMs(p) + c * p.offrampDelayMs + p.inclusionTimeoutMs + chainLegMs(p) + c * p.exchangeMs,
  ports: (s) => ({
    rails: new CrossBorderRails({ ...s, messenger: s.messenger('latency'), pvpHoldTimeoutMs: s.limits.pvpHoldTimeoutMs, npcsFeeBps: s.limits.npcsFeeBps }),
    // One limits object per chain, shared by its payments.
    limits: new Map([...s.limits.inclusionTimeoutMs].map(([chain, inclusionTimeoutMs]) => [chain, { maxQuoteAttempts: s.limits.maxQuoteAttempts, inclusionTimeoutMs }])),
  }),
  carries: (w) => isPayment(w) && w.rail === 'pilot' && !isReceipt(w),
  input: (w, ports) => ({ payment: w, ports: ports.rails, limits: ports.limits.get((w as { chain: string }).chain)! }),
};
