// report.html's state diagrams: one per kind of flow the run used (the flows whose transitions its
// trace holds, and the clearing cycle when the run cleared), each under its own heading, weighted
// by how many of the run's flows took each transition (diagram.ts, diagramCounts.ts). The SVG is
// laid out by the application layer (app/stateDiagram.ts); here is which flows and what to say.

import type { FlowGraph } from '../records/index.js';
import type { Report } from './report.js';
import { STATUS_COLORS, escapeHtml } from './htmlParts.js';
import { edgeCounts, type EdgeCounts, type TraceCounts } from './diagramCounts.js';

/** One flow's diagram as the page shows it: its machine id, its SVG and the counts it was drawn with (null: not traced). */
export interface FlowDiagram {
  readonly flow: string;
  readonly svg: string;
  readonly counts: EdgeCounts | null;
}

/** What each kind of flow is called on the page; an unknown machine is called by its id. */
const NAMES: Readonly<Record<string, { readonly title: string; readonly one: string; readonly many: string }>> = {
  crossBorderPayment: { title: 'How a payment abroad flows', one: 'payment abroad', many: 'payments abroad' },
  crossBorderReceipt: { title: 'How a receipt from abroad flows', one: 'receipt from abroad', many: 'receipts' },
  retailPurchase: { title: 'How a retail purchase flows', one: 'retail purchase', many: 'purchases' },
  cryptoSale: { title: 'How a sale of coin for RUB flows', one: 'sale of coin', many: 'sales' },
  correspondentPayment: { title: 'How a payment through correspondent banks flows', one: 'correspondent payment', many: 'correspondent payments' },
  clearingCycle: { title: 'How an NPCS clearing cycle runs', one: 'clearing cycle', many: 'cycles' },
};

function nameOf(flow: string) {
  return NAMES[flow] ?? { title: `How a ${flow} flows`, one: flow, many: `${flow} flows` };
}

/** The clearing cycle's machine id: its cycles are recorded in cycles.jsonl, not traced. */
const CLEARING = 'clearingCycle';

/**
 * The flows the run used, in run.json's order, each with its trace counts: every machine whose
 * flows the trace started, and the clearing cycle (uncounted) when the run had clearing cycles.
 */
export function usedFlows(graphs: Readonly<Record<string, FlowGraph>>, trace: TraceCounts, clearingCycles: number): { graph: FlowGraph; counts: EdgeCounts | null }[] {
  const traced = new Set(trace.machines());
  return Object.values(graphs).flatMap((graph): { graph: FlowGraph; counts: EdgeCounts | null }[] => {
    if (traced.has(graph.id)) return [{ graph, counts: edgeCounts(graph, trace) }];
    return graph.id === CLEARING && clearingCycles > 0 ? [{ graph, counts: null }] : [];
  });
}

function legend(): string {
  const dot = (color: string) => `<span class="dot" style="background:${color}"></span>`;
  return Object.entries(STATUS_COLORS).map(([status, color]) => `${dot(color)}${status}`).join(', ');
}

function caption(d: FlowDiagram, r: Report): string {
  const n = nameOf(d.flow);
  const head = `Every state a ${escapeHtml(n.one)} can be in, drawn by Graphviz from its state machine. Each arrow is an event (or a time-out, “after …”) that moves it on; a condition in brackets must hold (“else”: none of those before it held).`;
  if (d.counts === null) {
    const c = r.clearing;
    const ran = c ? ` This run had ${c.cycles} cycles: ${c.byStatus.settled} settled from the members' own funds, ${c.byStatus.settledWithCredit} with central-bank credit.` : '';
    return `${head} Cycles are recorded in cycles.jsonl rather than traced, so the arrows carry no counts.${ran} Double-bordered boxes are final, coloured by outcome: ${legend()}.`;
  }
  return `${head} The number after an event is how many of this run's ${d.counts.flows} ${escapeHtml(n.many)} took it, and the more were taken, the thicker the arrow; dashed grey arrows and states were not reached in this run. Double-bordered boxes are final, numbered with the flows that ended there and coloured by outcome: ${legend()}.`;
}

/** The page's diagram section, one figure per flow kind; nothing when the run started no flow. */
export function diagramsHtml(diagrams: readonly FlowDiagram[], r: Report): string {
  if (diagrams.length === 0) return '';
  const figures = diagrams.map(
    (d) => `<h3 id="diagram-${escapeHtml(d.flow)}">${escapeHtml(nameOf(d.flow).title)}</h3>
<figure>
<div class="diagram">${d.svg}</div>
<figcaption>${caption(d, r)}</figcaption>
</figure>`,
  );
  return `<h2>How the flows of this run went</h2>\n${figures.join('\n')}`;
}

/** What the diagram's SVG is of, for screen readers. */
export function diagramName(flow: string): string {
  return `a ${nameOf(flow).one}`;
}
