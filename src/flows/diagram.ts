// State diagrams drawn from the machine definitions themselves (never by hand): the machine read
// into a graph of plain data (records/graph.ts), drawn as Mermaid `stateDiagram-v2` or Graphviz
// DOT, nested states, guards and delays labelled.

import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { graphDot, graphMermaid, type FlowGraph, type GraphState } from '../records/graph.js';

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

/** A diagram-safe id for a state: its path joined by underscores. */
function nodeId(node: AnyStateNode): string {
  return node.path.length === 0 ? 'root' : node.path.join('_');
}

function stateOf(node: AnyStateNode): GraphState {
  const init = node.initial?.target?.[0];
  return {
    id: nodeId(node),
    key: node.key,
    final: node.type === 'final',
    initial: init ? nodeId(init) : null,
    states: children(node).map(stateOf),
    edges: edgesOf(node).map((e) => ({ to: nodeId(e.to), label: e.label })),
  };
}

/** The machine's states and transitions as data: what run.json records and the diagrams are drawn from. */
export function graphOf(machine: AnyStateMachine): FlowGraph {
  return { id: machine.id, root: stateOf(machine.root) };
}

export function toMermaid(machine: AnyStateMachine): string {
  return graphMermaid(graphOf(machine));
}

export function toDot(machine: AnyStateMachine): string {
  return graphDot(graphOf(machine));
}
