// The run loop: feeds the workload to the flows on the simulated clock. Each arrival becomes a
// spec, the registry names the flow that carries it, and an actor of that flow's machine runs on
// the clock until it reaches a final state and releases itself. Mined coin and clearing cycles
// run alongside (background.ts); the loop steps the clock until nothing is left to do.

import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { TransitionTracer, idGenerator } from '../sim/index.js';
import { IdSet } from '../ledger/idSet.js';
import { FLOWS, type RetailWork, type Work } from '../flows/index.js';
import type { PaymentSpec } from '../flows/payment.js';
import type { Model } from './model.js';
import { orderSources, type PaymentOrder, type RetailOrder } from './workload.js';
import type { World } from './world.js';
import { scheduleCycles, scheduleMining, type Background } from './background.js';
import type { Outcome, RunListeners } from './listeners.js';

/** Starts actors on the clock and counts them; keeps the first error a flow threw. */
export class Flows {
  readonly active = new Map<string, AnyActorRef>();
  started = 0;
  finished = 0;
  failure: unknown;
  /** One tracer per machine, when the run is traced: what its actors run and report through. */
  private readonly tracers = new Map<AnyStateMachine, TransitionTracer>();

  constructor(
    private readonly world: World,
    private readonly listeners: RunListeners,
    private readonly progressEvery: number,
  ) {}

  start(id: string, machine: AnyStateMachine, input: unknown): void {
    const { queue } = this.world;
    const done = (snapshot: { output?: unknown }) => {
      this.active.delete(id);
      this.finished++;
      this.listeners.outcome?.(snapshot.output as Outcome, queue.now);
      if (this.finished % this.progressEvery === 0) this.listeners.progress?.({ time: queue.now, started: this.started, finished: this.finished });
    };
    // xstate would rethrow from a real timer, outside the run: keep it and fail the run with it.
    const failed = (err: unknown) => {
      this.failure ??= err;
    };
    const tracer = this.tracer(machine);
    const actor = createActor(tracer ? tracer.logic : machine, { input, clock: queue.clock });
    this.active.set(id, actor);
    this.started++;
    actor.subscribe(
      tracer
        ? tracer.observer(id, input, done, failed)
        : {
            next: (snapshot: { status: string; output?: unknown }) => {
              if (snapshot.status === 'done') done(snapshot);
            },
            error: failed,
          },
    );
    actor.start();
  }

  private tracer(machine: AnyStateMachine): TransitionTracer | undefined {
    const { listeners } = this;
    if (!listeners.trace) return undefined;
    let tracer = this.tracers.get(machine);
    if (!tracer) {
      const { queue } = this.world;
      this.tracers.set(machine, (tracer = new TransitionTracer(machine, () => queue.now, (r) => listeners.trace!(r))));
    }
    return tracer;
  }

  /** Throws what a flow threw, if one did. */
  rethrow(): void {
    const f = this.failure;
    if (f !== undefined) throw f instanceof Error ? f : new Error(`a flow failed: ${JSON.stringify(f)}`);
  }
}

/** Runs the model's workload in the world to the end; what started and what finished. */
export function runLoop(m: Model, world: World, listeners: RunListeners, progressEvery: number): { started: number; finished: number } {
  const flows = new Flows(world, listeners, progressEvery);
  const background: Background = { rewards: 0, cycle: 0 };
  const launch = launcher(world, flows);
  scheduleMining(m, world, background);
  // One pending arrival per source on the queue; each arrival schedules its source's next.
  for (const source of orderSources(m, world.streams, world.populations)) {
    const scheduleNext = () => {
      const next = source.next();
      if (next.done) return;
      const item = next.value;
      world.queue.at(item.order.at, () => {
        if (item.kind === 'payment') launch.payment(item.order);
        else launch.order(item.order);
        scheduleNext();
      });
    };
    scheduleNext();
  }
  scheduleCycles(m, world, background, listeners, (err) => (flows.failure ??= err));
  while (world.queue.step()) flows.rethrow();
  flows.rethrow();
  if (flows.active.size > 0) {
    const stuck = [...flows.active.entries()].slice(0, 5).map(([id, a]) => `${id} in ${JSON.stringify((a.getSnapshot() as { value: unknown }).value)}`);
    throw new Error(`${flows.active.size} flows never reached a final state: ${stuck.join('; ')}`);
  }
  if (world.ledger.pendingHolds > 0) throw new Error(`${world.ledger.pendingHolds} holds were left pending at the end of the run`);
  listeners.progress?.({ time: world.queue.now, started: flows.started, finished: flows.finished });
  return { started: flows.started, finished: flows.finished };
}

/** Turns arrivals into specs with unique ids and starts each on the flow that carries it. */
function launcher(world: World, flows: Flows) {
  const { queue, services } = world;
  const carriers = Object.values(FLOWS).filter((f) => f.carries);
  const nextPaymentId = idGenerator(world.streams.stream('ids/payments'), 'pay-');
  const nextOrderId = idGenerator(world.streams.stream('ids/orders'), 'ord-');
  // Every id given so far, compactly: a long run gives a million.
  const seen = new IdSet();
  /** A unique id: the file's own, made unique if it repeats, or one from the seeded stream. */
  const uniqueId = (given: string | undefined, next: () => string) => {
    let id = given ?? next();
    // add says whether the id was new: one search of the set an id, not two.
    while (!seen.add(id)) id = given ? `${given}-${seen.size}` : next();
    return id;
  };
  const launch = (id: string, work: Work) => {
    const flow = carriers.find((f) => f.carries!(work));
    if (!flow) throw new Error(`no flow carries ${id}`);
    flows.start(id, flow.machine, flow.input!(work, world.ports.get(flow), services));
  };
  return {
    /** One trade, sent once per variant: twins share the trade and its id, suffixed by the variant. */
    payment(order: PaymentOrder): void {
      const base = uniqueId(order.id, nextPaymentId);
      const payer = order.from;
      const payee = order.to;
      for (const v of order.variants) {
        const id = v.tag === '' ? base : uniqueId(`${base}-${v.tag}`, nextPaymentId);
        const payment: PaymentSpec = { id, payer, payee, amount: order.amount, rail: v.rail, settlement: v.settlement, coin: order.coin, chain: order.chain, initiatedAt: queue.now };
        launch(id, payment);
      }
    },
    order(o: RetailOrder): void {
      const id = uniqueId(o.id, nextOrderId);
      const order: RetailWork = { id, participant: o.by, coin: o.coin, amount: o.amount, initiatedAt: queue.now, side: o.side };
      launch(id, order);
    },
  };
}
