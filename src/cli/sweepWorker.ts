// The code each worker thread of a sweep runs: one task is one run (a scenario with a grid
// point's values applied, and a seed), and it answers with the run's summary only. A failure is
// answered as data, because an error's class does not survive the thread boundary and the main
// thread must still tell bad input (exit 2) from a bug (exit 3).

import type { Scenario } from '../scenario/schema.js';
import { compileScenario } from '../scenario/compile.js';
import { BadInput } from './errors.js';
import { summarizeRun, type RunSummary } from './sweepRun.js';

export interface SweepTask {
  /** As validated, not compiled: a compiled model's decimals and bigints do not survive the thread boundary. */
  readonly scenario: Scenario;
  readonly point: number;
  readonly seed: number;
  /** The run's own folder, with --keep-runs. */
  readonly keep?: string;
}

export type SweepAnswer = { ok: RunSummary } | { failed: { badInput: boolean; message: string; stack?: string } };

export default async function runTask(task: SweepTask): Promise<SweepAnswer> {
  try {
    return { ok: await summarizeRun(compileScenario(task.scenario), task.point, task.seed, task.keep) };
  } catch (e) {
    const err = e as Error;
    return { failed: { badInput: e instanceof BadInput, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
  }
}
