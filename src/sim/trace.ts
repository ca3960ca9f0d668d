// The trace recorder: one line per state transition of every flow, so a run can be replayed,
// explained and verified from disk.

import type { AnyActorLogic, AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
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
    // Built by concatenation, in Object.entries' order: every transition of a run names its state.
    let name = '';
    for (const key in value) name += `${name === '' ? '' : ','}${key}.${stateName((value as Record<string, unknown>)[key])}`;
    return name;
  }
  return String(value);
}

/** The machine's own transition's parameters: a snapshot, the event, the actor's scope. */
type Transition = Parameters<AnyStateMachine['transition']>;

/** The observer a traced actor is subscribed with: its snapshots, and what it threw. */
export interface TracedObserver {
  next(snapshot: AnyMachineSnapshot): void;
  error(err: unknown): void;
}

/**
 * Records each state change of the actors of one machine as a transition, for actors created
 * from `logic` and subscribed with `observer(...)`. Events that change nothing are not
 * recorded; xstate's own init event is named `INIT`; children an actor invokes run their own
 * logic, so only the flow's own transitions are recorded.
 *
 * Why not an xstate inspector: an inspector is handed every inspection event of the actor (each
 * event, microstep, action and snapshot, each copied with its root id), five to ten a transition,
 * to keep one. Here the machine's own `transition` runs unchanged inside a thin wrapper that
 * keeps the event it was given, and the actor's snapshot observer, which xstate calls once per
 * processed event right after that transition, records it: the same records, at the same moment
 * relative to the ledger entries the transition's actions posted, at a fraction of the cost.
 */
export class TransitionTracer {
  /** The snapshot the last transition returned and its event: read by the observer xstate calls next. */
  private lastNext: unknown;
  private last: EventObject | undefined;
  /**
   * The events of snapshots whose observer has not been called yet when another transition of
   * this machine ran: a sendTo of one flow to another runs after its transition returns and before
   * its observer, so the other flow's transition comes in between.
   */
  private readonly held = new WeakMap<object, EventObject>();
  /** The start snapshot of the actor created last, undefined if computing it threw. */
  private initial: AnyMachineSnapshot | undefined;
  readonly logic: AnyActorLogic;

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly now: () => number,
    private readonly record: (r: TraceRecord) => void,
  ) {
    // Kept after the machine's transition returns, not before: an action of this transition may
    // have made another actor of the same machine process an event in the meantime.
    this.logic = {
      config: machine.config,
      transition: (snapshot: Transition[0], event: Transition[1], scope: Transition[2]) => {
        const next = machine.transition(snapshot, event, scope);
        if (this.lastNext !== undefined) this.held.set(this.lastNext as object, this.last!);
        this.lastNext = next;
        this.last = event as EventObject;
        return next;
      },
      // Kept for the observer subscribed next: xstate reports no snapshot of a start whose entry
      // action threw, and the inspector recorded that start (see `observer`).
      getInitialSnapshot: (scope: Transition[2], input: unknown) => {
        this.initial = undefined;
        return (this.initial = machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot);
      },
      getPersistedSnapshot: machine.getPersistedSnapshot.bind(machine),
      restoreSnapshot: machine.restoreSnapshot.bind(machine),
      start: machine.start.bind(machine),
    };
  }

  /**
   * The observer to subscribe to one actor of `logic` (flow `flow`, started with `input`): it
   * calls `done` with the final snapshot, then records the transition, as an inspector would
   * have after the actor's observers; `failed` gets what the actor threw. Subscribe it right
   * after creating the actor, before creating another of `logic`: it keeps that actor's start.
   */
  observer(flow: string, input: unknown, done: (snapshot: AnyMachineSnapshot) => void, failed: (err: unknown) => void): TracedObserver {
    const { machine, now, record } = this;
    const initial = this.initial;
    let from: string | null = null;
    const reached = (snapshot: AnyMachineSnapshot, event: EventObject | undefined): void => {
      const to = stateName(snapshot.value);
      if (to === from) return;
      // The first snapshot an actor reports is its start's, for xstate's init event.
      const cause = from === null ? { type: 'xstate.init', input } : event!;
      record({ time: now(), flow, machine: machine.id, from, event: from === null ? 'INIT' : cause.type, to, cause });
      from = to;
    };
    return {
      next: (snapshot) => {
        if (snapshot.status === 'done') done(snapshot);
        const event = snapshot === this.lastNext ? this.last : this.held.get(snapshot);
        if (snapshot === this.lastNext) this.lastNext = undefined;
        reached(snapshot, event);
      },
      error: (err) => {
        failed(err);
        // An entry action of the start threw: xstate reported the start to an inspector, not to
        // observers. Any later error leaves the last recorded state as it was.
        if (from === null && initial !== undefined && initial.status !== 'error') reached(initial, undefined);
      },
    };
  }
}

/** One line of trace.jsonl as plain data; `iso` writes its time (a run's `isoClock()`, say). */
export function traceLine(r: TraceRecord, iso: (ms: number) => string = isoTime): { time: string; flow: string; machine: string; from: string | null; event: string; to: string } {
  return { time: iso(r.time), flow: r.flow, machine: r.machine, from: r.from, event: r.event, to: r.to };
}

export function traceToJson(r: TraceRecord): string {
  return JSON.stringify(traceLine(r));
}
