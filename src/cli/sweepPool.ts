// Runs a sweep's tasks on a pool of worker threads (tinypool), a bounded number in flight so
// memory holds a few tasks at a time however many runs there are, and hands each summary on as
// it arrives; the caller keeps only what it needs of it.

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

export async function runOnPool(tasks: Iterable<SweepTask>, workers: number, onDone: (summary: RunSummary) => void): Promise<void> {
  const pool = new Tinypool({ filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  const iterator = tasks[Symbol.iterator]();
  let failure: Error | undefined;
  const lane = async () => {
    for (let next = iterator.next(); !next.done && !failure; next = iterator.next()) {
      const answer = (await pool.run(next.value)) as SweepAnswer;
      if ('ok' in answer) onDone(answer.ok);
      else {
        const f = answer.failed;
        failure ??= f.badInput ? new BadInput(f.message) : Object.assign(new Error(f.message), f.stack ? { stack: f.stack } : {});
      }
    }
  };
  try {
    // Two tasks per thread keeps every thread busy while an answer travels back.
    await Promise.all(Array.from({ length: workers * 2 }, lane));
  } finally {
    await pool.destroy();
  }
  if (failure) throw failure;
}
