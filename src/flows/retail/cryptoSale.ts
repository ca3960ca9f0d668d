// A sale of crypto for RUB: an individual, or a miner selling what they mined through the sale
// mechanism of the mining law, sells coin from custody on the domestic exchange at its bid, and
// the RUB go to their bank account.

import { assign, setup } from 'xstate';
import type { Amount } from '../../money/index.js';
import type { OrderOutcome, OrderSpec, OrderStatus } from '../order.js';
import { isPayment, type FlowModule } from '../flow.js';
import { LATENCY_CEILING as c } from '../bounds.js';
import { CRYPTO_SALE_EVENT_MEANINGS } from './eventMeanings.js';
import { RetailRails } from './rails.js';

export type CryptoSaleEvent =
  | { type: 'ELIGIBLE' }
  | { type: 'INELIGIBLE'; reason: string }
  | { type: 'SALE_FILLED'; rub: Amount }
  | { type: 'SALE_FROZEN'; party: string; rub: Amount }
  | { type: 'SALE_FAILED'; reason: 'funds.insufficient' | 'exchange.noLiquidity' | 'amount.roundsToZero' | `exchange.outage:${string}` };

export type SaleReply = (event: CryptoSaleEvent) => void;

export interface CryptoSalePorts {
  /** ELIGIBLE, or INELIGIBLE naming the rule: the law's date, the miners' registry, KYC. */
  checkEligibility(order: OrderSpec, reply: SaleReply): void;
  /** SALE_FILLED with the RUB credited, SALE_FROZEN (the seller listed by then: the RUB went to the frozen account), or SALE_FAILED. */
  sell(order: OrderSpec, reply: SaleReply): void;
}

export interface CryptoSaleInput {
  readonly order: OrderSpec;
  readonly ports: CryptoSalePorts;
}

export interface CryptoSaleContext extends CryptoSaleInput {
  rub?: Amount;
  frozen?: Amount;
  status?: OrderStatus;
  reason?: string;
}

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const cryptoSale = setup({
  types: {
    context: {} as CryptoSaleContext,
    events: {} as CryptoSaleEvent,
    input: {} as CryptoSaleInput,
    output: {} as OrderOutcome,
  },
  actions: {
    requestEligibility: ({ context, self }) => context.ports.checkEligibility(context.order, (e) => self.send(e)),
    requestSale: ({ context, self }) => context.ports.sell(context.order, (e) => self.send(e)),
    keepProceeds: assign(({ event }) => (event.type === 'SALE_FILLED' ? { rub: event.rub } : {})),
    keepFrozen: assign(({ event }) => (event.type === 'SALE_FROZEN' ? { frozen: event.rub, reason: `sanctions.frozen:${event.party}` } : {})),
    setEventReason: assign(({ event }) => (event.type === 'INELIGIBLE' || event.type === 'SALE_FAILED' ? { reason: event.reason } : {})),
    finish: assign((_, params: { status: OrderStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'cryptoSale',
  context: ({ input }) => ({ ...input }),
  initial: 'checkingEligibility',
  states: {
    checkingEligibility: {
      description: "The bank checks the law in force on this day, KYC, and for a miner the miners' registry.",
      entry: 'requestEligibility',
      on: {
        ELIGIBLE: 'selling',
        INELIGIBLE: { target: 'rejected', actions: 'setEventReason' },
      },
    },
    selling: {
      description: "NPCS routes the sale to the domestic exchange: the coin leaves custody, the RUB arrive at the bank at the exchange's bid.",
      entry: 'requestSale',
      on: {
        SALE_FILLED: { target: 'sold', actions: 'keepProceeds' },
        SALE_FROZEN: { target: 'frozen', actions: 'keepFrozen' },
        SALE_FAILED: { target: 'rejected', actions: 'setEventReason' },
      },
    },
    sold: {
      description: "The RUB are in the seller's bank account.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'sold' } },
    },
    frozen: {
      description: "The seller was listed by the time of the sale: the coin is sold and its RUB sit in the frozen account.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'frozen' } },
    },
    rejected: {
      description: 'Refused with no money moved; the reason says why.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'rejected' } },
    },
  },
  output: ({ context }) => ({
    flow: 'cryptoSale' as const,
    id: context.order.id,
    status: context.status!,
    reason: context.reason ?? null,
    order: context.order,
    rub: context.rub ?? null,
    coin: context.status === 'sold' || context.status === 'frozen' ? context.order.amount : null,
    capValue: null,
    frozen: context.frozen ?? null,
  }),
});

/** A retail or miner's sale: this machine, on the retail rails it shares with the purchase. */
export const cryptoSaleFlow: FlowModule<RetailRails, typeof cryptoSale> = {
  machine: cryptoSale,
  summary: "An individual, or a registered miner through the mining law's sale mechanism, sells coin for RUB.",
  eventMeanings: CRYPTO_SALE_EVENT_MEANINGS,
  requests: { 'exchange.soldBack': ['selling'] },
  bound: (p) => c * p.screeningMs + c * p.exchangeMs,
  ports: (s) => s.shared('retail', () => new RetailRails({ ...s, messenger: s.messenger('retail-latency') })),
  carries: (w) => !isPayment(w) && w.side === 'sell',
  input: (w, ports) => ({ order: w, ports }),
};
