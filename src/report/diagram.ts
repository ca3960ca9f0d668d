// The cross-border payment's state diagram for report.html, as Graphviz DOT drawn from the flow's
// graph in run.json (records/graph.ts), and the SVG Graphviz makes of it fitted to sit in HTML.
// Laying it out needs Graphviz (WebAssembly), which the application layer loads (app/stateDiagram.ts).

import { graphDot, type FlowGraph } from '../records/index.js';
import { STATUS_COLORS } from './html.js';

/**
 * The machine drawn top to bottom (left to right it is about three screens wide, because every
 * edge label sits between two ranks; top to bottom the labels sit beside the edges), with each
 * final state filled in its outcome's colour in the charts.
 */
export function stateDiagramDot(graph: FlowGraph): string {
  let dot = graphDot(graph).replace(/\brankdir\s*=\s*LR\b/, 'rankdir=TB');
  const fills = Object.entries(STATUS_COLORS)
    // Only states the machine has: naming an unknown node in DOT would draw a stray box.
    .filter(([status]) => dot.includes(`${JSON.stringify(status)} [`))
    .map(([status, color]) => `  ${JSON.stringify(status)} [style="rounded,filled", fillcolor="${color}55"];`);
  const end = dot.lastIndexOf('}');
  if (end >= 0 && fills.length > 0) dot = dot.slice(0, end) + fills.join('\n') + '\n' + dot.slice(end);
  return dot;
}

/**
 * Graphviz's SVG made fit to sit inside HTML: no XML prolog, doctype or comments (the doctype
 * names a URL), and sizes in CSS pixels instead of points, so text is drawn at about 12px.
 */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz gave no <svg> element');
  return svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/<svg width="([\d.]+)pt" height="([\d.]+)pt"/, '<svg width="$1" height="$2" role="img" aria-label="state diagram of a cross-border payment"')
    .trimEnd();
}
