// Flows' state diagrams as inline SVG for report.html, laid out by Graphviz compiled to
// WebAssembly (@viz-js/viz) from the DOT the report draws of each flow's graph and the run's
// trace counts (report/diagram.ts): the page then needs no diagram library, and the picture cannot
// drift from the machine. `run` draws the graphs its run.json records, `report` reads them back:
// the same. Loading Graphviz is asynchronous; drawing with it, once loaded, is not, so `run`
// loads it before the run (nothing to clean up if it fails) and draws once the trace is counted.

import type { FlowGraph } from '../records/index.js';
import { inlineSvg, stateDiagramDot } from '../report/diagram.js';
import type { EdgeCounts, TakenTransition, TraceCounts } from '../report/diagramCounts.js';
import { diagramName, usedFlows, type FlowDiagram } from '../report/htmlDiagrams.js';

/** Draws one flow's diagram as inline SVG; `name` is what the picture is of, for screen readers. */
export type DiagramDrawer = (graph: FlowGraph, counts?: EdgeCounts, name?: string) => string;

let loaded: Promise<DiagramDrawer> | undefined;

/** Graphviz, loaded once per process: the build is over a megabyte, and most commands draw nothing. */
export function diagramDrawer(): Promise<DiagramDrawer> {
  loaded ??= import('@viz-js/viz')
    .then(({ instance }) => instance())
    .then((viz) => (graph: FlowGraph, counts?: EdgeCounts, name?: string) => inlineSvg(viz.renderString(stateDiagramDot(graph, counts), { format: 'svg' }), name));
  // A failure is not kept: the next run tries again and reports its own error.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/** A transition of the trace that fits no edge of its machine's graph. */
export interface UnmatchedTransition {
  readonly machine: string;
  readonly transition: TakenTransition;
}

/**
 * report.html's diagrams of a run: one per flow kind it used, with its trace counts. Transitions
 * that fit no edge are returned, not drawn: the caller says whose fault that is (a run's own trace
 * that does not fit its machine is a bug; a run folder's, bad input).
 */
export function runDiagrams(draw: DiagramDrawer, graphs: Readonly<Record<string, FlowGraph>>, trace: TraceCounts, clearingCycles: number): { diagrams: FlowDiagram[]; unmatched: UnmatchedTransition[] } {
  const used = usedFlows(graphs, trace, clearingCycles);
  return {
    diagrams: used.map(({ graph, counts }) => ({ flow: graph.id, svg: draw(graph, counts ?? undefined, diagramName(graph.id)), counts })),
    unmatched: used.flatMap(({ graph, counts }) => (counts?.unmatched ?? []).map((transition) => ({ machine: graph.id, transition }))),
  };
}
