// A run folder's trace.jsonl folded into how many flows took each transition (report/diagramCounts.ts),
// for the state diagrams `report` and `diagram --run` draw: streamed line by line, every line
// checked against its schema, and a line of a machine run.json has no graph for named as bad input.

import { join } from 'node:path';
import { traceLineSchema, type RunRecord } from '../records/index.js';
import { TraceCounts } from '../report/diagramCounts.js';
import type { UnmatchedTransition } from '../app/stateDiagram.js';
import { BadInput } from './errors.js';
import { records } from './readRunFolder.js';

/** The transitions of `folder`'s trace.jsonl, counted; `run` is its run.json, whose graphs the machines must have. */
export async function readTraceCounts(folder: string, run: RunRecord): Promise<TraceCounts> {
  const path = join(folder, 'trace.jsonl');
  const counts = new TraceCounts();
  for await (const t of records(path, traceLineSchema)) {
    if (!run.flows[t.value.machine]) throw new BadInput(`${path}:${t.line}: machine: ${JSON.stringify(t.value.machine)} has no state graph in run.json; expected one of ${Object.keys(run.flows).join(', ')}`);
    counts.add(t.value, t.line);
  }
  return counts;
}

/** Bad input naming the first transition of the trace that fits no edge of its machine's graph. */
export function unmatchedTransition(folder: string, u: UnmatchedTransition): BadInput {
  const t = u.transition;
  return new BadInput(
    `${join(folder, 'trace.jsonl')}:${t.line ?? 1}: ${u.machine} from ${t.from ?? '(start)'} on ${t.event} to ${t.to} is no transition of its state graph in run.json; expected the trace railpilot run wrote with it`,
  );
}
