// One scenario run written to a folder: the outputs stream into a temporary sibling folder that
// is renamed into place only when the run and its report are complete, so a failed or
// interrupted run never leaves a half-written folder behind. Every built-in invariant is checked
// as the records stream, so a run whose own `verify` would reject it stops at the record that
// broke one and writes nothing. It is async only because the state
// diagram in report.html is laid out by Graphviz in WebAssembly, which loads asynchronously; the
// run itself stays synchronous on the simulated clock.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BadInput } from './errors.js';
import { inlineLibraries } from './inlineLibraries.js';
import { FileSink } from '../sim/index.js';
import type { Model } from '../scenario/model.js';
import { reportHtml, reportJson, reportMarkdown, type Report } from '../report/index.js';
import { recordRun } from '../app/recordRun.js';
import { stateDiagramSvg } from '../app/stateDiagram.js';

export interface Progress {
  (p: { time: number; started: number; finished: number }): void;
}

/** How many payments and orders a scenario asks for, known before it runs. */
export function paymentCount(s: Model): number {
  const count = (items: readonly ({ kind: 'single' } | { kind: 'generated'; count: number })[]) => items.reduce((n: number, p) => n + (p.kind === 'generated' ? p.count : 1), 0);
  return count(s.payments) + count(s.orders);
}

/** The files a run writes: an existing folder holding only these may be replaced. */
const RUN_FILES = new Set(['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'outcomes.jsonl', 'details.jsonl', 'cycles.jsonl', 'run.json', 'report.json', 'report.md', 'report.html']);

/** Replacing an earlier run is fine; emptying a folder of someone's own files is not. */
function refuseForeignFolder(target: string, outDir: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new BadInput(`--out ${outDir}: exists and is not a folder`);
  const foreign = readdirSync(target).filter((f) => !RUN_FILES.has(f));
  if (foreign.length > 0) throw new BadInput(`--out ${outDir}: exists and holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}, which a run did not write; choose an empty or new folder`);
}

export async function runToFolder(s: Model, outDir: string, seed?: number, progress?: Progress): Promise<Report> {
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
  const sinks: FileSink[] = [];
  try {
    const sink = (file: string) => {
      const f = new FileSink(join(tmp, file));
      sinks.push(f);
      return (text: string) => f.write(text);
    };
    const writers = {
      ledger: sink('ledger.jsonl'),
      journal: sink('journal.ledger'),
      trace: sink('trace.jsonl'),
      outcomes: sink('outcomes.jsonl'),
      details: sink('details.jsonl'),
      cycles: sink('cycles.jsonl'),
    };
    const { report, runJson } = recordRun(s, writers, { ...(seed === undefined ? {} : { seed }), ...(progress ? { progress } : {}) });
    for (const f of sinks.splice(0)) f.close();
    writeFileSync(join(tmp, 'run.json'), runJson);
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
    throw e;
  }
}
