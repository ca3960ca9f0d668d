// The cross-border payment's state diagram as inline SVG for report.html, laid out at report time
// by Graphviz compiled to WebAssembly (@viz-js/viz) from the machine's own DOT (flows/diagram.ts):
// the page then needs no diagram library, and the picture cannot drift from the machine.

import { crossBorderPayment } from '../flows/crossBorderPayment.js';
import { toDot } from '../flows/diagram.js';
import { STATUS_COLORS } from '../report/html.js';

/**
 * The machine drawn top to bottom (left to right it is about three screens wide, because every
 * edge label sits between two ranks; top to bottom the labels sit beside the edges), with each
 * final state filled in its outcome's colour in the charts.
 */
export function stateDiagramDot(): string {
  let dot = toDot(crossBorderPayment).replace(/\brankdir\s*=\s*LR\b/, 'rankdir=TB');
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

let cached: Promise<string> | undefined;

/** The SVG, rendered once per process: the machine does not change between runs. */
export function stateDiagramSvg(): Promise<string> {
  // Loaded on first use: the Graphviz build is over a megabyte, and most commands draw nothing.
  cached ??= import('@viz-js/viz').then(({ instance }) => instance()).then((viz) =>
    inlineSvg(
      viz.renderString(stateDiagramDot(), {
        format: 'svg',
        graphAttributes: { fontname: 'Helvetica', fontsize: 12, newrank: true, nodesep: 0.3, ranksep: 0.35 },
        nodeAttributes: { fontsize: 12 },
        edgeAttributes: { fontname: 'Helvetica', fontsize: 10, color: '#555555', fontcolor: '#333333' },
      }),
    ),
  );
  // A failure is not cached: the next run tries again and reports its own error.
  cached.catch(() => (cached = undefined));
  return cached;
}
