// The records `run` writes for the report beside its journal, trace and outcomes: details.jsonl
// (each outcome in full), cycles.jsonl (each clearing cycle) and, when the run ends, run.json. The
// same records are folded into the report as they stream (report/fold.ts), exactly as
// `railpilot report` folds them when it reads them back.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from '../sim/index.js';
import { cycleRecord, detailRecord, runRecord, runStart, type Span } from '../app/runRecord.js';
import { ReportFold, type Report } from '../report/index.js';
import type { Verdict, WrittenOutcome } from '../records/index.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle.js';
import type { Outcome, RunResult } from '../scenario/runner.js';
import type { Scenario } from '../scenario/schema.js';

/** The files these records go to; with the journal, trace and outcomes, what a report is made from. */
export const RECORD_FILES = ['details.jsonl', 'cycles.jsonl', 'run.json'] as const;

const ONE_MINUTE_MS = 60_000;

export class RunRecords {
  private readonly start;
  private readonly fold;
  private readonly details: FileSink;
  private readonly cycles: FileSink;
  /** The minutes payments were ordered in, first and last: how far the report's timeline reaches. */
  private ordered: Span | null = null;

  constructor(
    s: Scenario,
    private readonly dir: string,
  ) {
    this.start = runStart(s);
    this.fold = new ReportFold(this.start);
    this.details = new FileSink(join(dir, 'details.jsonl'));
    this.cycles = new FileSink(join(dir, 'cycles.jsonl'));
  }

  /** The open files: the caller closes them with its own when the run ends or fails. */
  get sinks(): FileSink[] {
    return [this.details, this.cycles];
  }

  /** A flow ended: `record` is its line of outcomes.jsonl, already written. */
  outcome(o: Outcome, finalAt: number, record: WrittenOutcome): void {
    const detail = detailRecord(o, finalAt);
    this.details.write(JSON.stringify(detail) + '\n');
    this.fold.outcome(record, detail);
    if (o.flow === 'crossBorderPayment') {
      const minute = Math.floor(o.payment.initiatedAt / ONE_MINUTE_MS);
      this.ordered = this.ordered ? { first: Math.min(this.ordered.first, minute), last: Math.max(this.ordered.last, minute) } : { first: minute, last: minute };
    }
  }

  cycle(c: ClearingCycleOutcome): void {
    const record = cycleRecord(c);
    this.cycles.write(JSON.stringify(record) + '\n');
    this.fold.cycle(record);
  }

  /** The run ended (and `sinks` are closed): run.json is written and the report folded so far is complete. */
  finish(run: RunResult, declared: readonly Verdict[]): Report {
    const record = runRecord(this.start, run, declared, this.ordered);
    writeFileSync(join(this.dir, 'run.json'), JSON.stringify(record) + '\n');
    return this.fold.report(record);
  }
}
