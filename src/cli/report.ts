// `railpilot report <run-folder>`: recomputes report.json, report.md and report.html from the
// records a run wrote (run.json, outcomes.jsonl with details.jsonl, cycles.jsonl, and trace.jsonl
// for the state diagrams' counts), through the very fold `run` used as it wrote them, so the three
// files come out byte-identical. The records are streamed; the three files are written beside
// temporary names and renamed into place, so a failure leaves the old ones untouched.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramDrawer, runDiagrams } from '../app/stateDiagram.js';
import { ReportFold, reportHtml, reportJson, reportMarkdown, type Report } from '../report/index.js';
import { cycleRecordSchema, detailSchema, writtenOutcomeSchema } from '../records/index.js';
import { BadInput } from './errors.js';
import { readRunRecord, records, runFolder } from './readRunFolder.js';
import { inlineLibraries } from './inlineLibraries.js';
import { readTraceCounts, unmatchedTransition } from './traceCounts.js';

/** What a report is made from. */
export const REPORT_INPUTS = ['run.json', 'outcomes.jsonl', 'details.jsonl', 'cycles.jsonl', 'trace.jsonl'] as const;

/** Folds the records of `folder` into its report and writes the report's three files to `outDir`. */
export async function reportFromFolder(folder: string, outDir: string = folder): Promise<Report> {
  runFolder(folder, REPORT_INPUTS);
  const run = readRunRecord(folder);
  const fold = new ReportFold(run);
  // outcomes.jsonl and details.jsonl hold one line per flow's end, in the same order.
  const outcomesPath = join(folder, 'outcomes.jsonl');
  const detailsPath = join(folder, 'details.jsonl');
  const details = records(detailsPath, detailSchema);
  try {
    for await (const o of records(outcomesPath, writtenOutcomeSchema)) {
      const d = await details.next();
      if (d.done) throw new BadInput(`${detailsPath}: ends before ${outcomesPath}:${o.line} (${o.value.flow} ${o.value.id}); expected a line per outcome`);
      if (d.value.value.id !== o.value.id || d.value.value.flow !== o.value.flow) {
        throw new BadInput(`${detailsPath}:${d.value.line}: details of ${d.value.value.flow} ${d.value.value.id}, but ${outcomesPath}:${o.line} is ${o.value.flow} ${o.value.id}; expected the same flows in the same order`);
      }
      try {
        fold.outcome(o.value, d.value.value);
      } catch (e) {
        // Lines that pass their schemas but not each other (a settled payment with nothing paid).
        throw new BadInput(`${detailsPath}:${d.value.line}: ${o.value.flow} ${o.value.id} cannot be valued (${(e as Error).message}); expected the details railpilot run wrote`);
      }
    }
    const extra = await details.next();
    if (!extra.done) throw new BadInput(`${detailsPath}:${extra.value.line}: ${extra.value.value.flow} ${extra.value.value.id} has no line in ${outcomesPath}`);
  } finally {
    await details.return(undefined);
  }
  for await (const c of records(join(folder, 'cycles.jsonl'), cycleRecordSchema)) fold.cycle(c.value);
  const report = fold.report(run);
  const { diagrams, unmatched } = runDiagrams(await diagramDrawer(), run.flows, await readTraceCounts(folder, run), report.clearing?.cycles ?? 0);
  if (unmatched.length > 0) throw unmatchedTransition(folder, unmatched[0]!);
  const files: [string, string][] = [
    ['report.json', reportJson(report)],
    ['report.md', reportMarkdown(report)],
    ['report.html', reportHtml(report, diagrams, inlineLibraries())],
  ];
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new BadInput(`--out ${outDir}: cannot create the output folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const tmp = `.tmp-${process.pid}`;
  try {
    for (const [name, text] of files) writeFileSync(join(outDir, name + tmp), text);
    for (const [name] of files) renameSync(join(outDir, name + tmp), join(outDir, name));
  } finally {
    for (const [name] of files) rmSync(join(outDir, name + tmp), { force: true });
  }
  return report;
}
