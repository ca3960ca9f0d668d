// A flow's state graph as plain data (states, their nesting, initial children and labelled
// transitions), as run.json records it, with the Graphviz DOT and Mermaid texts drawn from it: so a
// report can draw a machine's diagram without importing the machine, and `railpilot diagram` draws
// the very same text from the live machine (flows/diagram.ts turns a machine into this graph).

import { z } from 'zod';

export interface GraphState {
  /** The diagram-safe id: the state's path joined by underscores, `root` for the machine itself. */
  readonly id: string;
  /** The state's own name within its parent. */
  readonly key: string;
  readonly final: boolean;
  /** Id of the initial child, for a compound state. */
  readonly initial: string | null;
  readonly states: readonly GraphState[];
  /** Transitions leaving this state: target state id and label (`EVENT [guard]`, `after delay`). */
  readonly edges: readonly { readonly to: string; readonly label: string }[];
}

export interface FlowGraph {
  /** The machine's id. */
  readonly id: string;
  readonly root: GraphState;
}

const stateSchema: z.ZodType<GraphState> = z.lazy(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    final: z.boolean(),
    initial: z.string().nullable(),
    states: z.array(stateSchema),
    edges: z.array(z.object({ to: z.string(), label: z.string() })),
  }),
);

export const flowGraphSchema: z.ZodType<FlowGraph> = z.object({ id: z.string(), root: stateSchema });

export function walkGraph(node: GraphState, visit: (n: GraphState) => void): void {
  visit(node);
  for (const c of node.states) walkGraph(c, visit);
}

/** Every state by id, for edges that name their target. */
function byId(g: FlowGraph): Map<string, GraphState> {
  const out = new Map<string, GraphState>();
  walkGraph(g.root, (n) => out.set(n.id, n));
  return out;
}

function target(states: ReadonlyMap<string, GraphState>, id: string): GraphState {
  const s = states.get(id);
  if (!s) throw new Error(`graph edge to unknown state ${id}`);
  return s;
}

/**
 * Mermaid's `stateDiagram-v2` head and states: nesting, initial and final markers, without the
 * transitions; `started` labels the machine's own initial arrow (a run's count of flows).
 */
export function mermaidStates(g: FlowGraph, started?: string): string[] {
  const lines = ['stateDiagram-v2'];
  const emit = (node: GraphState, indent: string) => {
    if (node.initial) lines.push(`${indent}[*] --> ${node.initial}${node === g.root && started !== undefined ? `: ${started}` : ''}`);
    for (const c of node.states) {
      if (c.key !== c.id) lines.push(`${indent}state "${c.key}" as ${c.id}`);
      if (c.states.length > 0) {
        lines.push(`${indent}state ${c.id} {`);
        emit(c, indent + '  ');
        lines.push(`${indent}}`);
      }
      if (c.final) lines.push(`${indent}${c.id} --> [*]`);
    }
  };
  emit(g.root, '  ');
  return lines;
}

export function graphMermaid(g: FlowGraph): string {
  const lines = mermaidStates(g);
  walkGraph(g.root, (n) => {
    for (const e of n.edges) lines.push(`  ${n.id} --> ${e.to}: ${e.label}`);
  });
  return lines.join('\n') + '\n';
}

export function graphDot(g: FlowGraph): string {
  const states = byId(g);
  const q = JSON.stringify;
  const lines = [`digraph ${q(g.id)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  compound=true;'];
  const emit = (node: GraphState, indent: string) => {
    if (node.initial) {
      lines.push(`${indent}${q(`${node.id}__start`)} [shape=point, label=""];`);
      lines.push(`${indent}${q(`${node.id}__start`)} -> ${q(node.initial)};`);
    }
    for (const c of node.states) {
      if (c.states.length > 0) {
        lines.push(`${indent}subgraph ${q(`cluster_${c.id}`)} {`, `${indent}  label=${q(c.key)};`);
        emit(c, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${q(c.id)} [label=${q(c.key)}${c.final ? ', peripheries=2' : ''}];`);
      }
    }
  };
  emit(g.root, '  ');
  walkGraph(g.root, (from) => {
    for (const e of from.edges) {
      const to = target(states, e.to);
      // An edge from or to a compound state attaches to its initial child, clipped at the cluster.
      const tail = from.states.length > 0 ? from.initial! : from.id;
      const head = to.states.length > 0 ? to.initial! : to.id;
      const clip = [from.states.length > 0 ? `ltail=${q(`cluster_${from.id}`)}` : '', to.states.length > 0 ? `lhead=${q(`cluster_${to.id}`)}` : ''].filter(Boolean);
      lines.push(`  ${q(tail)} -> ${q(head)} [label=${q(e.label)}${clip.length ? ', ' + clip.join(', ') : ''}];`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
