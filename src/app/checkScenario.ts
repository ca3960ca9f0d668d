// Running a scenario in memory and checking every settlement invariant on it: what a property
// test over generated scenarios calls, in one line.

import { entryRecord } from '../ledger/index.js';
import { traceLine } from '../sim/index.js';
import { INVARIANTS, checkRun, declaredFrom, type EntryRecord, type InvariantFactory, type OutcomeRecord, type TraceLine, type Verdict } from '../invariants/index.js';
import { runScenario, type Outcome, type RunOptions } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import { outcomeRecord, runFacts } from './outcomeRecord.js';

export interface CheckedRun {
  readonly verdicts: readonly Verdict[];
  /** The invariants that failed; empty when all hold. */
  readonly failures: readonly Verdict[];
  readonly outcomes: readonly Outcome[];
}

/** Runs `s` and checks it; `invariants` defaults to the whole kit and the scenario's own. */
export function checkScenario(s: Model, options: RunOptions = {}, invariants?: readonly InvariantFactory[]): CheckedRun {
  const entries: EntryRecord[] = [];
  const traces: TraceLine[] = [];
  const records: OutcomeRecord[] = [];
  const outcomes: Outcome[] = [];
  runScenario(
    s,
    {
      entry: (e) => entries.push(entryRecord(e)),
      trace: (t) => traces.push(traceLine(t)),
      outcome: (o, at) => {
        outcomes.push(o);
        records.push(outcomeRecord(o, at));
      },
    },
    options,
  );
  const facts = runFacts(s);
  const verdicts = checkRun({ entries, traces, outcomes: records }, facts, invariants ?? [...INVARIANTS, ...declaredFrom(facts.declared)]);
  return { verdicts, failures: verdicts.filter((v) => !v.ok), outcomes };
}
