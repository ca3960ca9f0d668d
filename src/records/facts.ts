// The facts about a run that its files are checked against (final states, sanctions, caps, time
// bounds, requests, declared invariants), and the verdict on one invariant: both as report.json and
// run.json state them, with their zod schemas for reading them back.

import { z } from 'zod';

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
  /**
   * The correspondent baseline in force (src/rails/correspondent/baselines.ts) when some payment
   * takes that channel, with where its figures come from; null otherwise. Absent in older runs.
   */
  readonly correspondentBaseline?: { readonly name: string; readonly description: string; readonly sources: readonly string[] } | null;
}

export const runFactsSchema = z.object({
  finalStates: z.record(z.string(), z.array(z.string())),
  sanctions: z.array(z.object({ party: z.string(), from: z.string().nullable() })),
  boundsMs: z.record(z.string(), z.number()),
  requests: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  declared: z.array(z.string()),
  caps: z.object({ nonQualified: z.string().nullable(), qualified: z.string().nullable() }),
  correspondentBaseline: z.object({ name: z.string(), description: z.string(), sources: z.array(z.string()) }).nullable().optional(),
});

/** The verdict on one invariant. */
export interface Verdict {
  readonly name: string;
  readonly ok: boolean;
  /** How many records it looked at. */
  readonly checked: number;
  /** On a failure: what is wrong, naming the first offending entry, transition or outcome. */
  readonly detail?: string;
}

export const verdictSchema = z.object({ name: z.string(), ok: z.boolean(), checked: z.number().int(), detail: z.string().optional() });
