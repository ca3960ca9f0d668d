// `railpilot diagram [flow] [--format mermaid|dot|json] [--run <run-folder>]`: a flow's state
// diagram, drawn from the machine definition itself; with --run, the diagram report.html shows
// for that run, each transition weighted by how many of its flows took it (read from the folder's
// run.json and trace.jsonl, as `railpilot report` reads a folder).

import { join } from 'node:path';
import { FLOWS, toDot, toMermaid } from '../flows/index.js';
import { graphOf } from '../flows/diagram.js';
import type { FlowGraph } from '../records/index.js';
import { countedJson, countedMermaid, stateDiagramDot } from '../report/diagram.js';
import { edgeCounts, type EdgeCounts } from '../report/diagramCounts.js';
import { usedFlows } from '../report/htmlDiagrams.js';
import { BadInput } from './errors.js';
import { readRunRecord, runFolder } from './readRunFolder.js';
import { readTraceCounts, unmatchedTransition } from './traceCounts.js';

export const DIAGRAM_FORMATS = ['mermaid', 'dot', 'json'] as const;
type Format = (typeof DIAGRAM_FORMATS)[number];

export const DIAGRAM_HELP = `
Without --run, the diagram of the machine as defined (Mermaid or DOT, left to right; json: its graph
as run.json records it). With --run <run-folder>, the diagram report.html shows for that run: top to
bottom, each transition labelled with how many of the run's flows took it (×N), pen widths growing
with the count, transitions and states no flow reached dashed and grey, final states coloured by
outcome and numbered with the flows that ended there. Without a flow, every flow the run used.
--format json prints, per flow, its states (entered: how many times) and its transitions (count).
Clearing cycles are not traced: their diagram carries no counts (null in json).

Examples:
  railpilot diagram crossBorderPayment --format dot | dot -Tsvg > payment.svg
  railpilot diagram --run out/halted-chain-refund --format dot | dot -Tsvg > run.svg
  railpilot diagram retailPurchase --run out/retail-cap-dfa-law --format json`;

function format(value: string): Format {
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(value)) throw new BadInput(`--format: expected ${DIAGRAM_FORMATS.join(', ')}, got ${JSON.stringify(value)}`);
  return value as Format;
}

function draw(f: Exclude<Format, 'json'>, graph: FlowGraph, counts: EdgeCounts | undefined): string {
  return f === 'dot' ? stateDiagramDot(graph, counts) : countedMermaid(graph, counts);
}

/** The diagrams of `folder`'s run: the flow named, or every flow it used. */
async function ofRun(folder: string, flow: string | undefined, f: Format): Promise<string> {
  runFolder(folder, ['run.json', 'trace.jsonl']);
  const run = readRunRecord(folder);
  if (flow !== undefined && !run.flows[flow]) throw new BadInput(`flow: ${join(folder, 'run.json')} has no flow ${JSON.stringify(flow)}; expected one of ${Object.keys(run.flows).join(', ')}`);
  const trace = await readTraceCounts(folder, run);
  const chosen = flow !== undefined ? [{ graph: run.flows[flow]!, counts: edgeCounts(run.flows[flow]!, trace) }] : usedFlows(run.flows, trace, run.clearing?.totals.cycles ?? 0);
  const unmatched = chosen.flatMap(({ graph, counts }) => (counts?.unmatched ?? []).map((transition) => ({ machine: graph.id, transition })));
  if (unmatched.length > 0) throw unmatchedTransition(folder, unmatched[0]!);
  if (f === 'json') {
    const all = chosen.map(({ graph, counts }) => countedJson(graph, counts ?? undefined));
    return JSON.stringify(flow !== undefined ? all[0] : all, null, 2) + '\n';
  }
  // Several diagrams back to back: a comment line before each says which flow it is (DOT `//`, Mermaid `%%`).
  const label = (id: string) => (chosen.length === 1 ? '' : `${f === 'dot' ? '//' : '%%'} ${id}\n`);
  return chosen.map(({ graph, counts }) => label(graph.id) + draw(f, graph, counts ?? undefined)).join('\n');
}

/** What `railpilot diagram` prints. */
export async function diagramText(flow: string | undefined, opts: { format: string; run?: string }): Promise<string> {
  const f = format(opts.format);
  if (opts.run !== undefined) return ofRun(opts.run, flow, f);
  if (flow !== undefined && !FLOWS[flow]) throw new BadInput(`flow: expected one of ${Object.keys(FLOWS).join(', ')}, got ${JSON.stringify(flow)}`);
  const names = flow === undefined ? Object.keys(FLOWS) : [flow];
  if (f === 'json') {
    const graphs = names.map((n) => graphOf(FLOWS[n]!.machine));
    return JSON.stringify(flow !== undefined ? graphs[0] : graphs, null, 2) + '\n';
  }
  const plain = f === 'dot' ? toDot : toMermaid;
  return names.map((n) => plain(FLOWS[n]!.machine)).join('\n');
}
