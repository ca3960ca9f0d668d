// A payment as a flow sees it: what was asked, and how it ended.

import type { Amount, Dec as Decimal } from '../money/index.js';
import type { Participant } from '../rails/participants/participant.js';

export interface PaymentSpec {
  readonly id: string;
  readonly payer: Participant;
  readonly payee: Participant;
  /** What the beneficiary must receive, in local currency. */
  readonly amount: Amount;
  /** `pilot`: through NPCS, a stablecoin and a chain; `correspondent`: the old channel, as a baseline. */
  readonly rail: PaymentRail;
  /**
   * `sequential`: the RUB leg is final at conversion, before the coin travels; `pvp`: the RUB hold
   * is posted only in the same instant as the beneficiary is credited (payment versus payment).
   */
  readonly settlement: SettlementMode;
  readonly coin: string;
  readonly chain: string;
  /** Simulated time the payment order was given, ms. */
  readonly initiatedAt: number;
}

export type PaymentRail = 'pilot' | 'correspondent';
export type SettlementMode = 'sequential' | 'pvp';

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
  /** When the RUB leg became irrevocable (CPSS): the fill, or under PvP the payout itself. */
  readonly paidAt: number | null;
  /** RUB per coin at mid when the coin was bought (or, under PvP, locked). */
  readonly fillMid: Decimal | null;
  /** The off-ramp's mid when a settled payment's coin was priced: its spread is measured at it. */
  readonly quotedOfframpMid: Decimal | null;
  /** Prices at the payout of a settled payment. */
  readonly marks: { readonly at: number; readonly coinLocal: Decimal; readonly coinRub: Decimal } | null;
  /** Coin bought, chain fee included. */
  readonly bought: Amount | null;
  /** Coin the off-ramp received for the payout, when settled. */
  readonly delivered: Amount | null;
  /** NPCS's charge on the RUB leg, when the RUB leg was paid. */
  readonly npcsFee: Amount | null;
  /** Fee of the outbound transfer, when it got into a block (a dropped one pays none). */
  readonly chainFee: Amount | null;
  /** Coin an unwind left in the payer's custody because the exchange could not buy it back. */
  readonly keptCoin: Amount | null;
  /** RUB returned to the payer by an unwind. */
  readonly refunded: Amount | null;
  /** Frozen by sanctions: the coin, or the payer's held RUB (PvP, or a hold released to a listed payer). */
  readonly frozen: Amount | null;
  /** Coin the off-ramp kept after a failed payout because the return fee would have taken it all. */
  readonly forfeited: Amount | null;
}

/** A payment from abroad to a Russian exporter: a receipt, invoiced in a coin NPCS sells for RUB. */
export function isReceipt(p: PaymentSpec): boolean {
  return p.payer.country !== 'RU' && p.payee.country === 'RU';
}
