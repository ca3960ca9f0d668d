// One run as `railpilot run` makes it, without the files: the scenario runs while its records
// (ledger entries, journal text, trace lines, outcomes, details, clearing cycles) stream to
// whatever writers the caller gives, every built-in invariant is checked as they stream, and the
// report is folded from the same records. `run` gives file writers (cli/runToFolder.ts); a sweep
// and the browser studio give none or their own, so all three print the same report.json.

import { entryRecord, isoClock, recordToJournal } from '../ledger/index.js';
import { INVARIANTS, attosOfMinor, declaredFrom, streamingCheck, type Breach } from '../invariants/index.js';
import { traceLine } from '../sim/index.js';
import type { TraceLine } from '../records/index.js';
import { runScenario, type Outcome, type RunResult } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import type { Prices } from '../rails/stablecoin/prices.js';
import { ReportFold, midsAt, midsOf, type Report } from '../report/index.js';
import { cycleRecord, detailRecord, runRecord, runStart, type Span } from './runRecord.js';
import { outcomeRecord, runFacts } from './outcomeRecord.js';
import { EntryTally } from './entryTally.js';

/** A built-in invariant broke while a run streamed: the run stops and writes nothing. */
export class InvariantBroken extends Error {
  constructor(
    readonly invariant: string,
    readonly detail: string,
  ) {
    super(`invariant ${invariant} failed: ${detail}`);
    this.name = 'InvariantBroken';
  }
}

/**
 * Where each record goes; a record with no writer is not serialised. The JSONL writers are given
 * each record's JSON line without its new line (the writer ends the line: no copy of each line is
 * made only to append one); `journal` is given the journal's text as it goes in the file.
 */
export interface RunWriters {
  readonly ledger?: (line: string) => void;
  readonly journal?: (text: string) => void;
  readonly trace?: (line: string) => void;
  readonly outcomes?: (line: string) => void;
  readonly details?: (line: string) => void;
  readonly cycles?: (line: string) => void;
}

export interface RecordRunOptions {
  readonly seed?: number;
  readonly progress?: (p: { time: number; started: number; finished: number }) => void;
  /** Watchers of the run as it goes (the studio counts steps and lists flows). */
  readonly observe?: { readonly trace?: (line: TraceLine) => void; readonly outcome?: (o: Outcome) => void };
  /** False: a broken built-in invariant is returned in `broken` instead of stopping the run. */
  readonly stopOnBreach?: boolean;
}

export interface RecordedRun {
  readonly report: Report;
  readonly run: RunResult;
  /** run.json's text. */
  readonly runJson: string;
  /** The first built-in invariant that broke, when `stopOnBreach` is false. */
  readonly broken: Breach | undefined;
}

const ONE_MINUTE_MS = 60_000;

export function recordRun(s: Model, out: RunWriters, options: RecordRunOptions = {}): RecordedRun {
  const stop = options.stopOnBreach ?? true;
  const facts = runFacts(s);
  // The built-in invariants stop the run: a broken one means the outputs are wrong. A breach seen
  // in an entry stops the run at once (the throw unwinds through the rail that posted it); one
  // seen in a transition or an outcome is raised at the next entry or at the end, because those
  // listeners run inside xstate's observers, which would swallow a throw.
  const builtin = streamingCheck(facts, INVARIANTS);
  const stopIfBroken = () => {
    const b = stop ? builtin.breach() : undefined;
    if (b) throw new InvariantBroken(b.name, b.detail);
  };
  // The scenario's own invariants are checked as the run streams; the files need not be re-read.
  const declared = streamingCheck(facts, declaredFrom(facts.declared));
  const watching = facts.declared.length > 0;
  // Coin is valued at the mid of the moment its flow ended: the run hands over its prices as it starts.
  let prices: Prices | undefined;
  const mids = { start: midsOf(s.source), at: midsAt(s.source, () => prices) };
  const start = runStart(s);
  const fold = new ReportFold(start);
  // Block rewards and central-bank credit per member: figures of the journal run.json and cycles.jsonl carry.
  const tally = new EntryTally();
  /** The minutes payments were ordered in, first and last: how far the report's timeline reaches. */
  let ordered: Span | null = null;
  const seed = options.seed ?? s.seed;
  // Entries and trace lines of one instant share its text.
  const iso = isoClock();
  out.journal?.(`; railpilot journal: scenario ${s.name}, seed ${seed}\n; one transaction per journal entry; tags give the entry id, simulated time of day and flow\n\n`);
  let run: RunResult;
  try {
    run = runScenario(
      s,
      {
        entry: (e) => {
          const record = entryRecord(e, iso);
          tally.entry(e);
          out.ledger?.(JSON.stringify(record));
          out.journal?.(recordToJournal(record));
          // Once for every checker, built-in and declared, from the entry's minor units: the
          // record's text is not read back.
          const amounts = attosOfMinor(e.postings);
          if (watching) declared.entry(record, amounts);
          builtin.entry(record, amounts);
          stopIfBroken();
        },
        trace: (r) => {
          const line = traceLine(r, iso);
          out.trace?.(JSON.stringify(line));
          if (watching) declared.trace(line);
          builtin.trace(line);
          options.observe?.trace?.(line);
        },
        prices: (p) => (prices = p),
        outcome: (o, finalAt) => {
          const record = outcomeRecord(o, finalAt, mids, iso);
          out.outcomes?.(JSON.stringify(record));
          if (watching) declared.outcome(record);
          builtin.outcome(record);
          const detail = detailRecord(o, finalAt);
          out.details?.(JSON.stringify(detail));
          fold.outcome(record, detail);
          if (o.flow === 'crossBorderPayment') {
            const minute = Math.floor(o.payment.initiatedAt / ONE_MINUTE_MS);
            ordered = ordered ? { first: Math.min(ordered.first, minute), last: Math.max(ordered.last, minute) } : { first: minute, last: minute };
          }
          options.observe?.outcome?.(o);
        },
        cycle: (c, finalAt) => {
          const record = cycleRecord(c, finalAt, tally.creditOf(c.id));
          out.cycles?.(JSON.stringify(record));
          fold.cycle(record);
        },
        ...(options.progress ? { progress: options.progress } : {}),
      },
      options.seed === undefined ? {} : { seed: options.seed },
    );
  } catch (e) {
    // A flow that failed because of a breach already seen fails for that breach.
    const b = builtin.breach();
    if (b && !(e instanceof InvariantBroken)) throw new InvariantBroken(b.name, b.detail);
    throw e;
  }
  stopIfBroken();
  const broken = builtin.breach() ?? builtin.finish().find((v) => !v.ok);
  if (broken && stop) throw new InvariantBroken(broken.name, broken.detail ?? 'no detail');
  const record = runRecord(start, run, declared.finish(), ordered, tally.mining());
  return {
    report: fold.report(record),
    run,
    runJson: JSON.stringify(record) + '\n',
    broken: broken ? { name: broken.name, detail: broken.detail ?? '' } : undefined,
  };
}
