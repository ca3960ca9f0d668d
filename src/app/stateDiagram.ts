// The cross-border payment's state diagram as inline SVG for report.html, laid out by Graphviz
// compiled to WebAssembly (@viz-js/viz) from the DOT the report draws of the flow's graph
// (report/diagram.ts): the page then needs no diagram library, and the picture cannot drift from
// the machine. `run` draws the live machine's graph, `report` the graph run.json recorded: the same.

import { crossBorderPayment } from '../flows/crossBorderPayment/index.js';
import { graphOf } from '../flows/diagram.js';
import type { FlowGraph } from '../records/index.js';
import { inlineSvg, stateDiagramDot } from '../report/diagram.js';

const drawn = new Map<string, Promise<string>>();

/** The SVG of `graph`, rendered once per process for each distinct diagram. */
export function stateDiagramSvg(graph: FlowGraph = graphOf(crossBorderPayment)): Promise<string> {
  const dot = stateDiagramDot(graph);
  let svg = drawn.get(dot);
  if (svg) return svg;
  // Loaded on first use: the Graphviz build is over a megabyte, and most commands draw nothing.
  svg = import('@viz-js/viz')
    .then(({ instance }) => instance())
    .then((viz) =>
      inlineSvg(
        viz.renderString(dot, {
          format: 'svg',
          graphAttributes: { fontname: 'Helvetica', fontsize: 12, newrank: true, nodesep: 0.3, ranksep: 0.35 },
          nodeAttributes: { fontsize: 12 },
          edgeAttributes: { fontname: 'Helvetica', fontsize: 10, color: '#555555', fontcolor: '#333333' },
        }),
      ),
    );
  drawn.set(dot, svg);
  // A failure is not cached: the next run tries again and reports its own error.
  svg.catch(() => drawn.delete(dot));
  return svg;
}
