// One scenario run written to a folder: the outputs stream into a temporary sibling folder that
// is swapped into place only when the run, its report and its manifest are complete, so a failed
// or interrupted run never leaves a half-written folder behind nor loses the previous one (the
// folder's safety: lock, swap, watcher, sweep, is in outFolder.ts). Every built-in invariant is checked
// as the records stream, so a run whose own `verify` would reject it stops at the record that
// broke one and writes nothing. It is async only because the state
// diagram in report.html is laid out by Graphviz in WebAssembly, which loads asynchronously; the
// run itself stays synchronous on the simulated clock.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { lockOut, plainFsError, refuseForeignFolder, sweepStale, swapIn, watchOver } from './outFolder.js';
import { writeManifest } from './manifest.js';
import { inlineLibraries } from './inlineLibraries.js';
import { FileSink } from './fileSink.js';
import type { Model } from '../scenario/model.js';
import { reportHtml, reportJson, reportMarkdown, type Report } from '../report/index.js';
import { recordRun } from '../app/recordRun.js';
import { diagramDrawer, runDiagrams } from '../app/stateDiagram.js';
import { runStart } from '../app/runRecord.js';
import { TraceCounts } from '../report/diagramCounts.js';

export interface Progress {
  (p: { time: number; started: number; finished: number }): void;
}

/** How many payments and orders a scenario asks for, known before it runs. */
export function paymentCount(s: Model): number {
  const count = (items: readonly ({ kind: 'single' } | { kind: 'generated'; count: number })[]) => items.reduce((n: number, p) => n + (p.kind === 'generated' ? p.count : 1), 0);
  return count(s.payments) + count(s.orders);
}

export async function runToFolder(s: Model, outDir: string, seed?: number, progress?: Progress): Promise<Report> {
  // Before the folder exists: if Graphviz cannot load, there is nothing to clean up.
  const draw = await diagramDrawer();
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
  const sinks: FileSink[] = [];
  try {
    // Each sink hashes its file as it writes it: the manifest does not read the record files back.
    const hashes: Record<string, string> = {};
    const sink = (file: string) => {
      const f = new FileSink(join(tmp, file));
      sinks.push(f);
      return f;
    };
    // The JSONL writers are given each line without its new line, which the sink adds.
    const lines = (file: string) => {
      const f = sink(file);
      return (line: string) => f.line(line);
    };
    const journal = sink('journal.ledger');
    const writers = {
      ledger: lines('ledger.jsonl'),
      journal: (text: string) => journal.write(text),
      trace: lines('trace.jsonl'),
      outcomes: lines('outcomes.jsonl'),
      details: lines('details.jsonl'),
      cycles: lines('cycles.jsonl'),
    };
    // The diagrams' weights: how many flows took each transition, counted as the trace streams.
    const trace = new TraceCounts();
    const { report, runJson } = recordRun(s, writers, { ...(seed === undefined ? {} : { seed }), ...(progress ? { progress } : {}), observe: { trace: (line) => trace.add(line) } });
    const { diagrams, unmatched } = runDiagrams(draw, runStart(s).flows, trace, report.clearing?.cycles ?? 0);
    if (unmatched.length > 0) throw new Error(`${unmatched[0]!.machine}: the run took a transition its graph has not: ${JSON.stringify(unmatched[0]!.transition)}`);
    for (const f of sinks.splice(0)) hashes[basename(f.path)] = f.close();
    writeFileSync(join(tmp, 'run.json'), runJson);
    writeFileSync(join(tmp, 'report.json'), reportJson(report));
    writeFileSync(join(tmp, 'report.md'), reportMarkdown(report));
    writeFileSync(join(tmp, 'report.html'), reportHtml(report, diagrams, inlineLibraries()));
    // The scenario as validated: verify recomputes the facts it checks from it, not from report.json.
    writeFileSync(join(tmp, 'scenario.json'), JSON.stringify(s.source) + '\n');
    writeManifest(tmp, s.source, seed ?? s.seed, hashes);
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
    throw plainFsError(e, outDir, 'write the run');
  } finally {
    watcher.stop();
    unlock();
  }
}
