// The trace recorder: one line per state transition of every flow, so a run can be replayed,
// explained and verified from disk.

import type { InspectionEvent } from 'xstate';
import { isoTime } from '../money/isoTime.js';

export interface TraceRecord {
  readonly time: number;
  readonly flow: string;
  readonly machine: string;
  readonly from: string | null;
  readonly event: string;
  readonly to: string;
  /** The event object itself, payload and all: what a replay of the flow sends (the bench's reference). */
  readonly cause?: { readonly type: string };
}

/** A state value (`{ unwinding: 'sellingBack' }`) as a dotted path (`unwinding.sellingBack`). */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}.${stateName(v)}`)
      .join(',');
  }
  return String(value);
}

/**
 * An xstate inspector for one actor that reports each snapshot change as a transition. Events
 * that change nothing are not recorded; xstate's own init event is named `INIT`.
 */
export function traceInspector(
  flow: string,
  machine: string,
  now: () => number,
  record: (r: TraceRecord) => void,
): (ev: InspectionEvent) => void {
  let from: string | null = null;
  return (ev) => {
    // Only the flow's own machine: children it invokes report through the same inspector.
    if (ev.type !== '@xstate.snapshot' || ev.actorRef.sessionId !== ev.rootId) return;
    const to = stateName((ev.snapshot as { value?: unknown }).value);
    if (to === from) return;
    const event = ev.event.type === 'xstate.init' ? 'INIT' : ev.event.type;
    record({ time: now(), flow, machine, from, event, to, cause: ev.event });
    from = to;
  };
}

/** One line of trace.jsonl as plain data. */
export function traceLine(r: TraceRecord): { time: string; flow: string; machine: string; from: string | null; event: string; to: string } {
  return { time: isoTime(r.time), flow: r.flow, machine: r.machine, from: r.from, event: r.event, to: r.to };
}

export function traceToJson(r: TraceRecord): string {
  return JSON.stringify(traceLine(r));
}
