import { describe, it, expect } from 'vitest';
import { assign, createActor, raise, sendParent, sendTo, setup, type AnyActorRef, type AnyStateMachine, type InspectionEvent } from 'xstate';
import { EventQueue, TransitionTracer, stateName } from '../../src/sim/index.js';

// The tracer replaced an xstate inspector; this is that inspector (src/sim/trace.ts before the
// change), kept here as the reference: every line the tracer records must be the line it recorded.
function inspector(flow: string, log: string[]): (ev: InspectionEvent) => void {
  let from: string | null = null;
  return (ev) => {
    if (ev.type !== '@xstate.snapshot' || ev.actorRef.sessionId !== ev.rootId) return;
    const to = stateName((ev.snapshot as { value?: unknown }).value);
    if (to === from) return;
    log.push(`${flow}: ${from ?? '-'} ${ev.event.type === 'xstate.init' ? 'INIT' : ev.event.type} ${to}`);
    from = to;
  };
}

type Start = (flow: string, input: unknown) => AnyActorRef;

/** Both ways of tracing the actors `drive` starts and moves: the old inspector's lines and the tracer's. */
function bothTraces(machine: AnyStateMachine, drive: (start: Start, q: EventQueue) => void): { old: string[]; now: string[] } {
  const old: string[] = [];
  let q = new EventQueue(0);
  drive((flow, input) => {
    const actor = createActor(machine, { input, clock: q.clock, inspect: inspector(flow, old) });
    actor.subscribe({ error: () => undefined });
    return actor.start();
  }, q);
  while (q.step());
  const now: string[] = [];
  q = new EventQueue(0);
  const tracer = new TransitionTracer(machine, () => 0, (r) => now.push(`${r.flow}: ${r.from ?? '-'} ${r.event} ${r.to}`));
  drive((flow, input) => {
    const actor = createActor(tracer.logic, { input, clock: q.clock });
    actor.subscribe(tracer.observer(flow, input, () => undefined, () => undefined));
    return actor.start();
  }, q);
  while (q.step());
  return { old, now };
}

describe('TransitionTracer against the inspector it replaced', () => {
  it('names its own event when its transition sends to another flow of the same machine (sendTo runs after the transition)', () => {
    const peer = setup({
      types: { input: {} as { peer: AnyActorRef | undefined }, context: {} as { peer: AnyActorRef | undefined }, events: {} as { type: 'GO' } | { type: 'POKE' } },
    }).createMachine({
      id: 'peer',
      context: ({ input }) => ({ ...input }),
      initial: 'idle',
      states: {
        idle: { on: { GO: 'going', POKE: 'poked' } },
        going: { entry: sendTo(({ context }) => context.peer!, { type: 'POKE' }) },
        poked: {},
      },
    });
    const { old, now } = bothTraces(peer, (start) => {
      const b = start('b', { peer: undefined });
      start('a', { peer: b }).send({ type: 'GO' });
    });
    expect(old).toEqual(['b: - INIT idle', 'a: - INIT idle', 'b: idle POKE poked', 'a: idle GO going']);
    expect(now).toEqual(old);
  });

  const boom = (): never => {
    throw new Error('boom');
  };
  const shapes = setup({
    types: { context: {} as { n: number }, events: {} as { type: 'GO' } | { type: 'POKE' } | { type: 'BOOM' } | { type: 'DONE' } },
    actions: { boom },
    actors: {
      kid: setup({}).createMachine({ initial: 'a', states: { a: { entry: sendParent({ type: 'POKE' }), after: { 5: 'b' } }, b: { type: 'final' } } }),
    },
  }).createMachine({
    id: 'shapes',
    context: { n: 0 },
    initial: 'idle',
    states: {
      idle: { on: { GO: 'passing', DONE: 'end', BOOM: { actions: 'boom' } } },
      // Eventless moves, a raised event and two delays due at one instant.
      passing: { always: 'raising' },
      raising: { entry: raise({ type: 'POKE' }), on: { POKE: 'timing' } },
      timing: { after: { 10: 'early', 20: 'late' }, on: { DONE: 'end' } },
      early: { after: { 10: 'late' } },
      late: { entry: assign({ n: ({ context }) => context.n + 1 }), invoke: { src: 'kid', onDone: 'end' }, on: { POKE: 'poked' } },
      poked: { invoke: { src: 'kid', onDone: 'end' }, after: { 5: 'end' } },
      end: { type: 'final' },
    },
  });

  it('records the same lines for eventless moves, raised events, delays at one instant, children, errors and final states', () => {
    const { old, now } = bothTraces(shapes, (start, q) => {
      const a = start('a', {});
      const b = start('b', {});
      const c = start('c', {});
      q.at(1, () => {
        a.send({ type: 'GO' });
        b.send({ type: 'GO' });
      });
      q.at(30, () => c.send({ type: 'DONE' }));
      q.at(31, () => start('d', {}).send({ type: 'BOOM' }));
    });
    expect(now).toEqual(old);
  });

  it('records the start of a flow whose first entry action throws, and nothing for one whose start cannot be computed', () => {
    const failing = setup({ actions: { boom } }).createMachine({ id: 'failing', initial: 'a', states: { a: { entry: 'boom' } } });
    const { old, now } = bothTraces(failing, (start) => void start('a', {}));
    expect(old).toEqual(['a: - INIT a']);
    expect(now).toEqual(old);
    const unstartable = setup({}).createMachine({ id: 'unstartable', context: () => boom(), initial: 'a', states: { a: {} } });
    const both = bothTraces(unstartable, (start) => {
      start('a', {});
      start('b', {});
    });
    expect(both.old).toEqual([]);
    expect(both.now).toEqual([]);
  });

  it('records a flow that ends in its first transition', () => {
    const ended = setup({}).createMachine({ id: 'ended', initial: 'a', states: { a: { always: 'b' }, b: { type: 'final' } } });
    const { old, now } = bothTraces(ended, (start) => void start('a', {}));
    expect(old).toEqual(['a: - INIT b']);
    expect(now).toEqual(old);
  });
});
