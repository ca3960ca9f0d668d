import { describe, it, expect } from 'vitest';
import { createActor, createMachine, sendTo, setup, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { EventQueue, TransitionTracer, stateName, traceToJson, type TraceRecord } from '../../src/sim/index.js';

const T0 = Date.UTC(2024, 8, 2, 9, 0, 0);

describe('stateName', () => {
  it('names a flat state by itself', () => {
    expect(stateName('quoting')).toBe('quoting');
  });

  it('names a nested state as a dotted path', () => {
    expect(stateName({ unwinding: 'sellingBack' })).toBe('unwinding.sellingBack');
    expect(stateName({ a: { b: { c: 'd' } } })).toBe('a.b.c.d');
  });

  it('names parallel regions separated by commas, in their order', () => {
    expect(stateName({ chain: 'confirming', bank: { hold: 'pending' } })).toBe('chain.confirming,bank.hold.pending');
  });
});

/** An actor of `machine` traced as the run loop traces its flows; `ends` gets each final snapshot. */
function traced(machine: AnyStateMachine, now: () => number, records: TraceRecord[], ends: AnyMachineSnapshot[] = [], clock?: EventQueue['clock']) {
  const tracer = new TransitionTracer(machine, now, (r) => records.push(r));
  const actor = createActor(tracer.logic, clock ? { clock } : {});
  actor.subscribe(tracer.observer('order-1', undefined, (s) => ends.push(s), (err) => { throw err; }));
  return actor;
}

describe('TransitionTracer', () => {
  const child = createMachine({ initial: 'idle', states: { idle: { on: { POKE: 'poked' } }, poked: {} } });
  const payment = setup({
    types: { events: {} as { type: 'QUOTE' } | { type: 'NOOP' } | { type: 'FILL' } },
    actors: { child },
  }).createMachine({
    id: 'payment',
    initial: 'quoting',
    states: {
      quoting: {
        on: { QUOTE: 'holding', NOOP: {} },
      },
      holding: {
        // A child actor started mid-flow, whose own transitions are not the flow's.
        invoke: { id: 'kid', src: 'child' },
        initial: 'pending',
        on: { NOOP: { actions: sendTo('kid', { type: 'POKE' }) } },
        states: { pending: { on: { FILL: 'posted' } }, posted: { after: { 2_000: '#payment.done' } } },
      },
      done: { type: 'final' },
    },
  });

  function run(): TraceRecord[] {
    const q = new EventQueue(T0);
    const records: TraceRecord[] = [];
    const actor = traced(payment, () => q.now, records, [], q.clock);
    actor.start();
    q.at(T0 + 100, () => actor.send({ type: 'NOOP' }));
    q.at(T0 + 200, () => actor.send({ type: 'QUOTE' }));
    q.at(T0 + 250, () => actor.send({ type: 'NOOP' }));
    q.at(T0 + 300, () => actor.send({ type: 'FILL' }));
    while (q.step());
    actor.stop();
    return records;
  }

  it('records each state change of the flow with its simulated time, starting from INIT', () => {
    const records = run();
    expect(records.map(({ time, cause, ...r }) => [time - T0, r, cause?.type])).toEqual([
      [0, { flow: 'order-1', machine: 'payment', from: null, event: 'INIT', to: 'quoting' }, 'xstate.init'],
      [200, { flow: 'order-1', machine: 'payment', from: 'quoting', event: 'QUOTE', to: 'holding.pending' }, 'QUOTE'],
      [300, { flow: 'order-1', machine: 'payment', from: 'holding.pending', event: 'FILL', to: 'holding.posted' }, 'FILL'],
      [2_300, { flow: 'order-1', machine: 'payment', from: 'holding.posted', event: expect.stringMatching(/^xstate\.after\.2000\./) as string, to: 'done' }, expect.stringMatching(/^xstate\.after\.2000\./) as string],
    ]);
  });

  it('leaves out events that change nothing and the snapshots of child actors', () => {
    const records = run();
    expect(records.map((r) => r.event)).not.toContain('NOOP');
    expect(records.map((r) => r.event)).not.toContain('POKE');
    expect(records.every((r) => r.to !== 'poked' && r.to !== 'idle')).toBe(true);
  });

  it('chains the records: each starts where the last one ended', () => {
    const records = run();
    for (let i = 1; i < records.length; i++) expect(records[i]!.from).toBe(records[i - 1]!.to);
  });

  it('records the same trace on every run', () => {
    expect(run()).toEqual(run());
  });

  // Regression test for a fixed bug (src/sim/trace.ts:40, `root ??= ev.actorRef`): the inspector takes the first actor that
  // reports a snapshot as the flow's root. A child invoked in the initial state (or at the top of
  // the machine) starts, and reports, before its parent does, so the trace records the child
  // (INIT -> idle, POKE -> poked) and none of the flow's own transitions. Expected: the root is
  // the actor being inspected (e.g. `ev.actorRef.sessionId === ev.rootId`).
  it('traces the flow, not a child invoked from its initial state', () => {
    const withChild = setup({ actors: { child }, types: { events: {} as { type: 'GO' } | { type: 'POKE' } } }).createMachine({
      initial: 'screening',
      states: {
        screening: {
          invoke: { id: 'kid', src: 'child' },
          on: { GO: 'done', POKE: { actions: sendTo('kid', { type: 'POKE' }) } },
        },
        done: {},
      },
    });
    const records: TraceRecord[] = [];
    const actor = traced(withChild, () => T0, records);
    actor.start();
    actor.send({ type: 'POKE' });
    actor.send({ type: 'GO' });
    actor.stop();
    expect(records.map((r) => `${r.from ?? '-'} ${r.event} ${r.to}`)).toEqual(['- INIT screening', 'screening GO done']);
  });
});

describe('TransitionTracer with several actors of one machine', () => {
  // An action of one flow that makes another flow of the same machine move at once (a rail
  // answering synchronously): each record must name the event its own actor processed.
  const peers = setup({
    types: { input: {} as { poke: () => void }, context: {} as { poke: () => void }, events: {} as { type: 'GO' } | { type: 'POKE' }, output: {} as string },
    actions: { pokePeer: ({ context }) => context.poke() },
  }).createMachine({
    id: 'peer',
    context: ({ input }) => input,
    initial: 'idle',
    states: {
      idle: { on: { GO: 'going', POKE: 'poked' } },
      going: { entry: 'pokePeer', on: { GO: 'done' } },
      poked: { type: 'final' },
      done: { type: 'final' },
    },
    output: () => 'ended',
  });

  it('records the event each actor processed, and a final transition after the flow ended', () => {
    const tracer = new TransitionTracer(peers, () => T0, (r) => log.push(`${r.flow}: ${r.from ?? '-'} ${r.event} ${r.to}`));
    const log: string[] = [];
    const start = (flow: string, poke: () => void) => {
      const actor = createActor(tracer.logic, { input: { poke } });
      actor.subscribe(tracer.observer(flow, { poke }, (s) => log.push(`${flow} ended ${String(s.output)}`), (err) => { throw err; }));
      return actor.start();
    };
    const b = start('b', () => undefined);
    const a = start('a', () => b.send({ type: 'POKE' }));
    a.send({ type: 'GO' });
    a.send({ type: 'GO' });
    expect(log).toEqual(['b: - INIT idle', 'a: - INIT idle', 'b ended ended', 'b: idle POKE poked', 'a: idle GO going', 'a ended ended', 'a: going GO done']);
  });
});

describe('traceToJson', () => {
  it('writes one JSON object with an ISO time and a null start', () => {
    const line = traceToJson({ time: T0 + 1_234, flow: 'order-1', machine: 'payment', from: null, event: 'INIT', to: 'quoting' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2024-09-02T09:00:01.234Z',
      flow: 'order-1',
      machine: 'payment',
      from: null,
      event: 'INIT',
      to: 'quoting',
    });
  });

  it('keeps field order stable, so traces compare byte for byte', () => {
    expect(traceToJson({ to: 'b', event: 'E', from: 'a', machine: 'm', flow: 'f', time: 0 })).toBe(
      '{"time":"1970-01-01T00:00:00.000Z","flow":"f","machine":"m","from":"a","event":"E","to":"b"}',
    );
  });
});
