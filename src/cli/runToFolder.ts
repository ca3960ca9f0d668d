// One scenario run written to a folder: the outputs stream into a temporary sibling folder that
// is renamed into place only when the run and its report are complete, so a failed or
// interrupted run never leaves a half-written folder behind. Every built-in invariant is checked
// as the records stream, so a run whose own `verify` would reject it stops at the record that
// broke one and writes nothing. It is async only because the state
// diagram in report.html is laid out by Graphviz in WebAssembly, which loads asynchronously; the
// run itself stays synchronous on the simulated clock.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { entryRecord, entryToJournal } from '../ledger/index.js';
import { INVARIANTS, declaredFrom, streamingCheck, type Breach } from '../invariants/index.js';
import { BadInput, InvariantBroken } from './errors.js';
import { RECORD_FILES, RunRecords } from './runRecords.js';
import { inlineLibraries } from './inlineLibraries.js';
import { FileSink, traceLine } from '../sim/index.js';
import { runScenario } from '../scenario/runner.js';
import { outcomeRecord, runFacts } from '../app/outcomeRecord.js';
import type { Scenario } from '../scenario/schema.js';
import type { Prices } from '../rails/stablecoin/prices.js';
import { midsAt, midsOf, reportHtml, reportJson, reportMarkdown, type Report } from '../report/index.js';
import { stateDiagramSvg } from '../app/stateDiagram.js';

export interface Progress {
  (p: { time: number; started: number; finished: number }): void;
}

/** How many payments and orders a scenario asks for, known before it runs. */
export function paymentCount(s: Scenario): number {
  const count = (items: readonly object[]) => items.reduce((n: number, p) => n + ('generate' in p ? (p.generate as { count: number }).count : 1), 0);
  return count(s.payments) + count(s.orders);
}

/** The files a run writes: an existing folder holding only these may be replaced. */
const RUN_FILES = new Set(['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'outcomes.jsonl', ...RECORD_FILES, 'report.json', 'report.md', 'report.html']);

/** Replacing an earlier run is fine; emptying a folder of someone's own files is not. */
function refuseForeignFolder(target: string, outDir: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new BadInput(`--out ${outDir}: exists and is not a folder`);
  const foreign = readdirSync(target).filter((f) => !RUN_FILES.has(f));
  if (foreign.length > 0) throw new BadInput(`--out ${outDir}: exists and holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}, which a run did not write; choose an empty or new folder`);
}

export async function runToFolder(s: Scenario, outDir: string, seed?: number, progress?: Progress): Promise<Report> {
  // Before the folder exists: if the diagram cannot be drawn, there is nothing to clean up.
  const diagram = await stateDiagramSvg();
  const target = resolve(outDir);
  refuseForeignFolder(target, outDir);
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new BadInput(`--out ${outDir}: cannot create the output folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const facts = runFacts(s);
  // The built-in invariants stop the run: a broken one means the outputs are wrong. A breach seen
  // in an entry stops the run at once (the throw unwinds through the rail that posted it); one
  // seen in a transition or an outcome is raised at the next entry or at the end, because those
  // listeners run inside xstate's observers, which would swallow a throw.
  const builtin = streamingCheck(facts, INVARIANTS);
  const stopIfBroken = () => {
    const b: Breach | undefined = builtin.breach();
    if (b) throw new InvariantBroken(b.name, b.detail);
  };
  const sinks: FileSink[] = [];
  try {
    const ledgerOut = new FileSink(join(tmp, 'ledger.jsonl'));
    const journalOut = new FileSink(join(tmp, 'journal.ledger'));
    const traceOut = new FileSink(join(tmp, 'trace.jsonl'));
    const outcomesOut = new FileSink(join(tmp, 'outcomes.jsonl'));
    sinks.push(ledgerOut, journalOut, traceOut, outcomesOut);
    journalOut.write(`; railpilot journal: scenario ${s.name}, seed ${seed ?? s.seed}\n; one transaction per journal entry; tags give the entry id, simulated time of day and flow\n\n`);
    // Coin is valued at the mid of the moment its flow ended: the run hands over its prices as it starts.
    let prices: Prices | undefined;
    const mids = { start: midsOf(s), at: midsAt(s, () => prices) };
    const records = new RunRecords(s, tmp);
    sinks.push(...records.sinks);
    // The scenario's own invariants are checked as the run streams; the files need not be re-read.
    const declared = streamingCheck(facts, declaredFrom(facts.declared));
    const watching = facts.declared.length > 0;
    const run = runScenario(
      s,
      {
        entry: (e) => {
          const record = entryRecord(e);
          ledgerOut.write(JSON.stringify(record) + '\n');
          journalOut.write(entryToJournal(e));
          if (watching) declared.entry(record);
          builtin.entry(record);
          stopIfBroken();
        },
        trace: (r) => {
          const line = traceLine(r);
          traceOut.write(JSON.stringify(line) + '\n');
          if (watching) declared.trace(line);
          builtin.trace(line);
        },
        prices: (p) => (prices = p),
        outcome: (o, finalAt) => {
          const record = outcomeRecord(o, finalAt, mids);
          outcomesOut.write(JSON.stringify(record) + '\n');
          if (watching) declared.outcome(record);
          builtin.outcome(record);
          records.outcome(o, finalAt, record);
        },
        cycle: (c) => records.cycle(c),
        ...(progress ? { progress } : {}),
      },
      seed === undefined ? {} : { seed },
    );
    for (const sink of sinks.splice(0)) sink.close();
    stopIfBroken();
    const failed = builtin.finish().find((v) => !v.ok);
    if (failed) throw new InvariantBroken(failed.name, failed.detail ?? 'no detail');
    const report = records.finish(run, declared.finish());
    writeFileSync(join(tmp, 'report.json'), reportJson(report));
    writeFileSync(join(tmp, 'report.md'), reportMarkdown(report));
    writeFileSync(join(tmp, 'report.html'), reportHtml(report, diagram, inlineLibraries()));
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    return report;
  } catch (e) {
    for (const sink of sinks) {
      try {
        sink.close();
      } catch {
        /* the run already failed; the first error is the one to report */
      }
    }
    rmSync(tmp, { recursive: true, force: true });
    // A flow that failed because of a breach already seen fails for that breach.
    const b = builtin.breach();
    if (b && !(e instanceof InvariantBroken)) throw new InvariantBroken(b.name, b.detail);
    throw e;
  }
}
