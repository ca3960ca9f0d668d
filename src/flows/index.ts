// The flows the simulator knows, by name: what `railpilot diagram` and `explain` can show.

import type { AnyStateMachine } from 'xstate';
import { crossBorderPayment } from './crossBorderPayment.js';
import { retailPurchase } from './retailPurchase.js';
import { cryptoSale } from './cryptoSale.js';
import { CORRESPONDENT_EVENT_MEANINGS, correspondentPayment } from './correspondentPayment.js';
import { CORRESPONDENT_REQUESTS } from './correspondentRails.js';
import { CLEARING_EVENT_MEANINGS, clearingCycle } from './clearingCycle.js';
import { RECEIPT_EVENT_MEANINGS, crossBorderReceipt } from './crossBorderReceipt.js';
import { CROSS_BORDER_EVENT_MEANINGS, CRYPTO_SALE_EVENT_MEANINGS, RETAIL_PURCHASE_EVENT_MEANINGS } from './eventMeanings.js';

export interface FlowInfo {
  readonly machine: AnyStateMachine;
  readonly summary: string;
  readonly eventMeanings: Readonly<Record<string, string>>;
  /**
   * Which journal entry kinds a request from which states posts: each entry into one of those
   * states sends one request, so a kind may appear at most that many times for a flow. This is
   * what the idempotency invariant counts against.
   */
  readonly requests: Readonly<Record<string, readonly string[]>>;
}

export const FLOWS: Readonly<Record<string, FlowInfo>> = {
  crossBorderPayment: {
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
  },
  crossBorderReceipt: {
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
  },
  retailPurchase: {
    machine: retailPurchase,
    summary: 'An individual buys a coin for RUB through their bank and NPCS, within the law, their category and their yearly cap.',
    eventMeanings: RETAIL_PURCHASE_EVENT_MEANINGS,
    requests: { 'hold.pending': ['holdingFunds'], 'exchange.filled': ['filling'] },
  },
  cryptoSale: {
    machine: cryptoSale,
    summary: "An individual, or a registered miner through the mining law's sale mechanism, sells coin for RUB.",
    eventMeanings: CRYPTO_SALE_EVENT_MEANINGS,
    requests: { 'exchange.soldBack': ['selling'] },
  },
  correspondentPayment: {
    machine: correspondentPayment,
    summary: 'The baseline the pilot bypasses: the payer\'s bank sends RUB through a chain of correspondent banks, over days, with fees and the risk of a rejection.',
    eventMeanings: CORRESPONDENT_EVENT_MEANINGS,
    requests: CORRESPONDENT_REQUESTS,
  },
  clearingCycle: {
    machine: clearingCycle,
    summary: "NPCS nets its members' RUB obligations over a cycle and settles only the nets through their central-bank accounts.",
    eventMeanings: CLEARING_EVENT_MEANINGS,
    requests: { 'clearing.credit': ['settling'], 'clearing.settled': ['settling'] },
  },
};

export { toDot, toMermaid } from './diagram.js';
export { meaningOf } from './eventMeanings.js';
