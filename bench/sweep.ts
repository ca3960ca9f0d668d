// Benchmark: sweep throughput (runs per second, wall clock) of a shipped scenario over seeds with
// 1 and 2 worker threads, the speed-up, and the main thread's heap after sweeps of N and 3N runs
// (a sweep keeps one small summary per run, never a run's records). Asserts nothing; prints the
// machine's load average too, since on a busy machine the speed-up says more about the others.

import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/cli/readScenario.js';
import { runOnPool } from '../src/cli/sweepPool.js';
import type { RunSummary } from '../src/cli/sweepRun.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIO = join(here, '..', '..', 'scenarios', 'usdt-depeg-in-flight.yaml');
const RUNS = Number(process.env.RAILPILOT_BENCH_RUNS ?? 200);

async function sweep(runs: number, workers: number): Promise<{ seconds: number; cpuSeconds: number; rows: RunSummary[] }> {
  const r = loadScenario(SCENARIO);
  if (!r.ok) throw new Error(`${SCENARIO} does not load`);
  const scenario = r.scenario.source;
  const tasks = Array.from({ length: runs }, (_, i) => ({ scenario, point: 0, seed: i + 1 }));
  const rows: RunSummary[] = [];
  const began = process.hrtime.bigint();
  // CPU time of the whole process, every thread: what the runs cost whatever else the machine does.
  const cpu = process.cpuUsage();
  await runOnPool(tasks, workers, (s) => rows.push(s));
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - began) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, rows };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`sweep benchmark: ${SCENARIO.split('/').pop()} (150 payments a run), ${RUNS} seeds; ${availableParallelism()} cores; load average before: ${load()}`);
// A short warm-up: the first runs of a thread pay for module loading and JIT.
await sweep(4, 2);
const rates: number[] = [];
for (const workers of [1, 2]) {
  const { seconds, cpuSeconds, rows } = await sweep(RUNS, workers);
  const rate = rows.length / seconds;
  rates.push(rate);
  // Cores obtained below the workers asked for means other processes held the CPU.
  console.log(
    `  ${workers} worker${workers === 1 ? ' ' : 's'}: ${rows.length} runs in ${seconds.toFixed(2)} s = ${rate.toFixed(2)} runs/s; ${(cpuSeconds / rows.length).toFixed(3)} CPU s a run; cores obtained ${(cpuSeconds / seconds).toFixed(2)}`,
  );
}
console.log(`  speed-up with 2 workers: ${(rates[1]! / rates[0]!).toFixed(2)}x (load average after: ${load()})`);

// Heap of the main thread after a sweep, kept summaries and all: it should not grow with the runs.
const heapAfter = async (runs: number) => {
  const { rows } = await sweep(runs, 2);
  globalThis.gc?.();
  return { runs: rows.length, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
};
const small = await heapAfter(RUNS);
const large = await heapAfter(RUNS * 3);
console.log(`  main-thread heap after ${small.runs} runs: ${small.heapMb.toFixed(1)} MB; after ${large.runs} runs: ${large.heapMb.toFixed(1)} MB${globalThis.gc ? '' : ' (run node with --expose-gc for settled figures)'}`);
