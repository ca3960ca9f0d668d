// One scenario run written to a folder: the outputs stream into a temporary sibling folder that
// is swapped into place only when the run, its report and its manifest are complete, so a failed
// or interrupted run never leaves a half-written folder behind nor loses the previous one (the
// folder's safety: lock, swap, watcher, sweep, is in outFolder.ts). Every built-in invariant is checked
// as the records stream, so a run whose own `verify` would reject it stops at the record that
// broke one and writes nothing. It is async only because the state
// diagram in report.html is laid out by Graphviz in WebAssembly, which loads asynchronously; the
// run itself stays synchronous on the simulated clock.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entryRecord, entryToJournal } from '../ledger/index.js';
import { INVARIANTS, declaredFrom, streamingCheck, type Breach } from '../invariants/index.js';
import { InvariantBroken } from './errors.js';
import { lockOut, plainFsError, refuseForeignFolder, sweepStale, swapIn, watchOver } from './outFolder.js';
import { writeManifest } from './manifest.js';
import { FileSink, traceLine } from '../sim/index.js';
import { runScenario } from '../scenario/runner.js';
import { Assets, regimeFor } from '../scenario/model.js';
import { OrderMetrics } from '../report/orderMetrics.js';
import { ChannelMetrics } from '../report/channelMetrics.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle.js';
import { outcomeRecord, runFacts } from '../report/outcomeRecord.js';
import type { Scenario } from '../scenario/schema.js';
import { ComplianceTally } from '../report/compliance.js';
import { formatAmount } from '../money/index.js';
import type { Prices } from '../rails/stablecoin/prices.js';
import { RunMetrics, buildReport, midsAt, midsOf, reportHtml, reportJson, reportMarkdown, stateDiagramSvg, type Report } from '../report/index.js';

export interface Progress {
  (p: { time: number; started: number; finished: number }): void;
}

/** How many payments and orders a scenario asks for, known before it runs. */
export function paymentCount(s: Scenario): number {
  const count = (items: readonly object[]) => items.reduce((n: number, p) => n + ('generate' in p ? (p.generate as { count: number }).count : 1), 0);
  return count(s.payments) + count(s.orders);
}

export async function runToFolder(s: Scenario, outDir: string, seed?: number, progress?: Progress): Promise<Report> {
  // Before the folder exists: if the diagram cannot be drawn, there is nothing to clean up.
  const diagram = await stateDiagramSvg();
  const target = resolve(outDir);
  refuseForeignFolder(target, outDir);
  let unlock: () => void;
  try {
    unlock = lockOut(target, outDir);
  } catch (e) {
    throw plainFsError(e, outDir, 'create the output folder');
  }
  const tmp = `${target}.tmp-${process.pid}`;
  const watcher = watchOver(tmp, target);
  try {
    sweepStale(target);
    // Checked again under the lock: another run may have written the folder meanwhile.
    refuseForeignFolder(target, outDir);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    watcher.stop();
    unlock();
    throw plainFsError(e, outDir, 'create the output folder');
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
    const metrics = new RunMetrics(mids.start, mids.at);
    const channels = new ChannelMetrics(mids.start, mids.at);
    const cycles: ClearingCycleOutcome[] = [];
    const threshold = new Assets(s.assets).amount(regimeFor(s).aml.threshold);
    const orders = new OrderMetrics(threshold.asset.scale);
    const compliance = new ComplianceTally(formatAmount(threshold), threshold.asset.scale);
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
          compliance.add(record);
          // Coin an off-ramp kept is read from the line, as `report` would read it back.
          const extras = { forfeited: record.forfeited ?? null };
          if (o.flow === 'crossBorderPayment') {
            metrics.add(o, finalAt, extras);
            channels.add(o, finalAt, extras);
          } else if (o.flow === 'correspondentPayment' || o.flow === 'crossBorderReceipt') channels.add(o, finalAt);
          else orders.add(o);
        },
        cycle: (c) => cycles.push(c),
        ...(progress ? { progress } : {}),
      },
      seed === undefined ? {} : { seed },
    );
    for (const sink of sinks.splice(0)) sink.close();
    stopIfBroken();
    const failed = builtin.finish().find((v) => !v.ok);
    if (failed) throw new InvariantBroken(failed.name, failed.detail ?? 'no detail');
    const report = buildReport(s, metrics, run, orders, declared.finish(), { channels, cycles, compliance: compliance.section() });
    writeFileSync(join(tmp, 'report.json'), reportJson(report));
    writeFileSync(join(tmp, 'report.md'), reportMarkdown(report));
    writeFileSync(join(tmp, 'report.html'), reportHtml(report, diagram));
    // The scenario as validated: verify recomputes the facts it checks from it, not from report.json.
    writeFileSync(join(tmp, 'scenario.json'), JSON.stringify(s) + '\n');
    writeManifest(tmp, s, seed ?? s.seed);
    swapIn(tmp, target, outDir);
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
    throw plainFsError(e, outDir, 'write the run');
  } finally {
    watcher.stop();
    unlock();
  }
}
