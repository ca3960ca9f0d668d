// State diagrams drawn from the machine definitions themselves (never by hand), as Mermaid
// `stateDiagram-v2` or Graphviz DOT: nested states, guards and delays labelled.

import type { AnyStateMachine, AnyStateNode } from 'xstate';

interface Edge {
  readonly from: AnyStateNode;
  readonly to: AnyStateNode;
  readonly label: string;
}

const AFTER = /^xstate\.after\.(.+?)\./;

/** `CHAIN_TX_CONFIRMED`, `after inclusionTimeout`, `QUOTE_EXPIRED [mayRequote]`. */
function edgeLabel(eventType: string, guard: unknown, delay?: unknown): string {
  const after = AFTER.exec(eventType);
  const delayName = typeof delay === 'number' ? `${delay} ms` : typeof delay === 'string' ? delay : after?.[1];
  let label = delayName !== undefined ? `after ${delayName}` : eventType;
  const g = guard as string | { type?: unknown } | undefined;
  if (typeof g === 'string') label += ` [${g}]`;
  else if (g && typeof g.type === 'string') label += ` [${g.type}]`;
  else if (g) label += ' [inline guard]';
  return label;
}

function children(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states);
}

function edgesOf(node: AnyStateNode): Edge[] {
  const out: Edge[] = [];
  const delays = new Map<string, unknown>(node.after.map((t) => [String(t.eventType), t.delay]));
  for (const [eventType, transitions] of node.transitions) {
    for (const t of transitions) {
      for (const to of t.target ?? []) out.push({ from: node, to, label: edgeLabel(String(eventType), t.guard, delays.get(String(eventType))) });
    }
  }
  for (const t of node.always ?? []) {
    for (const to of t.target ?? []) out.push({ from: node, to, label: edgeLabel('always', t.guard) });
  }
  return out;
}

function walk(node: AnyStateNode, visit: (n: AnyStateNode) => void): void {
  visit(node);
  for (const c of children(node)) walk(c, visit);
}

/** A diagram-safe id for a state: its path joined by underscores. */
function nodeId(node: AnyStateNode): string {
  return node.path.length === 0 ? 'root' : node.path.join('_');
}

function initialOf(node: AnyStateNode): AnyStateNode | undefined {
  return node.initial?.target?.[0];
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const emit = (node: AnyStateNode, indent: string) => {
    const init = initialOf(node);
    if (init) lines.push(`${indent}[*] --> ${nodeId(init)}`);
    for (const c of children(node)) {
      if (c.key !== nodeId(c)) lines.push(`${indent}state "${c.key}" as ${nodeId(c)}`);
      if (children(c).length > 0) {
        lines.push(`${indent}state ${nodeId(c)} {`);
        emit(c, indent + '  ');
        lines.push(`${indent}}`);
      }
      if (c.type === 'final') lines.push(`${indent}${nodeId(c)} --> [*]`);
    }
  };
  emit(machine.root, '  ');
  walk(machine.root, (n) => {
    for (const e of edgesOf(n)) lines.push(`  ${nodeId(e.from)} --> ${nodeId(e.to)}: ${e.label}`);
  });
  return lines.join('\n') + '\n';
}

export function toDot(machine: AnyStateMachine): string {
  const lines = [`digraph ${JSON.stringify(machine.id)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  compound=true;'];
  const emit = (node: AnyStateNode, indent: string) => {
    const init = initialOf(node);
    if (init) {
      lines.push(`${indent}${JSON.stringify(`${nodeId(node)}__start`)} [shape=point, label=""];`);
      lines.push(`${indent}${JSON.stringify(`${nodeId(node)}__start`)} -> ${JSON.stringify(nodeId(init))};`);
    }
    for (const c of children(node)) {
      if (children(c).length > 0) {
        lines.push(`${indent}subgraph ${JSON.stringify(`cluster_${nodeId(c)}`)} {`, `${indent}  label=${JSON.stringify(c.key)};`);
        emit(c, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        const shape = c.type === 'final' ? ', peripheries=2' : '';
        lines.push(`${indent}${JSON.stringify(nodeId(c))} [label=${JSON.stringify(c.key)}${shape}];`);
      }
    }
  };
  emit(machine.root, '  ');
  walk(machine.root, (n) => {
    for (const e of edgesOf(n)) {
      // An edge from or to a compound state attaches to its initial child, clipped at the cluster.
      const from = children(e.from).length > 0 ? initialOf(e.from)! : e.from;
      const to = children(e.to).length > 0 ? initialOf(e.to)! : e.to;
      const clip = [
        children(e.from).length > 0 ? `ltail=${JSON.stringify(`cluster_${nodeId(e.from)}`)}` : '',
        children(e.to).length > 0 ? `lhead=${JSON.stringify(`cluster_${nodeId(e.to)}`)}` : '',
      ].filter(Boolean);
      lines.push(`  ${JSON.stringify(nodeId(from))} -> ${JSON.stringify(nodeId(to))} [label=${JSON.stringify(e.label)}${clip.length ? ', ' + clip.join(', ') : ''}];`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
