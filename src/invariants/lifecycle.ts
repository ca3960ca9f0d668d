// Invariants of each flow's life: it ends in a final state, in time, with one outcome; its holds
// are resolved once and by the time it ends; a request delivered twice posts nothing twice.

import { atto, attosOf, failOnce, flowEnds, isoMs, showAtto, type Invariant } from './kit.js';
import type { RunFacts } from './records.js';
import { IdSet } from '../ledger/idSet.js';

/** 4. Finality: every flow ends in a final state of its machine, once, with exactly one outcome. */
export function finality(facts: RunFacts): Invariant {
  const v = failOnce('finality');
  const last = new Map<string, { machine: string; to: string; time: string; final: boolean }>();
  // Every flow that ended, compactly (a long run ends a million): a move or an outcome after the end must fail.
  const ended = new IdSet();
  const began = new Map<string, string>();
  const outcomes = new Map<string, number>();
  const finals = facts.finalStates;
  // A flow in a final state with its one outcome has passed every check `finish` would make of
  // it: only its id stays (in `ended`), for a move or an outcome after its end.
  const settle = (flow: string) => {
    last.delete(flow);
    outcomes.delete(flow);
  };
  return {
    name: 'finality',
    promise: 'every flow reaches a final state within the bound its machine declares, moves no more after it, and has exactly one outcome',
    trace(t) {
      v.count();
      // A flow whose last move was into a state that is not final has not ended: only a flow not
      // in flight is looked up among the ended ones. (One that moved on after its end is still in
      // flight, but it already failed, and only the first failure is told.)
      const prev = last.get(t.flow);
      if (prev ? prev.final : ended.has(t.flow)) v.fail(`${t.flow} moved after its final state: ${t.from} -> ${t.to} on ${t.event} at ${t.time}`);
      if (t.from === null) began.set(t.flow, t.time);
      const final = finals[t.machine]?.includes(t.to) ?? false;
      // Updated in place: one object a flow, not one a transition.
      if (prev) {
        prev.machine = t.machine;
        prev.to = t.to;
        prev.time = t.time;
        prev.final = final;
      } else last.set(t.flow, { machine: t.machine, to: t.to, time: t.time, final });
      if (final) {
        ended.add(t.flow);
        if (outcomes.get(t.flow) === 1) settle(t.flow);
        const bound = facts.boundsMs?.[t.machine];
        const start = began.get(t.flow);
        began.delete(t.flow);
        const took = start === undefined ? 0 : isoMs(t.time) - isoMs(start);
        if (bound !== undefined && took > bound) v.fail(`${t.flow} took ${took / 1000} s to reach ${t.to}, past the ${bound / 1000} s its machine ${t.machine} declares`);
      }
    },
    outcome(o) {
      // A settled flow (final, one outcome) is in `ended` but no longer in `last`: this is its second.
      const l = last.get(o.id);
      if (l === undefined && ended.has(o.id)) return v.fail(`${o.id} has more than one outcome`);
      outcomes.set(o.id, (outcomes.get(o.id) ?? 0) + 1);
      if (outcomes.get(o.id) === 2) v.fail(`${o.id} has more than one outcome`);
      // Ended: its last move was into a final state (a flow that moved on after its end already failed).
      else if (l?.final) settle(o.id);
    },
    finish() {
      for (const [flow, l] of last) {
        const known = finals[l.machine];
        if (!known) v.fail(`${flow}: machine ${l.machine} is unknown to the run's facts`);
        else if (!known.includes(l.to)) v.fail(`${flow} (${l.machine}) ended in ${l.to} at ${l.time}, not a final state (${known.join(', ')})`);
        if (!outcomes.has(flow)) v.fail(`${flow} has no outcome`);
      }
      for (const id of outcomes.keys()) if (!last.has(id)) v.fail(`outcome ${id} belongs to no traced flow`);
      return v.verdict();
    },
    broken: v.broken,
  };
}

/** 5. Holds: each pending hold is posted, voided or expired exactly once. */
export function holdsResolvedOnce(): Invariant {
  const v = failOnce('holds-resolved-once');
  const pending = new Map<string, { from: string; asset: string; amount: bigint; entry: string }>();
  // Every hold resolved, compactly (a long run resolves millions): placing or resolving one again must fail.
  const resolved = new IdSet();
  return {
    name: 'holds-resolved-once',
    promise: 'every pending hold is posted, voided or expired exactly once, and a void or expiry returns it whole',
    entry(e, amounts) {
      if (!e.kind.startsWith('hold.')) return;
      v.count();
      if (e.hold === undefined) return v.fail(`${e.id} (${e.kind} of ${e.flow}) names no hold`);
      if (e.kind === 'hold.pending') {
        if (pending.has(e.hold) || resolved.has(e.hold)) return v.fail(`${e.id}: hold ${e.hold} placed twice`);
        const i = e.postings.findIndex((p) => p.amount.startsWith('-'));
        if (i < 0) return v.fail(`${e.id}: hold ${e.hold} debits no account`);
        const debit = e.postings[i]!;
        pending.set(e.hold, { from: debit.account, asset: debit.asset, amount: -(amounts?.[i] ?? atto(debit.amount)), entry: e.id });
        return;
      }
      const hold = pending.get(e.hold);
      if (!hold) return v.fail(`${e.id}: hold ${e.hold} ${e.kind.slice(5)} but it was ${resolved.has(e.hold) ? 'already resolved' : 'never placed'}`);
      pending.delete(e.hold);
      resolved.add(e.hold);
      if (e.kind === 'hold.voided' || e.kind === 'hold.expired') {
        const x = attosOf(e, amounts);
        const back = e.postings.reduce((s, p, i) => (p.account === hold.from && p.asset === hold.asset ? s + x[i]! : s), 0n);
        if (back !== hold.amount) v.fail(`${e.id}: ${e.kind} of hold ${e.hold} returns ${showAtto(back)}, not the ${showAtto(hold.amount)} held, to ${hold.from}`);
      }
    },
    finish() {
      for (const [id, h] of pending) v.fail(`hold ${id} (placed in ${h.entry}) was never posted, voided or expired`);
      return v.verdict();
    },
    broken: v.broken,
  };
}

/**
 * 5b. No hold outlives its flow: a flow that fails voids its holds itself before it reaches its
 * final state, so none of them is posted, voided or left to expire after the flow ended.
 */
export function holdsEndWithFlow(): Invariant {
  const v = failOnce('holds-end-with-flow');
  const resolutions = new Map<string, { id: string; kind: string; flow: string; hold: string; time: string }[]>();
  const ended = new Map<string, string>();
  // Each flow is checked when it is over (its holds all resolved) and then forgotten.
  const ends = flowEnds((flow) => {
    const end = ended.get(flow);
    for (const r of end === undefined ? [] : (resolutions.get(flow) ?? [])) {
      v.count();
      if (isoMs(r.time) > isoMs(end!)) v.fail(`${r.id}: hold ${r.hold} of ${r.flow} ${r.kind.slice(5)} at ${r.time}, after ${r.flow} ended at ${end!}`);
    }
    resolutions.delete(flow);
    ended.delete(flow);
  });
  return {
    name: 'holds-end-with-flow',
    promise: "every hold a flow places is posted or voided by the flow itself no later than the flow's final state, never left to expire after it",
    entry(e) {
      if (e.kind.startsWith('hold.') && e.kind !== 'hold.pending' && e.hold !== undefined) {
        let list = resolutions.get(e.flow);
        if (!list) resolutions.set(e.flow, (list = []));
        list.push({ id: e.id, kind: e.kind, flow: e.flow, hold: e.hold, time: e.time });
      }
      ends.entry(e);
    },
    outcome(o) {
      ended.set(o.id, o.finalAt);
      ends.outcome(o);
    },
    finish() {
      ends.finish();
      return v.verdict();
    },
    broken: v.broken,
  };
}

/**
 * 9. Idempotency: a request delivered twice posts nothing twice. Every entry a request posts is
 * counted against the entries of its flow into the states that send that request.
 */
export function idempotency(facts: RunFacts): Invariant {
  const v = failOnce('idempotency');
  const posted = new Map<string, Map<string, { count: number; first: string }>>();
  const entered = new Map<string, Map<string, number>>();
  const machineOf = new Map<string, string>();
  /** Flows checked and forgotten whose last transition, into a final state, has yet to arrive (it follows the outcome). */
  const closing = new Set<string>();
  // Each machine's requests as a list, made once rather than per flow checked.
  const requestsOf = new Map<string, [string, readonly string[]][]>();
  const check = (flow: string, kinds: ReadonlyMap<string, { count: number; first: string }>) => {
    const machine = machineOf.get(flow);
    if (!machine) return;
    let requests = requestsOf.get(machine);
    if (!requests) requestsOf.set(machine, (requests = Object.entries(facts.requests[machine] ?? {})));
    const states = entered.get(flow);
    for (const [kind, from] of requests) {
      const k = kinds.get(kind);
      if (!k) continue;
      v.count();
      let sent = 0;
      for (const s of from) sent += states?.get(s) ?? 0;
      if (k.count > sent) v.fail(`${flow} posted ${kind} ${k.count} times (first ${k.first}) for ${sent} request${sent === 1 ? '' : 's'} from ${from.join(' or ')}`);
    }
  };
  // Each flow is checked when it is over and then forgotten, so memory follows the flows in flight.
  // A final state sends no request, so the transition into it, arriving after, changes no count.
  const ends = flowEnds((flow) => {
    const kinds = posted.get(flow);
    if (kinds) check(flow, kinds);
    const wasTraced = machineOf.has(flow);
    posted.delete(flow);
    entered.delete(flow);
    machineOf.delete(flow);
    if (wasTraced && !reachedFinal.has(flow)) closing.add(flow);
    reachedFinal.delete(flow);
  });
  const reachedFinal = new Set<string>();
  return {
    name: 'idempotency',
    promise: 'a request delivered twice posts nothing twice: no entry kind appears more often than its requests were sent',
    entry(e) {
      let kinds = posted.get(e.flow);
      if (!kinds) posted.set(e.flow, (kinds = new Map<string, { count: number; first: string }>()));
      const k = kinds.get(e.kind);
      if (k) k.count++;
      else kinds.set(e.kind, { count: 1, first: e.id });
      ends.entry(e);
    },
    trace(t) {
      const final = facts.finalStates[t.machine]?.includes(t.to) ?? false;
      if (final && closing.delete(t.flow)) return;
      if (final) reachedFinal.add(t.flow);
      machineOf.set(t.flow, t.machine);
      let states = entered.get(t.flow);
      if (!states) entered.set(t.flow, (states = new Map<string, number>()));
      states.set(t.to, (states.get(t.to) ?? 0) + 1);
    },
    outcome(o) {
      ends.outcome(o);
    },
    finish() {
      ends.finish();
      for (const [flow, kinds] of posted) check(flow, kinds);
      return v.verdict();
    },
    broken: v.broken,
  };
}
