// The bench's yardstick: the same crossBorderPayment machine as a bare xstate actor, with the
// same simulated clock, and nothing else (no inspection, no rails, no ledger, no outputs). Each
// payment replays the events of one real settled payment of the shipped scenario, at the same
// simulated offsets, so the machine takes the same path. What the product does per payment
// beyond this is the cost of the rails, the ledger, the checks and the outputs.

import { createActor, type AnyEventObject } from 'xstate';
import { crossBorderPayment, type CrossBorderInput, type CrossBorderPorts } from '../src/flows/crossBorderPayment/index.js';
import { compileScenario } from '../src/scenario/compile.js';
import { runScenario } from '../src/scenario/runner.js';
import type { Scenario } from '../src/scenario/schema.js';
import { EventQueue, type TraceRecord } from '../src/sim/index.js';

/** One settled payment of a real run: its input and the events its rails answered with, at their offsets. */
export interface Script {
  readonly input: CrossBorderInput;
  readonly events: readonly { readonly offset: number; readonly event: AnyEventObject }[];
  readonly transitions: number;
}

/** Runs the scenario and keeps the first crossBorderPayment that settled. */
export function settledScript(s: Scenario): Script {
  const byFlow = new Map<string, TraceRecord[]>();
  let chosen: string | undefined;
  runScenario(compileScenario(s), {
    trace: (r) => {
      if ((chosen === undefined || r.flow === chosen) && r.machine === 'crossBorderPayment') byFlow.set(r.flow, [...(byFlow.get(r.flow) ?? []), r]);
    },
    outcome: (o) => {
      if (chosen === undefined && o.flow === 'crossBorderPayment' && o.status === 'settled') chosen = o.id;
    },
  });
  const records = chosen === undefined ? undefined : byFlow.get(chosen);
  if (!records) throw new Error('the shipped scenario settled no cross-border payment');
  const init = records[0]!.cause as unknown as { input: CrossBorderInput };
  // Timers the machine sets itself (xstate.after.*) fire from the clock in the replay too.
  const events = records.slice(1).flatMap((r) => (r.cause!.type.startsWith('xstate.') ? [] : [{ offset: r.time - records[0]!.time, event: r.cause as AnyEventObject }]));
  return { input: init.input, events, transitions: records.length };
}

/** Ports that do nothing: the replay sends what the rails answered. */
const silent: CrossBorderPorts = new Proxy({} as CrossBorderPorts, { get: (_, name) => (name === 'holdFreezes' ? () => false : () => undefined) });

/** `count` payments arriving every `everyMs`, each replaying the script; returns how many ended settled. */
export function replay(script: Script, count: number, everyMs: number, start: number): number {
  const queue = new EventQueue(start);
  const input = { ...script.input, ports: silent };
  let settled = 0;
  for (let i = 0; i < count; i++) {
    queue.at(start + i * everyMs, () => {
      const actor = createActor(crossBorderPayment, { input, clock: queue.clock });
      actor.subscribe((snapshot) => {
        if (snapshot.status === 'done' && snapshot.output.status === 'settled') settled++;
      });
      actor.start();
      for (const { offset, event } of script.events) queue.after(offset, () => actor.send(event as never));
    });
  }
  while (queue.step());
  return settled;
}
