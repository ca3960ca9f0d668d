// Runs a sweep's tasks on a pool of workers (tinypool) and hands each summary on in the order the
// tasks were given, whatever order they finish in. Memory stays bounded however many runs there
// are: a few tasks are in flight per worker, and a run that finishes ahead of an earlier one
// waits in a window of summaries; the pool takes no task beyond it.
//
// Workers are child processes running V8 with --single-threaded, not threads of this process. A
// run is CPU-bound, and V8 by default hands a quarter of its work (concurrent marking, parallel
// scavenges, background compilation) to helper threads on other cores: one worker then takes
// about 1.3 cores, and as many workers as cores oversubscribe them. A V8 flag is per process, so
// only a child process can have it; with it each worker takes one core, and N workers on N cores
// run about N times as fast as one (measured in `npm run bench:sweep`).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { BadInput } from './errors.js';
import type { RunSummary } from './sweepRun.js';
import type { SweepAnswer, SweepTask } from './sweepWorker.js';

/** The compiled worker beside this module (dist/src/cli/sweepWorker.js once built). */
export function workerFile(): string {
  const file = fileURLToPath(new URL('./sweepWorker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`the sweep worker ${file} is missing: run \`npm run build\` and use dist/src/cli/bin.js`);
  return file;
}

/** Summaries held for a run still in flight before it: wide enough that a slow run rarely stalls the pool. */
const windowFor = (workers: number) => Math.max(64, workers * 16);

/** How workers are made: single-threaded V8 processes (the sweep's), or V8's defaults in threads (for comparison). */
export type Isolation = 'processes' | 'threads';

function poolOf(workers: number, isolation: Isolation): Tinypool {
  const size = { filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000 };
  if (isolation === 'threads') return new Tinypool(size);
  // The parent's own node options (a --import preload, --expose-gc) go to the workers as well.
  return new Tinypool({ ...size, runtime: 'child_process', serialization: 'advanced', execArgv: [...process.execArgv, '--single-threaded'] });
}

export async function runOnPool(tasks: Iterable<SweepTask>, workers: number, onDone: (summary: RunSummary) => void, isolation: Isolation = 'processes'): Promise<void> {
  const pool = poolOf(workers, isolation);
  const iterator = tasks[Symbol.iterator]();
  const window = windowFor(workers);
  const early = new Map<number, RunSummary>();
  let [issued, delivered] = [0, 0];
  let failure: Error | undefined;
  let sleepers: (() => void)[] = [];
  const wakeAll = () => {
    for (const wake of sleepers) wake();
    sleepers = [];
  };
  const deliver = (index: number, summary: RunSummary) => {
    early.set(index, summary);
    for (let next = early.get(delivered); next !== undefined; next = early.get(delivered)) {
      early.delete(delivered);
      delivered += 1;
      onDone(next);
    }
  };
  const lane = async () => {
    for (;;) {
      while (!failure && issued - delivered >= window) await new Promise<void>((wake) => sleepers.push(wake));
      const next = failure ? undefined : iterator.next();
      if (!next || next.done) return;
      const index = issued++;
      try {
        const answer = (await pool.run(next.value)) as SweepAnswer;
        if ('ok' in answer) deliver(index, answer.ok);
        else {
          const f = answer.failed;
          failure ??= f.badInput ? new BadInput(f.message) : Object.assign(new Error(f.message), f.stack ? { stack: f.stack } : {});
        }
      } catch (e) {
        failure ??= e as Error;
      }
      wakeAll();
    }
  };
  try {
    // Two tasks per worker keeps every worker busy while an answer travels back.
    await Promise.all(Array.from({ length: workers * 2 }, lane));
  } finally {
    await pool.destroy();
  }
  if (failure) throw failure;
}
