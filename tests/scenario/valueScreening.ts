// Helpers for the value-flow tests: run a YAML scenario with its records and verdicts, and find
// the instant of a transition in one run so a second run (same seed, same timings) can list a
// party exactly then.

import { expect } from 'vitest';
import { formatProblems, parseScenario } from '../../src/scenario/load.js';
import { runScenario, type Outcome } from '../../src/scenario/runner.js';
import { entryRecord, type JournalEntry } from '../../src/ledger/index.js';
import { traceLine } from '../../src/sim/index.js';
import { INVARIANTS, checkRun, type EntryRecord, type OutcomeRecord, type TraceLine, type Verdict } from '../../src/invariants/index.js';
import { outcomeRecord, runFacts } from '../../src/app/outcomeRecord.js';

export interface Ran {
  readonly entries: readonly JournalEntry[];
  readonly outcomes: ReadonlyMap<string, Outcome>;
  readonly records: ReadonlyMap<string, OutcomeRecord>;
  readonly verdicts: readonly Verdict[];
  readonly failures: readonly Verdict[];
  /** Each account's balance at the end, per asset, in minor units. */
  balance(account: string, asset: string): bigint;
}

export function runYaml(yaml: string): Ran {
  const parsed = parseScenario('value.yaml', yaml);
  if (!parsed.ok) throw new Error(formatProblems('value.yaml', parsed.problems));
  const entries: JournalEntry[] = [];
  const rec: EntryRecord[] = [];
  const traces: TraceLine[] = [];
  const outcomes = new Map<string, Outcome>();
  const records = new Map<string, OutcomeRecord>();
  const run = runScenario(parsed.scenario, {
    entry: (e) => {
      entries.push(e);
      rec.push(entryRecord(e));
    },
    trace: (t) => traces.push(traceLine(t)),
    outcome: (o, at) => {
      outcomes.set(o.id, o);
      records.set(o.id, outcomeRecord(o, at));
    },
  });
  const verdicts = checkRun({ entries: rec, traces, outcomes: [...records.values()] }, runFacts(parsed.scenario), INVARIANTS);
  return {
    entries,
    outcomes,
    records,
    verdicts,
    failures: verdicts.filter((v) => !v.ok),
    balance: (account, asset) => run.balances.find((b) => b.account === account && b.asset === asset)?.minor ?? 0n,
  };
}

/** The ISO instant of the only entry of `kind` in `flow` (the first when `first` is set). */
export function instantOf(r: Ran, flow: string, kind: string, first = false): string {
  const found = r.entries.filter((e) => e.flow === flow && e.kind === kind);
  if (!first) expect(found, `${kind} entries of ${flow}`).toHaveLength(1);
  expect(found.length, `${kind} entries of ${flow}`).toBeGreaterThan(0);
  return new Date(found[0]!.time).toISOString();
}

/** The instant one millisecond before `iso`. */
export function justBefore(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString();
}
