// The other direction of foreign trade: a foreign buyer pays a Russian exporter in a stablecoin.
// The coin crosses the chain to NPCS, which sells it at the St. Petersburg exchange's bid and
// credits the RUB to the exporter's bank. The coin lands in NPCS's inbound account, never in the
// exporter's own custody, so a party listed while it travels can be frozen before it is theirs.

import { assign, setup } from 'xstate';
import type { Amount, Dec as Decimal } from '../../money/index.js';
import type { PaymentSpec, PaymentStatus } from '../payment.js';
import { isPayment, type FlowModule } from '../flow.js';
import { LATENCY_CEILING as c, chainLegMs } from '../bounds.js';
import { isReceipt } from '../payment.js';
import { CrossBorderReceiptRails } from './rails.js';

export type ReceiptEvent =
  | { type: 'SCREENING_PASSED' }
  | { type: 'PAYMENT_UNLAWFUL'; reason: string }
  | { type: 'SCREENING_BLOCKED'; party: string }
  | { type: 'FUNDS_INSUFFICIENT' }
  | { type: 'CHAIN_TX_INCLUDED'; fee: Amount }
  | { type: 'CHAIN_TX_CONFIRMED' }
  | { type: 'CHAIN_TX_DROPPED' }
  | { type: 'RETURN_FROZEN'; party: string; coin: Amount }
  | { type: 'ARRIVAL_CLEARED' }
  | { type: 'ARRIVAL_FROZEN'; party: string }
  | { type: 'COIN_SOLD'; rub: Amount; mid: Decimal; at: number }
  | { type: 'SALE_REFUSED'; reason: string }
  | { type: 'SALE_FROZEN'; party: string };

export type ReceiptReply = (event: ReceiptEvent) => void;

/** What the machine asks of the rails; each request answers later with one of the events above. */
export interface ReceiptPorts {
  /** SCREENING_PASSED, PAYMENT_UNLAWFUL naming the rule, or SCREENING_BLOCKED naming the party. */
  screen(payment: PaymentSpec, reply: ReceiptReply): void;
  /** The buyer sends the coin, fee on top: CHAIN_TX_INCLUDED then CHAIN_TX_CONFIRMED, or FUNDS_INSUFFICIENT. */
  sendOnChain(payment: PaymentSpec, reply: ReceiptReply): void;
  /**
   * CHAIN_TX_DROPPED: the transfer left the mempool and the coin is back with the buyer; or
   * RETURN_FROZEN when the buyer is listed by then (coin and fee went to the frozen account).
   */
  dropTransfer(payment: PaymentSpec, reply: ReceiptReply): void;
  /** NPCS screens the parties again as the coin arrives: ARRIVAL_CLEARED, or ARRIVAL_FROZEN (the coin moved to the frozen account). */
  screenArrival(payment: PaymentSpec, reply: ReceiptReply): void;
  /**
   * COIN_SOLD with the RUB credited to the exporter (after any outage of the exchange); SALE_FROZEN
   * when a party was listed before the sale could happen (the coin frozen); or SALE_REFUSED.
   */
  sell(payment: PaymentSpec, reply: ReceiptReply): void;
}

export interface ReceiptInput {
  readonly payment: PaymentSpec;
  readonly ports: ReceiptPorts;
  /** How long the transfer may wait for a block before it is dropped. */
  readonly inclusionTimeoutMs: number;
}

export interface ReceiptOutcome {
  readonly flow: 'crossBorderReceipt';
  readonly id: string;
  /** settled: the exporter's bank credited (or, when the exchange refused, the coin kept for it); refunded: the coin went back to the buyer. */
  readonly status: PaymentStatus;
  readonly reason: string | null;
  readonly payment: PaymentSpec;
  /** The buyer's chain fee, once the transfer was in a block. */
  readonly chainFee: Amount | null;
  /** RUB credited to the exporter. */
  readonly rub: Amount | null;
  /** RUB per coin at mid when NPCS sold it. */
  readonly saleMid: Decimal | null;
  readonly soldAt: number | null;
  /** Coin frozen by sanctions on arrival. */
  readonly frozen: Amount | null;
}

export interface ReceiptContext extends ReceiptInput {
  chainFee?: Amount;
  rub?: Amount;
  saleMid?: Decimal;
  soldAt?: number;
  frozen?: Amount;
  status?: PaymentStatus;
  reason?: string;
}

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const crossBorderReceipt = setup({
  types: {
    context: {} as ReceiptContext,
    events: {} as ReceiptEvent,
    input: {} as ReceiptInput,
    output: {} as ReceiptOutcome,
  },
  delays: {
    inclusionTimeout: ({ context }) => context.inclusionTimeoutMs,
  },
  actions: {
    requestScreening: ({ context, self }) => context.ports.screen(context.payment, (e) => self.send(e)),
    submitTransfer: ({ context, self }) => context.ports.sendOnChain(context.payment, (e) => self.send(e)),
    keepFee: assign(({ event }) => (event.type === 'CHAIN_TX_INCLUDED' ? { chainFee: event.fee } : {})),
    requestDrop: ({ context, self }) => context.ports.dropTransfer(context.payment, (e) => self.send(e)),
    requestArrivalScreening: ({ context, self }) => context.ports.screenArrival(context.payment, (e) => self.send(e)),
    keepFrozen: assign(({ context, event }) => {
      if (event.type === 'RETURN_FROZEN') return { frozen: event.coin, reason: `sanctions.frozen:${event.party}` };
      return event.type === 'ARRIVAL_FROZEN' || event.type === 'SALE_FROZEN' ? { frozen: context.payment.amount, reason: `sanctions.frozen:${event.party}` } : {};
    }),
    requestSale: ({ context, self }) => context.ports.sell(context.payment, (e) => self.send(e)),
    keepSale: assign(({ event }) => (event.type === 'COIN_SOLD' ? { rub: event.rub, saleMid: event.mid, soldAt: event.at } : {})),
    setReason: assign((_, params: { reason: string }) => ({ reason: params.reason })),
    setEventReason: assign(({ event }) => (event.type === 'PAYMENT_UNLAWFUL' || event.type === 'SALE_REFUSED' ? { reason: event.reason } : {})),
    setBlockedReason: assign(({ event }) => (event.type === 'SCREENING_BLOCKED' ? { reason: `sanctions.blocked:${event.party}` } : {})),
    finish: assign((_, params: { status: PaymentStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'crossBorderReceipt',
  context: ({ input }) => ({ ...input }),
  initial: 'screening',
  states: {
    screening: {
      description: 'NPCS checks that the law allows the payment on this day, and buyer and exporter against the sanctions list, before the coin moves.',
      entry: 'requestScreening',
      on: {
        SCREENING_PASSED: 'transferringOnChain',
        PAYMENT_UNLAWFUL: { target: 'rejected', actions: 'setEventReason' },
        SCREENING_BLOCKED: { target: 'rejected', actions: 'setBlockedReason' },
      },
    },
    transferringOnChain: {
      description: "The buyer's coin travels to NPCS's inbound account; the buyer pays the chain fee on inclusion.",
      entry: 'submitTransfer',
      initial: 'awaitingInclusion',
      states: {
        awaitingInclusion: {
          description: 'Waiting for a block; a halted or congested chain can keep it here until the time-out.',
          on: {
            CHAIN_TX_INCLUDED: { target: 'awaitingConfirmations', actions: 'keepFee' },
            FUNDS_INSUFFICIENT: { target: '#crossBorderReceipt.rejected', actions: { type: 'setReason', params: { reason: 'funds.insufficient' } } },
          },
          after: { inclusionTimeout: 'droppingTransfer' },
        },
        droppingTransfer: {
          description: 'The transfer is replaced out of the mempool; the coin and fee return to the buyer.',
          entry: 'requestDrop',
          on: {
            CHAIN_TX_DROPPED: { target: '#crossBorderReceipt.refunded', actions: { type: 'setReason', params: { reason: 'chain.notIncluded' } } },
            RETURN_FROZEN: { target: '#crossBorderReceipt.frozen', actions: 'keepFrozen' },
          },
        },
        awaitingConfirmations: {
          description: 'In a block; it cannot be recalled, only waited for until it is final.',
          on: { CHAIN_TX_CONFIRMED: '#crossBorderReceipt.screeningArrival' },
        },
      },
    },
    screeningArrival: {
      description: 'The coin has arrived; NPCS screens the parties again, since a listing may have come while it travelled.',
      entry: 'requestArrivalScreening',
      on: {
        ARRIVAL_CLEARED: 'selling',
        ARRIVAL_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
      },
    },
    selling: {
      description: "NPCS sells the coin at the St. Petersburg exchange's bid and credits the RUB to the exporter's bank; an exchange in an outage takes it when it reopens.",
      entry: 'requestSale',
      on: {
        COIN_SOLD: { target: 'settled', actions: 'keepSale' },
        SALE_REFUSED: { target: 'keptInCoin', actions: 'setEventReason' },
        SALE_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
      },
    },
    settled: {
      description: "The exporter's bank account has been credited the RUB the coin fetched.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    keptInCoin: {
      description: "The exchange could not buy the coin (its RUB ran short): NPCS moves it to the exporter's custody, paid in coin.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    rejected: {
      description: 'Refused before any coin moved; the reason says why.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
    refunded: {
      description: 'The transfer never got into a block: the coin and fee are back with the buyer.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'refunded' } },
    },
    frozen: {
      description: 'A party was listed while the coin travelled (or, for a dropped transfer, as it came back): it sits in the frozen account.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'frozen' } },
    },
  },
  output: ({ context }) => ({
    flow: 'crossBorderReceipt' as const,
    id: context.payment.id,
    status: context.status!,
    reason: context.reason ?? null,
    payment: context.payment,
    chainFee: context.chainFee ?? null,
    rub: context.rub ?? null,
    saleMid: context.saleMid ?? null,
    soldAt: context.soldAt ?? null,
    frozen: context.frozen ?? null,
  }),
});

/** What each event of a receipt means, for `railpilot explain` and the diagrams. */
export const RECEIPT_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The foreign buyer instructs its wallet to pay the exporter's invoice in the coin.",
  SCREENING_PASSED: 'The law allows the payment today, and neither party is on the sanctions list.',
  PAYMENT_UNLAWFUL: 'The law in force on this day does not allow this payment (the reason names the rule and its date).',
  SCREENING_BLOCKED: 'A party is on the sanctions list, so the payment stops before the coin moves.',
  FUNDS_INSUFFICIENT: 'The buyer does not hold the coin and the fee.',
  CHAIN_TX_INCLUDED: 'A block includes the transfer and its fee is paid: it can no longer be recalled.',
  CHAIN_TX_CONFIRMED: "Enough blocks have followed: the transfer is final and the coin is in NPCS's inbound account.",
  CHAIN_TX_DROPPED: 'The transfer is taken out of the mempool; the coin and fee are back with the buyer.',
  RETURN_FROZEN: 'The transfer is taken out of the mempool, but the buyer has been listed: the coin and fee go to the frozen account.',
  ARRIVAL_CLEARED: 'Neither party has been listed while the coin travelled.',
  ARRIVAL_FROZEN: 'A party was listed while the coin travelled: NPCS freezes it.',
  COIN_SOLD: "The exchange buys the coin at its bid; the RUB go to the exporter's bank.",
  SALE_REFUSED: "The exchange cannot buy the coin; it goes to the exporter's custody instead.",
  SALE_FROZEN: 'A party was listed while the sale waited for the exchange: NPCS freezes the coin.',
};

/** A payment from abroad to a Russian exporter: this machine, on the rails of crossBorderReceiptRails.ts. */
export const crossBorderReceiptFlow: FlowModule<CrossBorderReceiptRails, typeof crossBorderReceipt> = {
  machine: crossBorderReceipt,
  summary: "A foreign buyer pays a Russian exporter in a stablecoin; NPCS sells it at the St. Petersburg exchange and credits the exporter's RUB.",
  eventMeanings: RECEIPT_EVENT_MEANINGS,
  requests: {
    'chain.submitted': ['transferringOnChain.awaitingInclusion'],
    'chain.dropped': ['transferringOnChain.droppingTransfer'],
    'compliance.frozen': ['screeningArrival', 'selling'],
    'exchange.soldBack': ['selling'],
    'npcs.keptInCoin': ['selling'],
  },
  // Screen, wait for a block up to the time-out, reach finality, screen on arrival, sell.
  bound: (p) => c * p.screeningMs + p.inclusionTimeoutMs + chainLegMs(p) + c * p.screeningMs + c * p.exchangeMs,
  ports: (s) => new CrossBorderReceiptRails({ ...s, messenger: s.messenger('receipt-latency') }),
  carries: (w) => isPayment(w) && isReceipt(w),
  input: (w, ports, s) => ({ payment: w, ports, inclusionTimeoutMs: s.limits.inclusionTimeoutMs.get((w as { chain: string }).chain)! }),
};
