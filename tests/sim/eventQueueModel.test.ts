import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, type TimerId } from '../../src/sim/index.js';

// The queue's timer ids became its heap entries (no id map). This drives it and a plain model of
// the old contract side by side with programs where events, as they run, cancel others: ones
// already run, ones cancelled before, themselves, ones due at the same instant, twice over. Both
// must run the same events at the same times in the same order, and agree on the size throughout.

interface Step {
  /** Offsets (ms, may be negative: a past time means now) of the events this one schedules when it runs. */
  readonly schedule: readonly number[];
  /** Which of the ids issued so far it cancels (taken modulo their count), in order. */
  readonly cancel: readonly number[];
}

/** The old contract: pending events by id, the next is the least (time, order), a past time is now. */
class Model {
  now = 0;
  private seq = 0;
  private readonly pending = new Map<number, { time: number; seq: number; fn: () => void }>();
  get size(): number {
    return this.pending.size;
  }
  at(time: number, fn: () => void): number {
    const seq = ++this.seq;
    this.pending.set(seq, { time: Math.max(time, this.now), seq, fn });
    return seq;
  }
  cancel(id: number): void {
    this.pending.delete(id);
  }
  step(): boolean {
    let next: { time: number; seq: number; fn: () => void } | undefined;
    for (const e of this.pending.values()) if (!next || e.time < next.time || (e.time === next.time && e.seq < next.seq)) next = e;
    if (!next) return false;
    this.pending.delete(next.seq);
    this.now = next.time;
    next.fn();
    return true;
  }
}

interface Queue<Id> {
  readonly now: number;
  readonly size: number;
  at(time: number, fn: () => void): Id;
  cancel(id: Id): void;
  step(): boolean;
}

/** Runs `program` on `q`: event k, when it runs, does program[k % length]. Returns what ran, when, and the sizes seen. */
function play<Id>(q: Queue<Id>, initial: readonly number[], program: readonly Step[]): (string | number)[] {
  const log: (string | number)[] = [];
  const ids: Id[] = [];
  let made = 0;
  const schedule = (offset: number): void => {
    const k = made++;
    ids.push(
      q.at(q.now + offset, () => {
        log.push(`run ${k} at ${q.now}`);
        const step = program[k % program.length]!;
        for (const c of step.cancel) q.cancel(ids[c % ids.length]!);
        log.push(q.size);
        for (const o of step.schedule) if (made < 400) schedule(o);
        log.push(q.size);
      }),
    );
  };
  for (const o of initial) schedule(o);
  // Some cancelled before anything runs, some of them twice.
  for (let i = 0; i < initial.length; i += 3) {
    q.cancel(ids[(i * 7) % ids.length]!);
    log.push(q.size);
  }
  while (q.step()) log.push(q.now);
  log.push(q.size);
  return log;
}

const offsets = fc.array(fc.constantFrom(-5, 0, 0, 0, 1, 1, 3, 10), { maxLength: 4 });
const step = fc.record({ schedule: offsets, cancel: fc.array(fc.nat(60), { maxLength: 4 }) });

describe('EventQueue with its entries as timer ids, against the id-map contract', () => {
  it('runs, cancels and counts as the model does, whatever events cancel while they run', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 1, 2, 5), { minLength: 1, maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 20 }), (initial, program) => {
        const q = new EventQueue(0);
        expect(play<TimerId>(q, initial, program)).toEqual(play(new Model(), initial, program));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps 10,000 events due at one instant in scheduling order with every third cancelled', () => {
    const q = new EventQueue(0);
    const ran: number[] = [];
    const ids = Array.from({ length: 10_000 }, (_, i) => q.at(7, () => ran.push(i)));
    for (let i = 0; i < ids.length; i += 3) q.cancel(ids[i]!);
    for (let i = 0; i < ids.length; i += 3) q.cancel(ids[i]!);
    while (q.step());
    expect(ran).toEqual(Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 3 !== 0));
  });
});
