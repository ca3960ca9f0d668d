// The lines of a run's first three files, with their zod schemas for reading them back: a journal
// entry of ledger.jsonl, a transition of trace.jsonl, and how one flow ended in outcomes.jsonl.

import { z } from 'zod';
import type { EntryRecord } from '../ledger/index.js';
import { amountText, decimalText } from './text.js';

export type { EntryRecord };

const isoTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'expected an ISO time like 2024-09-02T09:00:00.000Z');

/** One line of ledger.jsonl. */
export const entryRecordSchema: z.ZodType<EntryRecord> = z.object({
  id: z.string(),
  time: isoTime,
  flow: z.string(),
  kind: z.string(),
  postings: z.array(z.object({ account: z.string(), asset: z.string(), amount: decimalText })),
  memo: z.string(),
  hold: z.string().optional(),
});

/** One line of trace.jsonl. */
export interface TraceLine {
  readonly time: string;
  readonly flow: string;
  readonly machine: string;
  readonly from: string | null;
  readonly event: string;
  readonly to: string;
}

export const traceLineSchema: z.ZodType<TraceLine> = z.object({
  time: isoTime,
  flow: z.string(),
  machine: z.string(),
  from: z.string().nullable(),
  event: z.string(),
  to: z.string(),
});

/** One line of outcomes.jsonl: how one payment or order ended. Amounts are "123.45 RUB". */
export interface OutcomeRecord {
  readonly flow: string;
  readonly id: string;
  readonly status: string;
  readonly reason: string | null;
  readonly initiatedAt: string;
  readonly finalAt: string;
  /** The payer, buyer or seller. */
  readonly party: string;
  /** The payer's RUB account, for payments and orders that have one. */
  readonly partyAccount: string | null;
  /** The beneficiary of a payment. */
  readonly counterparty: string | null;
  /** What was asked: the beneficiary's amount, the RUB to spend, or the coin to sell. */
  readonly amount: string;
  /** RUB taken from the payer (payments, purchases) or given to the seller (sales). */
  readonly rub: string | null;
  /** Coin bought or sold by an order. */
  readonly coin: string | null;
  /** RUB returned to the payer by an unwind. */
  readonly refunded: string | null;
  /** Coin frozen by sanctions in flight. */
  readonly frozen: string | null;
  /**
   * Coin a party of the rail kept instead of returning it (an off-ramp that could not send back
   * less than the chain fee). Optional: records written before it was attributed lack it.
   */
  readonly forfeited?: string | null;
  /** What a purchase counted against its buyer's cap, the buyer's category and the cap's year. */
  readonly capValue: string | null;
  readonly category: string | null;
  readonly capYear: number | null;
}

/**
 * The prices the report values a payment at, so its money can be recomputed from the records
 * alone: RUB per coin at the exchange's mid at the fill (`fill`) and when the payment ended
 * (`end`: coin frozen, kept in custody or kept by an off-ramp is worth this); local currency per
 * coin at the off-ramp's mid when it priced the coin (`offrampQuote`), and both mids at the payout
 * (`payoutLocal`, `payoutRub`), these three for settled payments only; `fill` only when coin was
 * bought. A receipt from abroad has `sale`: RUB per coin at mid when NPCS sold it.
 */
export type OutcomeMids = Readonly<Record<string, string>>;

/** A line of outcomes.jsonl as this version writes it: the invariants' record, and the prices behind its money. */
export interface WrittenOutcome extends OutcomeRecord {
  readonly mids: OutcomeMids | null;
}

const amountOrNull = amountText.nullable();

export const writtenOutcomeSchema: z.ZodType<WrittenOutcome> = z.object({
  flow: z.string(),
  id: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  initiatedAt: isoTime,
  finalAt: isoTime,
  party: z.string(),
  partyAccount: z.string().nullable(),
  counterparty: z.string().nullable(),
  amount: amountText,
  rub: amountOrNull,
  coin: amountOrNull,
  refunded: amountOrNull,
  frozen: amountOrNull,
  forfeited: amountOrNull.optional(),
  capValue: amountOrNull,
  category: z.string().nullable(),
  capYear: z.number().int().nullable(),
  mids: z.record(z.string(), decimalText).nullable(),
});
