// The one call that runs a compiled scenario: build the world (world.ts), run the workload on it
// (loop.ts), and hand every journal entry, transition and outcome to the caller as it happens.

import type { Model } from './model.js';
import { buildWorld } from './world.js';
import { runLoop } from './loop.js';
import type { RunListeners, RunOptions, RunResult } from './listeners.js';

export type { Outcome, RunListeners, RunOptions, RunResult } from './listeners.js';
export { BLOCK_REWARDS_ACCOUNT, FUNDING_ACCOUNT } from './world.js';

export function runScenario(m: Model, listeners: RunListeners = {}, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? m.seed;
  let entries = 0;
  const world = buildWorld(m, seed, {
    onLedger: (ledger) =>
      ledger.onEntry((e) => {
        entries++;
        listeners.entry?.(e);
      }),
    ...(listeners.prices ? { prices: (p) => listeners.prices!(p) } : {}),
  });
  const { started, finished } = runLoop(m, world, listeners, options.progressEvery ?? 1000);
  return {
    seed,
    started,
    finished,
    startTime: m.startMs,
    endTime: world.queue.now,
    entries,
    balances: world.ledger.allBalances(),
    regime: m.regime,
    caps: world.services.caps,
    participants: world.participants,
    duplicatesDropped: world.duplicatesDropped(),
    prices: world.prices,
    clearing: world.services.clearing,
  };
}
