// What a cross-border payment's machine says and asks: the events the rails answer with, the
// ports it sends requests through, and its limits. The machine itself is crossBorderPayment.ts.

import type { Amount, Dec as Decimal } from '../../money/index.js';
import type { Quote } from '../../rails/exchange/exchange.js';
import type { PaymentSpec } from '../payment.js';

export type CrossBorderEvent =
  | { type: 'SCREENING_PASSED' }
  | { type: 'PAYMENT_UNLAWFUL'; reason: string }
  | { type: 'SCREENING_BLOCKED'; party: string }
  | { type: 'QUOTE_RECEIVED'; quote: Quote; deliver: Amount; fee: Amount; npcsFee: Amount; offrampMid: Decimal }
  | { type: 'QUOTE_UNAVAILABLE'; reason: string }
  | { type: 'FUNDS_HELD'; holdId: string }
  | { type: 'FUNDS_INSUFFICIENT' }
  | { type: 'CONVERSION_FILLED'; coin: Amount; paid: Amount; mid: Decimal; at: number }
  | { type: 'COIN_LOCKED'; coin: Amount; mid: Decimal }
  | { type: 'QUOTE_EXPIRED' }
  | { type: 'CONVERSION_FAILED'; reason: string }
  | { type: 'CHAIN_TX_INCLUDED' }
  | { type: 'CHAIN_TX_CONFIRMED' }
  | { type: 'CHAIN_TX_DROPPED' }
  | { type: 'RETURN_RECEIVED'; coin: Amount }
  | { type: 'RETURN_FORFEITED'; coin: Amount }
  | { type: 'HOLD_FROZEN'; party: string }
  | { type: 'PAYOUT_COMPLETED'; marks: PayoutMarks; paid?: Amount }
  | { type: 'PAYOUT_FAILED'; reason: string }
  | { type: 'PAYOUT_FROZEN'; party: string }
  | { type: 'SOLD_BACK'; rub: Amount }
  | { type: 'SELL_BACK_REFUSED' }
  | { type: 'REFUND_FROZEN'; party: string };

export type Reply = (event: CrossBorderEvent) => void;

/** Prices at the moment of payout, for valuing the payment: the off-ramp's mid and the coin's RUB mid. */
export interface PayoutMarks {
  readonly at: number;
  readonly coinLocal: Decimal;
  readonly coinRub: Decimal;
}

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
  /** Releases the hold to the payer; to the frozen account if the payer is listed now (see `holdFreezes`). */
  voidHold(payment: PaymentSpec, holdId: string): void;
  /** Whether the hold, released now, ends in the frozen account (payer listed, or it expired there). */
  holdFreezes(payment: PaymentSpec, holdId: string): boolean;
  /**
   * CONVERSION_FILLED (paid: the quoted cost and NPCS's fee), QUOTE_EXPIRED, CONVERSION_FAILED, or
   * HOLD_FROZEN when the hold expired into the frozen account (payer listed). Same for `lockCoin`.
   */
  convert(payment: PaymentSpec, quote: Quote, npcsFee: Amount, holdId: string, reply: Reply): void;
  /** PvP: COIN_LOCKED (the exchange will send the coin to escrow, the hold stays pending), QUOTE_EXPIRED or CONVERSION_FAILED. */
  lockCoin(payment: PaymentSpec, quote: Quote, holdId: string, reply: Reply): void;
  /** CHAIN_TX_INCLUDED then CHAIN_TX_CONFIRMED; `fee` is what the sender budgeted for it. */
  sendOnChain(payment: PaymentSpec, coin: Amount, fee: Amount, reply: Reply): void;
  /** CHAIN_TX_DROPPED: the payment's transfer left the mempool and the coin is back with its sender. */
  dropTransfer(payment: PaymentSpec, reply: Reply): void;
  /**
   * PAYOUT_COMPLETED; PAYOUT_FROZEN when the off-ramp's screening finds a party listed since the
   * payment began (the coin is moved to the frozen account); or PAYOUT_FAILED. Under PvP the hold
   * is posted in the same instant as the credit (PAYOUT_COMPLETED carries what it took), the
   * payer's held RUB is what is frozen, and a failure has already refunded the escrow.
   */
  payout(payment: PaymentSpec, coin: Amount, quote: Quote, npcsFee: Amount, holdId: string | undefined, reply: Reply): void;
  /**
   * The off-ramp sends the coin back to NPCS, less the chain fee: RETURN_RECEIVED with what arrived.
   * During a fee spike it waits, re-pricing as the spike ends, up to `waitUpToMs`; if the fee still
   * takes it all, RETURN_FORFEITED: the off-ramp keeps the coin.
   */
  returnOnChain(payment: PaymentSpec, coin: Amount, waitUpToMs: number, reply: Reply): void;
  /**
   * SOLD_BACK with the RUB credited to the payer; REFUND_FROZEN when the payer has been listed
   * (the coin is frozen, not paid back); SELL_BACK_REFUSED when the exchange has not the RUB to
   * buy it (NPCS hands the coin to the payer's custody: the payment ends returnedInCoin).
   */
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
