// Running a small scenario in memory for the edge tests: every record it writes, every invariant's
// verdict, and the outcome lines as outcomes.jsonl would hold them.

import { expect } from 'vitest';
import { entryRecord, type JournalEntry } from '../../src/ledger/index.js';
import { traceLine, type TraceRecord } from '../../src/sim/index.js';
import { INVARIANTS, checkRun, type EntryRecord, type OutcomeRecord, type TraceLine, type Verdict } from '../../src/invariants/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario, type Outcome, type RunResult } from '../../src/scenario/runner.js';
import type { Model } from '../../src/scenario/model.js';
import { outcomeRecord, runFacts } from '../../src/app/outcomeRecord.js';

export interface EdgeRun {
  readonly scenario: Model;
  readonly result: RunResult;
  readonly entries: EntryRecord[];
  readonly traces: TraceLine[];
  readonly records: OutcomeRecord[];
  readonly outcomes: Map<string, Outcome>;
  readonly verdicts: Verdict[];
  record(id: string): OutcomeRecord;
}

export function scenarioOf(yaml: string): Model {
  const r = parseScenario('edge.yaml', yaml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/** Runs `yaml` and checks every built-in invariant over its records. */
export function runEdge(yaml: string | Model): EdgeRun {
  const scenario = typeof yaml === 'string' ? scenarioOf(yaml) : yaml;
  const entries: EntryRecord[] = [];
  const traces: TraceLine[] = [];
  const records: OutcomeRecord[] = [];
  const outcomes = new Map<string, Outcome>();
  const result = runScenario(scenario, {
    entry: (e: JournalEntry) => entries.push(entryRecord(e)),
    trace: (t: TraceRecord) => traces.push(traceLine(t)),
    outcome: (o, at) => {
      outcomes.set(o.id, o);
      records.push(outcomeRecord(o, at));
    },
  });
  const verdicts = checkRun({ entries, traces, outcomes: records }, runFacts(scenario), INVARIANTS);
  return {
    scenario,
    result,
    entries,
    traces,
    records,
    outcomes,
    verdicts,
    record(id) {
      const r = records.find((o) => o.id === id);
      if (!r) throw new Error(`no outcome ${id}`);
      return r;
    },
  };
}

export function expectInvariantsHold(r: EdgeRun): void {
  expect(r.verdicts.filter((v) => !v.ok)).toEqual([]);
}
