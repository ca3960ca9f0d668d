// The settlement invariants as named predicates over a finished run. Each is a small checker fed
// the run's records (entries, then transitions, then outcomes, each stream in its own order) and
// asked for a verdict at the end, so a run can be checked while it streams from disk. One
// invariant or a family lives in each module; this one lists them and runs them.

import { balancedEntries, conservation, nonNegativeHoldings } from './entries.js';
import { finality, holdsEndWithFlow, holdsResolvedOnce, idempotency } from './lifecycle.js';
import { linkedLegs } from './linkedLegs.js';
import { creditAfterConfirmation, sanctionsRespected } from './credits.js';
import { capsRespected } from './caps.js';
import { attosOf, type InvariantFactory } from './kit.js';
import type { EntryRecord, OutcomeRecord, RunFacts, TraceLine, Verdict } from './records.js';

export { atto, attosOf, attosOfMinor, showAtto, type Invariant, type InvariantFactory } from './kit.js';
export { EXTERNAL_GATES, balancedEntries, conservation, nonNegativeHoldings } from './entries.js';
export { finality, holdsEndWithFlow, holdsResolvedOnce, idempotency } from './lifecycle.js';
export { linkedLegs } from './linkedLegs.js';
export { creditAfterConfirmation, sanctionsRespected } from './credits.js';
export { capsRespected } from './caps.js';

/** Every invariant that a run's files allow checking, in the order of the issues that name them. */
export const INVARIANTS: readonly InvariantFactory[] = [
  balancedEntries,
  conservation,
  nonNegativeHoldings,
  finality,
  holdsResolvedOnce,
  linkedLegs,
  sanctionsRespected,
  capsRespected,
  idempotency,
  holdsEndWithFlow,
  creditAfterConfirmation,
];

export interface RunRecords {
  readonly entries: Iterable<EntryRecord>;
  readonly traces: Iterable<TraceLine>;
  readonly outcomes: Iterable<OutcomeRecord>;
}

/** Checks every invariant over a run's records; one verdict each. */
export function checkRun(records: RunRecords, facts: RunFacts, invariants: readonly InvariantFactory[] = INVARIANTS): Verdict[] {
  const checkers = invariants.map((make) => make(facts));
  for (const e of records.entries) {
    const amounts = attosOf(e);
    for (const c of checkers) c.entry?.(e, amounts);
  }
  for (const t of records.traces) for (const c of checkers) c.trace?.(t);
  for (const o of records.outcomes) for (const c of checkers) c.outcome?.(o);
  return checkers.map((c) => c.finish());
}

/** The first invariant found broken while a run streams: what it is, and its first offender. */
export interface Breach {
  readonly name: string;
  readonly detail: string;
}

/**
 * Checkers fed record by record as a run streams, for a verdict each at the end. `breach` names
 * the first checker that already knows it fails, so the caller can stop at that record.
 */
export function streamingCheck(facts: RunFacts, invariants: readonly InvariantFactory[]) {
  const checkers = invariants.map((make) => make(facts));
  // Each stream goes only to the checkers that read it: they are asked several times a payment.
  const onEntry = checkers.filter((c) => c.entry !== undefined);
  const onTrace = checkers.filter((c) => c.trace !== undefined);
  const onOutcome = checkers.filter((c) => c.outcome !== undefined);
  const telling = checkers.filter((c) => c.broken !== undefined);
  return {
    /** `amounts`: the postings' amounts as atto counts, if the caller parsed them already. */
    entry: (e: EntryRecord, amounts: readonly bigint[] = attosOf(e)) => {
      for (const c of onEntry) c.entry!(e, amounts);
    },
    trace: (t: TraceLine) => {
      for (const c of onTrace) c.trace!(t);
    },
    outcome: (o: OutcomeRecord) => {
      for (const c of onOutcome) c.outcome!(o);
    },
    breach: (): Breach | undefined => {
      for (const c of telling) {
        const detail = c.broken!();
        if (detail !== undefined) return { name: c.name, detail };
      }
      return undefined;
    },
    finish: (): Verdict[] => checkers.map((c) => c.finish()),
  };
}
