// A payment as a flow sees it: what was asked, and how it ended.

import type { Amount } from '../money/index.js';
import type { Participant } from '../rails/participants/participant.js';

export interface PaymentSpec {
  readonly id: string;
  readonly payer: Participant;
  readonly payee: Participant;
  /** What the beneficiary must receive, in local currency. */
  readonly amount: Amount;
  readonly coin: string;
  readonly chain: string;
  /** Simulated time the payment order was given, ms. */
  readonly initiatedAt: number;
}

export type PaymentStatus = 'settled' | 'rejected' | 'refunded' | 'frozen';

export interface PaymentOutcome {
  readonly flow: 'crossBorderPayment';
  readonly id: string;
  readonly status: PaymentStatus;
  /** Why it did not settle: `sanctions.blocked:<party>`, `funds.insufficient`, `chain.notIncluded`... */
  readonly reason: string | null;
  readonly payment: PaymentSpec;
  /** RUB taken from the payer by the conversion. */
  readonly paid: Amount | null;
  /** Coin bought, chain fee included. */
  readonly bought: Amount | null;
  /** Coin the off-ramp received for the payout, when settled. */
  readonly delivered: Amount | null;
  /** Fee of the outbound transfer, when it got into a block (a dropped one pays none). */
  readonly chainFee: Amount | null;
  /** RUB returned to the payer by an unwind. */
  readonly refunded: Amount | null;
  /** Coin frozen by sanctions in flight. */
  readonly frozen: Amount | null;
}
