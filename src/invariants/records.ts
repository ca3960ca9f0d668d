// The plain records a run is checked on: the lines of its output files (ledger.jsonl,
// trace.jsonl, outcomes.jsonl) and the facts report.json states about it. The invariants read
// only these, so a run can be verified from disk as well as in memory.

export type { EntryRecord } from '../ledger/index.js';

/** One line of trace.jsonl. */
export interface TraceLine {
  readonly time: string;
  readonly flow: string;
  readonly machine: string;
  readonly from: string | null;
  readonly event: string;
  readonly to: string;
}

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
  /** Coin an off-ramp kept after a failed payout, the return fee being worth it all (absent in older runs). */
  readonly forfeited?: string | null;
  /** What a purchase counted against its buyer's cap, the buyer's category and the cap's year. */
  readonly capValue: string | null;
  readonly category: string | null;
  readonly capYear: number | null;
}

/** What report.json says about the run that the invariants need. */
export interface RunFacts {
  /** Final states of each machine, by machine id. */
  readonly finalStates: Readonly<Record<string, readonly string[]>>;
  /** Sanctioned parties and since when (null: before the run). */
  readonly sanctions: readonly { readonly party: string; readonly from: string | null }[];
  /** Per machine: the most time, in ms, a flow may take from its first state to its final one. */
  readonly boundsMs: Readonly<Record<string, number>>;
  /** Per machine: the entry kinds a request posts, and the states that send that request. */
  readonly requests: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Invariants the scenario declares in the expression form (see expressions.ts). */
  readonly declared: readonly string[];
  /** Yearly caps per investor category ("600.00 USD"), null for none. */
  readonly caps: { readonly nonQualified: string | null; readonly qualified: string | null };
}

/** The verdict on one invariant. */
export interface Verdict {
  readonly name: string;
  readonly ok: boolean;
  /** How many records it looked at. */
  readonly checked: number;
  /** On a failure: what is wrong, naming the first offending entry, transition or outcome. */
  readonly detail?: string;
}
