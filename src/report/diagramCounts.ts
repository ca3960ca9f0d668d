// How many flows of a run took each transition of their machine's state graph, counted from the
// run's trace (trace.jsonl): the weights the state diagrams draw. The trace names states by their
// dotted path (`unwinding.sellingBack`) and events as xstate sends them (`xstate.after.<delay>...`);
// the graph run.json records names edges by label (`EVENT [guard]`, `after delay`) on the state that
// declares them, which may be an ancestor of the state the flow was in, and to a state that may be an
// ancestor (a compound state entered at its initial child) of the one it reached.

import { walkGraph, type FlowGraph, type GraphState, type TraceLine } from '../records/index.js';

/** One distinct transition of the trace, how often it was taken, and the first trace line that took it. */
export interface TakenTransition {
  readonly from: string | null;
  readonly event: string;
  readonly to: string;
  count: number;
  readonly line: number | undefined;
}

/** The trace folded line by line into its distinct transitions per machine: small, whatever the run's size. */
export class TraceCounts {
  /** Per machine, its distinct transitions in the order first taken. */
  private readonly byMachine = new Map<string, TakenTransition[]>();
  /**
   * The same transitions found by machine, then from, event and to: names the machines repeat on
   * every line, so no key is built per line (the trace has several lines a payment).
   */
  private readonly index = new Map<string, Map<string, Map<string, Map<string, TakenTransition>>>>();

  /** One line of the trace; `line` is its line number in trace.jsonl, to name it if it fits no edge. */
  add(t: TraceLine, line?: number): void {
    let byFrom = this.index.get(t.machine);
    if (!byFrom) this.index.set(t.machine, (byFrom = new Map<string, Map<string, Map<string, TakenTransition>>>()));
    // A first move (from null) and a move from '' count together, as they always have.
    const from = t.from ?? '';
    let byEvent = byFrom.get(from);
    if (!byEvent) byFrom.set(from, (byEvent = new Map<string, Map<string, TakenTransition>>()));
    let byTo = byEvent.get(t.event);
    if (!byTo) byEvent.set(t.event, (byTo = new Map<string, TakenTransition>()));
    const seen = byTo.get(t.to);
    if (seen) return void seen.count++;
    const taken = { from: t.from, event: t.event, to: t.to, count: 1, line };
    byTo.set(t.to, taken);
    let list = this.byMachine.get(t.machine);
    if (!list) this.byMachine.set(t.machine, (list = []));
    list.push(taken);
  }

  /** The machines whose flows appear in the trace. */
  machines(): string[] {
    return [...this.byMachine.keys()];
  }

  transitions(machine: string): readonly TakenTransition[] {
    return [...(this.byMachine.get(machine) ?? [])];
  }
}

/** An edge of a flow's graph, from the state that declares it to its target, in the graph's own order. */
export interface GraphEdge {
  readonly from: GraphState;
  readonly to: GraphState;
  readonly label: string;
}

/** Every edge of `g`, walking states in the graph's order and each state's edges in theirs. */
export function graphEdges(g: FlowGraph): GraphEdge[] {
  const byId = new Map<string, GraphState>();
  walkGraph(g.root, (n) => byId.set(n.id, n));
  const out: GraphEdge[] = [];
  walkGraph(g.root, (from) => {
    for (const e of from.edges) {
      const to = byId.get(e.to);
      if (!to) throw new Error(`graph edge to unknown state ${e.to}`);
      out.push({ from, to, label: e.label });
    }
  });
  return out;
}

/** What a label's event is, without its guard: `QUOTE_EXPIRED`, `after inclusionTimeout`. */
export function labelEvent(label: string): string {
  return label.replace(/ \[[^\]]*\]$/, '');
}

/** The label's guard, or null: `mayRequote`. */
export function labelGuard(label: string): string | null {
  return / \[([^\]]*)\]$/.exec(label)?.[1] ?? null;
}

const AFTER = /^xstate\.after\.(.+?)\./;

/** The trace's event as a label names it: `xstate.after.inclusionTimeout.<machine>.<path>` is `after inclusionTimeout`. */
function traceEvent(event: string): string {
  const after = AFTER.exec(event);
  return after ? `after ${after[1]}` : event;
}

/** A flow graph's weights in one run: how many flows started, took each edge, entered each state. */
export interface EdgeCounts {
  /** Flows of this machine the trace started. */
  readonly flows: number;
  /** By index into graphEdges(graph). */
  readonly edges: readonly number[];
  /** Entries into each state, by state id; a compound state counts the entries into it from outside. */
  readonly entered: ReadonlyMap<string, number>;
  /** Transitions of the trace that are no edge of the graph (a trace of another version of the machine). */
  readonly unmatched: readonly TakenTransition[];
}

/** The states of `g` by dotted path (`unwinding.sellingBack`), as the trace names them, with their chains of ancestors. */
function statesByPath(g: FlowGraph): Map<string, GraphState[]> {
  const out = new Map<string, GraphState[]>();
  const visit = (node: GraphState, chain: GraphState[], path: string) => {
    for (const c of node.states) {
      const p = path === '' ? c.key : `${path}.${c.key}`;
      const own = [c, ...chain];
      out.set(p, own);
      visit(c, own, p);
    }
  };
  visit(g.root, [g.root], '');
  return out;
}

/**
 * The trace's transitions of `g`'s machine laid on its edges. A transition takes the first edge
 * (innermost declaring state first, as xstate picks) with its event whose target is the state
 * reached or an ancestor of it. Edges alike but for their guard (`FILL_FAILED [holdAlreadyExpired]`
 * and `FILL_FAILED`, both to `rejected`) cannot be told apart in the trace: the first gets the count.
 */
export function edgeCounts(g: FlowGraph, trace: TraceCounts): EdgeCounts {
  const edges = graphEdges(g);
  const counts = edges.map(() => 0);
  const paths = statesByPath(g);
  const entered = new Map<string, number>();
  const unmatched: TakenTransition[] = [];
  let flows = 0;
  const enter = (chain: readonly GraphState[], leaving: readonly GraphState[], n: number) => {
    for (const s of chain) if (!leaving.includes(s)) entered.set(s.id, (entered.get(s.id) ?? 0) + n);
  };
  for (const t of trace.transitions(g.id)) {
    const to = paths.get(t.to);
    if (t.from === null) {
      if (!to) unmatched.push(t);
      else {
        flows += t.count;
        enter(to, [], t.count);
      }
      continue;
    }
    const from = paths.get(t.from);
    const event = traceEvent(t.event);
    const hit = from && to ? from.map((s) => edges.findIndex((e) => e.from === s && labelEvent(e.label) === event && to.includes(e.to))).find((i) => i >= 0) : undefined;
    if (hit === undefined) {
      unmatched.push(t);
      continue;
    }
    counts[hit]! += t.count;
    enter(to!, from!, t.count);
  }
  return { flows, edges: counts, entered, unmatched };
}
