// Which flows two runs ended differently: both outcomes.jsonl files streamed in step, a flow
// (flow kind and id) matched with its line in the other file as soon as both have been read.
//
// Memory: only flows read in one file and not yet in the other are held (kind, id, status,
// reason: a few hundred bytes each in V8). Two runs that end their flows in the same order (a run
// with itself, or a setting that moves no flow's end past another's) hold almost nothing; two
// seeds, whose flows end in different orders, hold up to the flows of one run at once. Measured on
// two synthetic 1,000,000-line files (/usr/bin/time, max RSS of the whole process): 110 MB in
// the same order, 470 MB with one file reversed, the worst case (about 360 bytes a pending flow).

import type { WrittenOutcome } from '../records/index.js';
import { records, type Line } from './readRunFolder.js';
import { writtenOutcomeSchema } from '../records/index.js';

export interface Ending {
  readonly status: string;
  readonly reason: string | null;
}

export interface ChangedFlow {
  readonly flow: string;
  readonly id: string;
  readonly a: Ending;
  readonly b: Ending;
}

export interface FlowComparison {
  /** Flows in both runs. */
  readonly shared: number;
  /** Shared flows that ended differently: the first `limit` of them, in A's order of ending. */
  readonly changed: readonly ChangedFlow[];
  readonly changedCount: number;
  readonly onlyInA: number;
  readonly onlyInB: number;
}

const keyOf = (o: WrittenOutcome) => `${o.flow} ${o.id}`;
const endingOf = (o: WrittenOutcome): Ending => ({ status: o.status, reason: o.reason });

interface Pending {
  readonly flow: string;
  readonly id: string;
  readonly ending: Ending;
  /** Where the flow is in its own file, to list changes in A's order. */
  readonly line: number;
}

/** Compares the endings of the flows of `pathA` and `pathB`; a malformed line is bad input naming file and line. */
export async function compareFlows(pathA: string, pathB: string, limit: number): Promise<FlowComparison> {
  const a = records(pathA, writtenOutcomeSchema);
  const b = records(pathB, writtenOutcomeSchema);
  const pendingA = new Map<string, Pending>();
  const pendingB = new Map<string, Pending>();
  // Changes kept with A's line so they can be listed in A's order; only the first `limit` by it.
  let changed: (ChangedFlow & { line: number })[] = [];
  let changedCount = 0;
  let shared = 0;
  const seen = (ea: Ending, eb: Ending, flow: string, id: string, lineA: number) => {
    shared++;
    if (ea.status === eb.status && ea.reason === eb.reason) return;
    changedCount++;
    changed.push({ flow, id, a: ea, b: eb, line: lineA });
    // Trimmed in batches so the list stays small however many flows changed.
    if (changed.length >= 2 * limit + 64) changed = changed.sort((x, y) => x.line - y.line).slice(0, limit);
  };
  const take = (l: Line<WrittenOutcome>, own: Map<string, Pending>, other: Map<string, Pending>, isA: boolean) => {
    const key = keyOf(l.value);
    const match = other.get(key);
    if (match === undefined) {
      own.set(key, { flow: l.value.flow, id: l.value.id, ending: endingOf(l.value), line: l.line });
      return;
    }
    other.delete(key);
    if (isA) seen(endingOf(l.value), match.ending, l.value.flow, l.value.id, l.line);
    else seen(match.ending, endingOf(l.value), l.value.flow, l.value.id, match.line);
  };
  try {
    let doneA = false;
    let doneB = false;
    while (!doneA || !doneB) {
      const [na, nb]: (IteratorResult<Line<WrittenOutcome>> | undefined)[] = await Promise.all([doneA ? undefined : a.next(), doneB ? undefined : b.next()]);
      if (na !== undefined) doneA = na.done === true;
      if (nb !== undefined) doneB = nb.done === true;
      const la = na !== undefined && !na.done ? na.value : undefined;
      const lb = nb !== undefined && !nb.done ? nb.value : undefined;
      // The common case, flows ending in the same order: matched without touching the maps.
      if (la && lb && keyOf(la.value) === keyOf(lb.value)) {
        seen(endingOf(la.value), endingOf(lb.value), la.value.flow, la.value.id, la.line);
        continue;
      }
      if (la) take(la, pendingA, pendingB, true);
      if (lb) take(lb, pendingB, pendingA, false);
    }
  } finally {
    await a.return(undefined);
    await b.return(undefined);
  }
  const listed = changed.sort((x, y) => x.line - y.line).slice(0, limit).map(({ line: _line, ...c }) => c);
  return { shared, changed: listed, changedCount, onlyInA: pendingA.size, onlyInB: pendingB.size };
}
