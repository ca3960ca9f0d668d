// What runs alongside the workload: mined coin arriving on each miner's schedule, and NPCS's
// clearing cycles one after another. Neither is work: they keep going only while work is queued,
// so they alone never keep a run alive.

import { createActor } from 'xstate';
import { clearingCycleFlow as clearingCycleId, miningFlow, transfer } from '../ledger/index.js';
import { custodyAccount } from '../rails/participants/participant.js';
import { clearingCycleFlow, type ClearingCycleOutcome, type ClearingRails } from '../flows/clearingCycle/index.js';
import type { Model } from './model.js';
import { amountSampler } from './workload.js';
import { BLOCK_REWARDS_ACCOUNT, type World } from './world.js';
import type { RunListeners } from './listeners.js';

/** Timers queued that are not work: pending rewards, and the running cycle's (0 or 1). */
export interface Background {
  rewards: number;
  cycle: number;
}

/** Whether work other than the background is still queued. */
function workQueued(world: World, b: Background): boolean {
  return world.queue.size - (b.rewards + b.cycle) > 0;
}

/** Mined coin, from the block-rewards account outside the rail, on each miner's schedule. */
export function scheduleMining(m: Model, world: World, b: Background): void {
  const { queue, ledger } = world;
  for (const p of m.participants) {
    if (!p.mining) continue;
    const miner = p.participant;
    const every = p.mining.everyMs;
    const reward = amountSampler(p.mining.reward, world.streams.stream(`mining/${miner.id}`));
    const next = () => {
      b.rewards++;
      queue.after(every, () => {
        b.rewards--;
        ledger.post({ time: queue.now, flow: miningFlow(miner.id), kind: 'mining.reward', postings: transfer(BLOCK_REWARDS_ACCOUNT, custodyAccount(miner), reward()), memo: 'mined coin' });
        if (workQueued(world, b)) next();
      });
    };
    next();
  }
}

/** Clearing cycles while work is queued, and one more after the last obligation. */
export function scheduleCycles(m: Model, world: World, b: Background, listeners: RunListeners, fail: (err: unknown) => void): void {
  const book = world.services.clearing;
  const ports = world.ports.get(clearingCycleFlow) as ClearingRails | undefined;
  if (!book || !m.clearing || !ports) return;
  const cycleMs = m.clearing.cycleMs;
  const { queue } = world;
  let n = 0;
  const startCycle = () => {
    const cycleId = clearingCycleId(++n);
    const actor = createActor(clearingCycleFlow.machine, { input: { cycleId, cycleMs, ports }, clock: queue.clock });
    b.cycle = 1;
    actor.subscribe({
      next: (snapshot: { status: string; output?: unknown }) => {
        if (snapshot.status !== 'done') return;
        b.cycle = 0;
        listeners.cycle?.(snapshot.output as ClearingCycleOutcome, queue.now);
        if (workQueued(world, b) || book.pending > 0) startCycle();
      },
      error: fail,
    });
    actor.start();
  };
  startCycle();
}
