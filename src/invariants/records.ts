// The plain records a run is checked on: the lines of its output files (ledger.jsonl,
// trace.jsonl, outcomes.jsonl) and the facts report.json states about it. They live in
// src/records with their schemas; the invariants read only these, so a run can be verified from
// disk as well as in memory.

export type { EntryRecord, TraceLine, OutcomeRecord, RunFacts, Verdict } from '../records/index.js';
