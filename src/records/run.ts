// run.json: what a report needs about a run beyond its outcomes, written when the run ends. The
// compiled facts of the scenario (name, seed, starting mids, stablecoins, faults and listings as
// timeline events, the regime in force, the invariants' facts, the flows' state graphs) and the
// run's end state (its span, the ledger's balances, the caps used, clearing totals, the
// stablecoins' price index per minute when prices move, miners' block rewards, the declared invariants' verdicts).
// Amounts are "123.45 RUB", prices exact decimal strings, times ISO or ms as named.

import { z } from 'zod';
import { flowGraphSchema, type FlowGraph } from './graph.js';
import { runFactsSchema, verdictSchema, type RunFacts, type Verdict } from './facts.js';
import { amountText, decimalText } from './text.js';
import { regimeRecordSchema, type RegimeRecord } from './regime.js';

export const RUN_FORMAT = 'railpilot-run/1';

/** What is known before the run starts: all of it follows from the compiled scenario. */
export interface RunStart {
  readonly format: typeof RUN_FORMAT;
  readonly scenario: { readonly name: string; readonly description: string };
  /** Starting mid of each market, by market key (`USDT/RUB@spb`). */
  readonly markets: Readonly<Record<string, { readonly mid: string }>>;
  /** Stablecoins with an exchange, sorted, with the basket a basket coin is made of. */
  readonly stablecoins: readonly { readonly coin: string; readonly basket?: Readonly<Record<string, string>> }[];
  /** Faults and sanctions listings, as the report's timeline marks them. */
  readonly events: readonly { readonly kind: string; readonly label: string; readonly from: string; readonly to?: string }[];
  /** The law in force, as the report prints it. */
  readonly regime: RegimeRecord;
  /** RUB's declared scale, and the AML threshold (Law 115-FZ) as an amount. */
  readonly rubScale: number;
  readonly amlThreshold: string;
  /** Yearly caps per investor category as amounts, null for none. */
  readonly caps: { readonly nonQualified: string | null; readonly qualified: string | null };
  readonly facts: RunFacts;
  /** Every flow's state graph, by machine id. */
  readonly flows: Readonly<Record<string, FlowGraph>>;
}

/** The whole of run.json: the start facts and how the run ended. */
export interface RunRecord extends RunStart {
  readonly seed: number;
  /** The run's span, ms since the epoch. */
  readonly startTime: number;
  readonly endTime: number;
  readonly ledger: { readonly entries: number; readonly balances: readonly { readonly account: string; readonly kind: string; readonly asset: string; readonly balance: string }[] };
  /** Each capped investor-year's use, in 10^-18 of the cap's currency, and the investor's category. */
  readonly capUse: readonly { readonly investor: string; readonly year: number; readonly used: string; readonly category: 'qualified' | 'nonQualified' | null }[];
  /** NPCS clearing totals and each member's, null without clearing. */
  readonly clearing: {
    readonly totals: { readonly cycles: number; readonly obligations: number; readonly gross: string; readonly netDebits: string; readonly saved: string; readonly creditDrawn: string };
    readonly members: readonly { readonly member: string; readonly paid: string; readonly received: string; readonly peakNetDebit: string; readonly creditDrawn: string }[];
  } | null;
  /**
   * Each stablecoin's RUB value relative to the start, at whole minutes (ms / 60000) across the
   * run, as [minute, index] pairs from which the index holds until the next; null when nothing moves.
   */
  readonly priceIndex: Readonly<Record<string, readonly (readonly [number, string])[]>> | null;
  /** Mined coin each miner received from outside the rail (block rewards): how many rewards and their sum; null without miners. */
  readonly mining: Readonly<Record<string, { readonly rewards: number; readonly total: string }>> | null;
  readonly declaredInvariants: readonly Verdict[];
}

const maybeAmount = amountText.nullable();

export const runRecordSchema = z.object({
  format: z.literal(RUN_FORMAT),
  scenario: z.object({ name: z.string(), description: z.string() }),
  markets: z.record(z.string(), z.object({ mid: decimalText })),
  stablecoins: z.array(z.object({ coin: z.string(), basket: z.record(z.string(), decimalText).optional() })),
  events: z.array(z.object({ kind: z.string(), label: z.string(), from: z.string(), to: z.string().optional() })),
  regime: regimeRecordSchema,
  rubScale: z.number().int().min(0),
  amlThreshold: amountText,
  caps: z.object({ nonQualified: maybeAmount, qualified: maybeAmount }),
  facts: runFactsSchema,
  flows: z.record(z.string(), flowGraphSchema),
  seed: z.number().int(),
  startTime: z.number().int(),
  endTime: z.number().int(),
  ledger: z.object({
    entries: z.number().int().min(0),
    balances: z.array(z.object({ account: z.string(), kind: z.string(), asset: z.string(), balance: decimalText })),
  }),
  capUse: z.array(z.object({ investor: z.string(), year: z.number().int(), used: z.string().regex(/^\d+$/), category: z.enum(['qualified', 'nonQualified']).nullable() })),
  clearing: z
    .object({
      totals: z.object({ cycles: z.number().int(), obligations: z.number().int(), gross: amountText, netDebits: amountText, saved: amountText, creditDrawn: amountText }),
      members: z.array(z.object({ member: z.string(), paid: amountText, received: amountText, peakNetDebit: amountText, creditDrawn: amountText })),
    })
    .nullable(),
  priceIndex: z.record(z.string(), z.array(z.tuple([z.number().int(), decimalText]))).nullable(),
  mining: z.record(z.string(), z.object({ rewards: z.number().int().min(0), total: amountText })).nullable(),
  declaredInvariants: z.array(verdictSchema),
});

/** The starting mids of the markets, by market key: what a Scenario and run.json both carry. */
export interface MarketMids {
  readonly markets: Readonly<Record<string, { readonly mid: string }>>;
}

/** What the report's domestic section reads of a run: the law in force (cap use is the Caps section's, report/caps.ts). */
export interface DomesticFacts {
  readonly regime: { readonly preset: { readonly name: string }; readonly rules: RegimeRecord['rules']; readonly caps: RegimeRecord['caps']; readonly aml: RegimeRecord['aml'] };
}
