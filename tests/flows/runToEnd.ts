// Drives one flow machine to its end on a simulated clock, for the machine tests: the actor
// runs on the queue's clock, every queued event is run, and the flow must end, cleanly, in a
// final state with nothing left on the queue.

import { expect } from 'vitest';
import { createActor, type AnyStateMachine, type AnyStateNode } from 'xstate';
import type { EventQueue } from '../../src/sim/index.js';

export function runToEnd<TOutput>(machine: AnyStateMachine, input: unknown, queue: EventQueue): { output: TOutput; finalState: string; doneAt: number } {
  const actor = createActor(machine, { input, clock: queue.clock });
  const errors: unknown[] = [];
  let doneAt: number | undefined;
  actor.subscribe({
    next: (s: { status: string }) => {
      if (s.status === 'done' && doneAt === undefined) doneAt = queue.now;
    },
    error: (e: unknown) => errors.push(e),
  });
  actor.start();
  let steps = 0;
  while (queue.step()) {
    if (++steps > 10_000) throw new Error(`${machine.id} never settled down`);
  }
  const snapshot = actor.getSnapshot() as { status: string; value: unknown; output?: unknown };
  expect(errors).toEqual([]);
  expect(snapshot.status).toBe('done');
  expect(queue.size).toBe(0);
  const finalState = typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
  return { output: snapshot.output as TOutput, finalState, doneAt: doneAt! };
}

/** Every final state of a machine, as dotted paths, so a new one makes a coverage test fail. */
export function finalStatesOf(node: AnyStateNode): string[] {
  const own = node.type === 'final' ? [node.path.join('.')] : [];
  return [...own, ...Object.values(node.states).flatMap(finalStatesOf)];
}
