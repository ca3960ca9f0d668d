// A flow's state diagram as report.html and `railpilot diagram --run` draw it: Graphviz DOT made
// from the flow's graph in run.json (records/graph.ts) and, when a run is given, the counts of its
// trace (diagramCounts.ts); and the SVG Graphviz makes of it, fitted to sit in HTML. Laying it out
// needs Graphviz (WebAssembly), which the application layer loads (app/stateDiagram.ts).

import type { FlowGraph, GraphState } from '../records/index.js';
import { mermaidStates, walkGraph } from '../records/index.js';
import { STATUS_COLORS } from './htmlParts.js';
import { graphEdges, labelEvent, labelGuard, type EdgeCounts, type GraphEdge } from './diagramCounts.js';

export type OutcomeColor = keyof typeof STATUS_COLORS;

/**
 * The outcome each final state stands for, as the machines' `finish` actions set it (a test checks
 * this table against every machine): a receipt the exporter keeps in coin has settled, a payment
 * returned in coin was refunded, a clearing cycle that drew central-bank credit settled.
 */
export const FINAL_OUTCOMES: Readonly<Record<string, OutcomeColor>> = {
  settled: 'settled',
  settledWithCredit: 'settled',
  purchased: 'settled',
  sold: 'settled',
  keptInCoin: 'settled',
  refunded: 'refunded',
  returnedInCoin: 'refunded',
  rejected: 'rejected',
  frozen: 'frozen',
};

/** All of a graph's edges between the same two states, drawn as one arrow with a line per event. */
interface Arrow {
  readonly from: GraphState;
  readonly to: GraphState;
  /** Per event, in the graph's order: its guards (null for an unguarded edge) and the flows that took it. */
  readonly events: { readonly event: string; readonly guards: (string | null)[]; count: number }[];
}

function arrows(g: FlowGraph, counts: EdgeCounts | undefined): Arrow[] {
  const out = new Map<string, Arrow>();
  graphEdges(g).forEach((e: GraphEdge, i) => {
    const key = `${e.from.id}\u0000${e.to.id}`;
    let a = out.get(key);
    if (!a) out.set(key, (a = { from: e.from, to: e.to, events: [] }));
    const event = labelEvent(e.label);
    let line = a.events.find((x) => x.event === event);
    if (!line) a.events.push((line = { event, guards: [], count: 0 }));
    line.guards.push(labelGuard(e.label));
    line.count += counts?.edges[i] ?? 0;
  });
  return [...out.values()];
}

/** `[mayRequote]`, or `[holdAlreadyExpired | else]` for edges alike but for their guards, or nothing. */
function guardText(guards: readonly (string | null)[]): string {
  if (guards.length === 1 && guards[0] === null) return '';
  return `[${guards.map((g) => g ?? 'else').join(' | ')}]`;
}

/** A label line kept short enough to read: the guard goes on a line of its own. */
function eventLines(e: Arrow['events'][number], counted: boolean): string[] {
  const head = counted && e.count > 0 ? `${e.event} ×${e.count}` : e.event;
  const guard = guardText(e.guards);
  return guard === '' ? [head] : [head, guard];
}

/** Pen width from 1.2 (taken once) to 6 (the most taken edge), on a log scale so rare paths still show. */
function penWidth(count: number, most: number): string {
  if (most <= 1) return '1.6';
  return (1.2 + (4.8 * Math.log(count)) / Math.log(most)).toFixed(2);
}

/**
 * An edge's label as a Graphviz HTML-like label: its lines in a borderless cell padded by 4 px, so
 * that Graphviz keeps two labels side by side at least 8 px apart (plain labels may touch, and
 * `RETURN_RECEIVED ×30 PAYMENT_FROZEN` reads as one).
 */
function edgeLabel(lines: readonly string[]): string {
  const text = lines.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('<BR/>');
  return `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4"><TR><TD>${text}</TD></TR></TABLE>>`;
}

const FAINT = '#b8bec6';
const INK = '#333333';

/**
 * The machine drawn top to bottom (left to right it is about three screens wide, because every
 * edge label sits between two ranks), final states filled in their outcome's colour. With
 * `counts`, each arrow's events carry how many flows took them and its pen width grows with
 * them; arrows and states no flow reached are dashed and faint, and each final state says how
 * many flows ended there.
 */
export function stateDiagramDot(graph: FlowGraph, counts?: EdgeCounts): string {
  const q = JSON.stringify;
  const lines = [
    `digraph ${q(graph.id)} {`,
    '  rankdir=TB;',
    '  newrank=true; compound=true; nodesep=0.35; ranksep=0.4;',
    '  fontname="Helvetica"; fontsize=12;',
    `  node [shape=box, style=rounded, fontname="Helvetica", fontsize=12, color="${INK}"];`,
    `  edge [fontname="Helvetica", fontsize=10, color="#555555", fontcolor="${INK}"];`,
  ];
  const reached = (s: GraphState) => !counts || (counts.entered.get(s.id) ?? 0) > 0;
  const emit = (node: GraphState, indent: string) => {
    if (node.initial) {
      const start = q(`${node.id}__start`);
      lines.push(`${indent}${start} [shape=point, label=""];`);
      const flows = node === graph.root && counts ? counts.flows : 0;
      lines.push(`${indent}${start} -> ${q(node.initial)}${flows > 0 ? ` [label=${q(`${flows} started`)}]` : ''};`);
    }
    for (const c of node.states) {
      if (c.states.length > 0) {
        lines.push(`${indent}subgraph ${q(`cluster_${c.id}`)} {`, `${indent}  label=${q(c.key)}; style=${reached(c) ? 'rounded' : '"rounded,dashed"'}; color="${reached(c) ? '#888888' : FAINT}";`);
        emit(c, indent + '  ');
        lines.push(`${indent}}`);
        continue;
      }
      const attrs: string[] = [];
      const ended = counts?.entered.get(c.id) ?? 0;
      attrs.push(`label=${q(c.final && counts ? `${c.key}\n${ended}` : c.key)}`);
      const outcome = FINAL_OUTCOMES[c.key];
      if (c.final) {
        attrs.push('peripheries=2');
        if (outcome) attrs.push(`style="rounded,filled${reached(c) ? '' : ',dashed'}"`, `fillcolor="${STATUS_COLORS[outcome]}${reached(c) ? '66' : '22'}"`);
      } else if (!reached(c)) attrs.push('style="rounded,dashed"');
      if (!reached(c)) attrs.push(`color="${FAINT}"`, `fontcolor="#8a929c"`);
      lines.push(`${indent}${q(c.id)} [${attrs.join(', ')}];`);
    }
  };
  emit(graph.root, '  ');
  const all = arrows(graph, counts);
  const most = Math.max(1, ...all.map((a) => a.events.reduce((n, e) => n + e.count, 0)));
  for (const a of all) {
    // An edge from or to a compound state attaches to its initial child, clipped at the cluster.
    const tail = a.from.states.length > 0 ? a.from.initial! : a.from.id;
    const head = a.to.states.length > 0 ? a.to.initial! : a.to.id;
    const taken = a.events.reduce((n, e) => n + e.count, 0);
    const attrs = [`label=${edgeLabel(a.events.flatMap((e) => eventLines(e, counts !== undefined)))}`];
    if (a.from.states.length > 0) attrs.push(`ltail=${q(`cluster_${a.from.id}`)}`);
    if (a.to.states.length > 0) attrs.push(`lhead=${q(`cluster_${a.to.id}`)}`);
    if (counts && taken > 0) attrs.push(`penwidth=${penWidth(taken, most)}`, `color="${INK}"`);
    if (counts && taken === 0) attrs.push('style=dashed', `color="${FAINT}"`, `fontcolor="#8a929c"`);
    lines.push(`  ${q(tail)} -> ${q(head)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The same diagram as Mermaid `stateDiagram-v2`, each transition labelled with how many flows took it (when counted). */
export function countedMermaid(graph: FlowGraph, counts: EdgeCounts | undefined): string {
  const lines = mermaidStates(graph, counts ? `${counts.flows} started` : undefined);
  for (const a of arrows(graph, counts)) {
    for (const e of a.events) lines.push(`  ${a.from.id} --> ${a.to.id}: ${[e.event, guardText(e.guards), counts ? `×${e.count}` : ''].filter(Boolean).join(' ')}`);
  }
  const finals: GraphState[] = [];
  walkGraph(graph.root, (s) => {
    if (s.final && FINAL_OUTCOMES[s.key]) finals.push(s);
  });
  for (const outcome of new Set(finals.map((s) => FINAL_OUTCOMES[s.key]!))) lines.push(`  classDef outcome_${outcome} fill:${STATUS_COLORS[outcome]}66`);
  for (const s of finals) lines.push(`  class ${s.id} outcome_${FINAL_OUTCOMES[s.key]}`);
  return lines.join('\n') + '\n';
}

/** The counted diagram as data: every state with its entries, every arrow with its events and counts (null: not counted). */
export function countedJson(graph: FlowGraph, counts: EdgeCounts | undefined): object {
  const states: object[] = [];
  walkGraph(graph.root, (s) => {
    if (s !== graph.root) states.push({ id: s.id, final: s.final, outcome: s.final ? (FINAL_OUTCOMES[s.key] ?? null) : null, entered: counts ? (counts.entered.get(s.id) ?? 0) : null });
  });
  const edges = arrows(graph, counts).flatMap((a) => a.events.map((e) => ({ from: a.from.id, to: a.to.id, event: e.event, guards: e.guards, count: counts ? e.count : null })));
  return { flow: graph.id, flows: counts ? counts.flows : null, states, edges };
}

/**
 * Graphviz's SVG made fit to sit inside HTML: no XML prolog, doctype or comments (the doctype
 * names a URL), sizes in CSS pixels instead of points, so text is drawn at 10 to 12 px, and never
 * widened past its own width (a narrow diagram stretched to the page would have huge text).
 */
export function inlineSvg(svg: string, name = 'a cross-border payment'): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz gave no <svg> element');
  return svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/<svg width="([\d.]+)pt" height="([\d.]+)pt"/, (_, w: string, h: string) => `<svg width="${w}" height="${h}" style="max-width:${w}px; margin:0 auto" role="img" aria-label="state diagram of ${name}"`)
    .trimEnd();
}
