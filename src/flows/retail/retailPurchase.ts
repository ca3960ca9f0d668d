// A retail purchase: an individual buys a coin for RUB through their bank and the NPCS gateway,
// routed to the domestic exchange. The law and the investor's category decide whether they may;
// the cap decides how much. A purchase that would pass the cap is rejected and moves no money.

import { assign, setup } from 'xstate';
import type { Amount, FineAmount } from '../../money/index.js';
import type { Quote } from '../../rails/exchange/exchange.js';
import type { OrderOutcome, OrderSpec, OrderStatus } from '../order.js';
import { isPayment, type FlowModule } from '../flow.js';
import { LATENCY_CEILING as c, quotingMs } from '../bounds.js';
import { RETAIL_PURCHASE_EVENT_MEANINGS } from './eventMeanings.js';
import { RetailRails } from './rails.js';

export type RetailPurchaseEvent =
  | { type: 'ELIGIBLE' }
  | { type: 'INELIGIBLE'; reason: string }
  | { type: 'QUOTE_RECEIVED'; quote: Quote }
  | { type: 'QUOTE_UNAVAILABLE'; reason: string }
  | { type: 'CAP_RESERVED'; value: FineAmount | null }
  | { type: 'CAP_EXCEEDED' }
  | { type: 'FUNDS_HELD'; holdId: string }
  | { type: 'FUNDS_INSUFFICIENT' }
  | { type: 'PURCHASE_FILLED'; coin: Amount; paid: Amount }
  | { type: 'PURCHASE_FROZEN'; party: string; coin: Amount; paid: Amount }
  | { type: 'HOLD_FROZEN'; party: string }
  | { type: 'QUOTE_EXPIRED' }
  | { type: 'FILL_FAILED'; reason: string };

export type PurchaseReply = (event: RetailPurchaseEvent) => void;

/** What the machine asks of the rails; each request answers later with one of the events above. */
export interface RetailPurchasePorts {
  /** ELIGIBLE, or INELIGIBLE naming the rule: the law's date, KYC, the knowledge test. */
  checkEligibility(order: OrderSpec, reply: PurchaseReply): void;
  /** QUOTE_RECEIVED for the coin the RUB buys at the ask, or QUOTE_UNAVAILABLE. */
  requestQuote(order: OrderSpec, reply: PurchaseReply): void;
  /** CAP_RESERVED (with the value counted, null when uncapped) or CAP_EXCEEDED. */
  reserveCap(order: OrderSpec, quote: Quote, reply: PurchaseReply): void;
  releaseCap(order: OrderSpec): void;
  commitCap(order: OrderSpec): void;
  /** FUNDS_HELD or FUNDS_INSUFFICIENT. */
  holdFunds(order: OrderSpec, amount: Amount, reply: PurchaseReply): void;
  /** Releases the hold to the buyer; to the frozen account if the buyer is listed now (see `holdFreezes`). */
  voidHold(order: OrderSpec, holdId: string): void;
  /** Whether the hold, released now, ends in the frozen account (buyer listed, or it expired there). */
  holdFreezes(order: OrderSpec, holdId: string): boolean;
  /**
   * PURCHASE_FILLED; PURCHASE_FROZEN (the buyer listed by the fill: the coin went to the frozen
   * account); HOLD_FROZEN (the hold expired into the frozen account); QUOTE_EXPIRED or FILL_FAILED.
   */
  fill(order: OrderSpec, quote: Quote, holdId: string, reply: PurchaseReply): void;
}

export interface RetailPurchaseInput {
  readonly order: OrderSpec;
  readonly ports: RetailPurchasePorts;
  readonly maxQuoteAttempts: number;
}

export interface RetailPurchaseContext extends RetailPurchaseInput {
  quoteAttempts: number;
  quote?: Quote;
  holdId?: string;
  capValue?: FineAmount | null;
  coin?: Amount;
  paid?: Amount;
  frozen?: Amount;
  status?: OrderStatus;
  reason?: string;
}

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const retailPurchase = setup({
  types: {
    context: {} as RetailPurchaseContext,
    events: {} as RetailPurchaseEvent,
    input: {} as RetailPurchaseInput,
    output: {} as OrderOutcome,
  },
  guards: {
    mayRequote: ({ context }) => context.quoteAttempts < context.maxQuoteAttempts,
    holdAlreadyExpired: ({ event }) => event.type === 'FILL_FAILED' && event.reason === 'hold.expired',
    // A hold about to be released to a buyer listed by now is frozen instead (the ledger's screen).
    holdFreezes: ({ context }) => context.holdId !== undefined && context.ports.holdFreezes(context.order, context.holdId),
  },
  actions: {
    requestEligibility: ({ context, self }) => context.ports.checkEligibility(context.order, (e) => self.send(e)),
    requestQuote: ({ context, self }) => context.ports.requestQuote(context.order, (e) => self.send(e)),
    keepQuote: assign(({ context, event }) => (event.type === 'QUOTE_RECEIVED' ? { quote: event.quote, quoteAttempts: context.quoteAttempts + 1 } : {})),
    requestCapReservation: ({ context, self }) => context.ports.reserveCap(context.order, context.quote!, (e) => self.send(e)),
    keepCapValue: assign(({ event }) => (event.type === 'CAP_RESERVED' ? { capValue: event.value } : {})),
    releaseCap: ({ context }) => context.ports.releaseCap(context.order),
    commitCap: ({ context }) => context.ports.commitCap(context.order),
    requestHold: ({ context, self }) => context.ports.holdFunds(context.order, context.quote!.cost, (e) => self.send(e)),
    keepHold: assign(({ event }) => (event.type === 'FUNDS_HELD' ? { holdId: event.holdId } : {})),
    voidHold: ({ context }) => context.ports.voidHold(context.order, context.holdId!),
    requestFill: ({ context, self }) => context.ports.fill(context.order, context.quote!, context.holdId!, (e) => self.send(e)),
    keepFill: assign(({ event }) => (event.type === 'PURCHASE_FILLED' ? { coin: event.coin, paid: event.paid } : {})),
    keepCoinFrozen: assign(({ event }) =>
      event.type === 'PURCHASE_FROZEN' ? { frozen: event.coin, paid: event.paid, reason: `sanctions.frozen:${event.party}` } : {},
    ),
    // The whole hold went to the frozen account (released, or expired, to a listed buyer).
    keepHoldFrozen: assign(({ context, event }) => ({
      frozen: context.quote!.cost,
      paid: context.quote!.cost,
      reason: `sanctions.frozen:${event.type === 'HOLD_FROZEN' ? event.party : context.order.participant.id}`,
    })),
    setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
    setEventReason: assign(({ event }) =>
      event.type === 'INELIGIBLE' || event.type === 'FILL_FAILED' || event.type === 'QUOTE_UNAVAILABLE' ? { reason: event.reason } : {},
    ),
    finish: assign((_, params: { status: OrderStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'retailPurchase',
  context: ({ input }) => ({ ...input, quoteAttempts: 0 }),
  initial: 'checkingEligibility',
  states: {
    checkingEligibility: {
      description: 'The bank checks the law in force on this day, KYC, and that a non-qualified investor passed the knowledge test.',
      entry: 'requestEligibility',
      on: {
        ELIGIBLE: 'quoting',
        INELIGIBLE: { target: 'rejected', actions: 'setEventReason' },
      },
    },
    quoting: {
      description: 'NPCS asks the domestic exchange how much coin the RUB buy at its ask.',
      entry: 'requestQuote',
      on: {
        QUOTE_RECEIVED: { target: 'reservingCap', actions: 'keepQuote' },
        QUOTE_UNAVAILABLE: { target: 'rejected', actions: 'setEventReason' },
      },
    },
    reservingCap: {
      description: "The quoted cost, valued in the cap's currency at today's rate, is reserved against the investor's yearly cap.",
      entry: 'requestCapReservation',
      on: {
        CAP_RESERVED: { target: 'holdingFunds', actions: 'keepCapValue' },
        CAP_EXCEEDED: { target: 'rejected', actions: { type: 'setReason', params: { reason: 'cap.exceeded' } } },
      },
    },
    holdingFunds: {
      description: "The investor's bank places a two-phase hold on the quoted RUB cost.",
      entry: 'requestHold',
      on: {
        FUNDS_HELD: { target: 'filling', actions: 'keepHold' },
        FUNDS_INSUFFICIENT: { target: 'rejected', actions: ['releaseCap', { type: 'setReason', params: { reason: 'funds.insufficient' } }] },
      },
    },
    filling: {
      description: 'The exchange fills the quote: the hold is posted to it, the coin goes to custody, the cap use is committed.',
      entry: 'requestFill',
      on: {
        PURCHASE_FILLED: { target: 'purchased', actions: ['keepFill', 'commitCap'] },
        // Bought, so counted against the cap, but the coin is frozen.
        PURCHASE_FROZEN: { target: 'frozen', actions: ['keepCoinFrozen', 'commitCap'] },
        HOLD_FROZEN: { target: 'frozen', actions: ['releaseCap', 'keepHoldFrozen'] },
        QUOTE_EXPIRED: [
          { guard: 'holdFreezes', target: 'frozen', actions: ['voidHold', 'releaseCap', 'keepHoldFrozen'] },
          { guard: 'mayRequote', target: 'quoting', actions: ['voidHold', 'releaseCap'] },
          { target: 'rejected', actions: ['voidHold', 'releaseCap', { type: 'setReason', params: { reason: 'quote.expired' } }] },
        ],
        FILL_FAILED: [
          { guard: 'holdAlreadyExpired', target: 'rejected', actions: ['releaseCap', 'setEventReason'] },
          { guard: 'holdFreezes', target: 'frozen', actions: ['voidHold', 'releaseCap', 'keepHoldFrozen'] },
          { target: 'rejected', actions: ['voidHold', 'releaseCap', 'setEventReason'] },
        ],
      },
    },
    purchased: {
      description: "The coin is in the investor's custody and counted against their cap.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'purchased' } },
    },
    frozen: {
      description: 'The buyer was listed by the time value reached them: the coin bought (or the RUB on hold) sit in the frozen account.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'frozen' } },
    },
    rejected: {
      description: 'Refused with no money moved (a hold, if any, voided; a cap reservation released); the reason says why.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
  },
  output: ({ context }) => ({
    flow: 'retailPurchase' as const,
    id: context.order.id,
    status: context.status!,
    reason: context.reason ?? null,
    order: context.order,
    rub: context.status === 'purchased' || context.status === 'frozen' ? context.paid! : null,
    coin: context.status === 'purchased' ? context.coin! : null,
    // A frozen purchase that filled still counts against the cap; a frozen hold bought nothing.
    capValue: context.status === 'purchased' || (context.status === 'frozen' && context.frozen!.asset.code !== 'RUB') ? (context.capValue ?? null) : null,
    frozen: context.frozen ?? null,
  }),
});

/** A retail purchase: this machine, on the retail rails it shares with the sale. */
export const retailPurchaseFlow: FlowModule<RetailRails, typeof retailPurchase> = {
  machine: retailPurchase,
  summary: 'An individual buys a coin for RUB through their bank and NPCS, within the law, their category and their yearly cap.',
  eventMeanings: RETAIL_PURCHASE_EVENT_MEANINGS,
  requests: { 'hold.pending': ['holdingFunds'], 'exchange.filled': ['filling'] },
  bound: (p) => c * p.screeningMs + quotingMs(p),
  ports: (s) => s.shared('retail', () => new RetailRails({ ...s, messenger: s.messenger('retail-latency') })),
  carries: (w) => !isPayment(w) && w.side === 'buy',
  input: (w, ports, s) => ({ order: w, ports, maxQuoteAttempts: s.limits.maxQuoteAttempts }),
};
