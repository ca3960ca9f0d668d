import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assign, createActor, setup } from 'xstate';
import { EventQueue } from '../../src/sim/index.js';

const T0 = Date.UTC(2024, 8, 2, 9, 0, 0);

/** Runs the queue dry, with a guard against an event that schedules itself for ever. */
function drain(q: EventQueue, limit = 100_000): number {
  let n = 0;
  while (q.step()) if (++n > limit) throw new Error('queue did not drain');
  return n;
}

describe('EventQueue', () => {
  it('starts at the given time, empty', () => {
    const q = new EventQueue(T0);
    expect(q.now).toBe(T0);
    expect(q.size).toBe(0);
    expect(q.step()).toBe(false);
    expect(q.now).toBe(T0);
  });

  it('runs events in time order and moves the clock to each event', () => {
    const q = new EventQueue(T0);
    const seen: [string, number][] = [];
    q.at(T0 + 300, () => seen.push(['c', q.now]));
    q.at(T0 + 100, () => seen.push(['a', q.now]));
    q.after(200, () => seen.push(['b', q.now]));
    expect(q.size).toBe(3);
    expect(drain(q)).toBe(3);
    expect(seen).toEqual([
      ['a', T0 + 100],
      ['b', T0 + 200],
      ['c', T0 + 300],
    ]);
    expect(q.now).toBe(T0 + 300);
    expect(q.size).toBe(0);
  });

  it('runs one event per step and reports whether it ran one', () => {
    const q = new EventQueue(T0);
    const seen: number[] = [];
    q.after(1, () => seen.push(1));
    q.after(2, () => seen.push(2));
    expect(q.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(q.size).toBe(1);
    expect(q.step()).toBe(true);
    expect(q.step()).toBe(false);
    expect(seen).toEqual([1, 2]);
  });

  it('runs events due at the same instant in the order they were scheduled', () => {
    const q = new EventQueue(T0);
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) q.at(T0 + 10, () => seen.push(i));
    drain(q);
    expect(seen).toEqual([...Array(50).keys()]);
  });

  it('runs an event scheduled for now, from inside an event, after those already due now', () => {
    const q = new EventQueue(T0);
    const seen: string[] = [];
    q.at(T0 + 5, () => {
      seen.push('first');
      q.after(0, () => seen.push('scheduled by first'));
    });
    q.at(T0 + 5, () => seen.push('second'));
    drain(q);
    expect(seen).toEqual(['first', 'second', 'scheduled by first']);
  });

  it('never runs an event earlier than now: a past time means now', () => {
    const q = new EventQueue(T0);
    const seen: [string, number][] = [];
    q.at(T0 + 100, () => {
      q.at(T0, () => seen.push(['past', q.now]));
      q.after(-50, () => seen.push(['negative delay', q.now]));
    });
    q.at(T0 + 100, () => seen.push(['already due', q.now]));
    drain(q);
    expect(seen).toEqual([
      ['already due', T0 + 100],
      ['past', T0 + 100],
      ['negative delay', T0 + 100],
    ]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses to schedule at %s', (time) => {
    const q = new EventQueue(T0);
    expect(() => q.at(time, () => undefined)).toThrow(`cannot schedule at ${time}`);
    expect(() => q.after(time, () => undefined)).toThrow(/cannot schedule/);
    expect(q.size).toBe(0);
  });

  it('cancels an event: it never runs and no longer counts, and the clock does not jump to it', () => {
    const q = new EventQueue(T0);
    const seen: string[] = [];
    const a = q.after(10, () => seen.push('a'));
    q.after(20, () => seen.push('b'));
    const c = q.after(30, () => seen.push('c'));
    q.cancel(a);
    q.cancel(c);
    expect(q.size).toBe(1);
    expect(drain(q)).toBe(1);
    expect(seen).toEqual(['b']);
    expect(q.now).toBe(T0 + 20);
  });

  it('ignores cancelling an event that already ran, twice, or of another queue', () => {
    const q = new EventQueue(T0);
    const seen: string[] = [];
    const a = q.after(10, () => seen.push('a'));
    q.step();
    q.cancel(a);
    q.cancel(a);
    q.cancel(new EventQueue(T0).after(10, () => seen.push('elsewhere')));
    q.after(10, () => seen.push('b'));
    expect(q.size).toBe(1);
    drain(q);
    expect(seen).toEqual(['a', 'b']);
  });

  it('lets an event cancel a later one', () => {
    const q = new EventQueue(T0);
    const seen: string[] = [];
    const timeout = q.after(30_000, () => seen.push('timeout'));
    q.after(1_000, () => {
      seen.push('answer');
      q.cancel(timeout);
    });
    drain(q);
    expect(seen).toEqual(['answer']);
    expect(q.now).toBe(T0 + 1_000);
  });

  it('pops in (time, scheduling order) for any schedule, with any events cancelled', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ time: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), { maxLength: 200 }), (plan) => {
        const q = new EventQueue(T0);
        const ran: number[] = [];
        const ids = plan.map((p, i) => q.at(T0 + p.time, () => ran.push(i)));
        plan.forEach((p, i) => p.cancel && q.cancel(ids[i]!));
        const expected = plan
          .map((p, i) => ({ ...p, i }))
          .filter((p) => !p.cancel)
          .sort((x, y) => x.time - y.time || x.i - y.i)
          .map((p) => p.i);
        expect(q.size).toBe(expected.length);
        drain(q);
        expect(ran).toEqual(expected);
        expect(q.size).toBe(0);
      }),
    );
  });

  it('keeps time monotone and (time, order) sorted when events schedule more events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 20 }), children: fc.array(fc.integer({ min: -5, max: 20 }), { maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 60,
        }),
        (plan) => {
          const q = new EventQueue(T0);
          const ran: { time: number; order: number }[] = [];
          let order = 0;
          const schedule = (delay: number, children: number[], depth: number) => {
            const mine = ++order;
            q.after(delay, () => {
              ran.push({ time: q.now, order: mine });
              if (depth < 2) for (const d of children) schedule(d, children, depth + 1);
            });
          };
          for (const p of plan) schedule(p.delay, p.children, 0);
          drain(q);
          for (let k = 1; k < ran.length; k++) {
            const [x, y] = [ran[k - 1]!, ran[k]!];
            expect(x.time < y.time || (x.time === y.time && x.order < y.order)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('EventQueue.clock with xstate', () => {
  const machine = setup({
    types: { events: {} as { type: 'ANSWER' } },
  }).createMachine({
    id: 'payment',
    initial: 'quoting',
    states: {
      quoting: {
        on: { ANSWER: 'held' },
        after: { 30_000: 'expired' },
      },
      held: {
        after: { 1_500: 'settled' },
      },
      settled: { type: 'final' },
      expired: { type: 'final' },
    },
  });

  function run(answerAt?: number) {
    const q = new EventQueue(T0);
    const actor = createActor(machine, { clock: q.clock });
    const states: [string, number][] = [];
    actor.subscribe((s) => states.push([String(s.value), q.now]));
    actor.start();
    if (answerAt !== undefined) q.at(answerAt, () => actor.send({ type: 'ANSWER' }));
    drain(q);
    actor.stop();
    return { q, states };
  }

  it('fires an `after` delay at the right simulated time', () => {
    const { q, states } = run();
    expect(states).toEqual([
      ['quoting', T0],
      ['expired', T0 + 30_000],
    ]);
    expect(q.now).toBe(T0 + 30_000);
  });

  it('starts a delay set on entering a state from that moment, and cancels the delay of a state left early', () => {
    const { q, states } = run(T0 + 2_000);
    expect(states).toEqual([
      ['quoting', T0],
      ['held', T0 + 2_000],
      ['settled', T0 + 3_500],
    ]);
    // The 30 s quote timer was cleared: the clock never ran on to it.
    expect(q.now).toBe(T0 + 3_500);
    expect(q.size).toBe(0);
  });

  it('orders a machine timer and a queue event due at the same instant by scheduling order', () => {
    const q = new EventQueue(T0);
    const counter = setup({ types: { context: {} as { ticks: number } } }).createMachine({
      context: { ticks: 0 },
      initial: 'on',
      states: { on: { after: { 100: { target: 'on', reenter: true, actions: assign({ ticks: ({ context }) => context.ticks + 1 }) } } } },
    });
    const seen: string[] = [];
    const actor = createActor(counter, { clock: q.clock });
    actor.subscribe((s) => seen.push(`tick ${s.context.ticks} at ${q.now - T0}`));
    actor.start(); // timer for T0+100 scheduled first
    q.at(T0 + 100, () => seen.push(`event at ${q.now - T0}`));
    q.at(T0 + 250, () => actor.stop());
    drain(q);
    expect(seen).toEqual(['tick 0 at 0', 'tick 1 at 100', 'event at 100', 'tick 2 at 200']);
    expect(q.size).toBe(0);
  });
});
