// Benchmark: sweep throughput (runs per second, wall clock) of a shipped scenario over seeds with
// 1 and 2 workers, and the speed-up; beside it the CPU a run takes (every thread of this process
// and of the worker processes) and the cores the sweep obtained, which tell whether the code or
// the machine limits the speed-up; then the same with V8's default threads, as the sweep ran
// before; then the main thread's live heap during and after sweeps of N and 2N runs, written as
// `railpilot sweep` writes them (runs.parquet and ensemble.*), which should not grow with N.
// Asserts nothing; prints the load average, since on a busy machine the figures say more about
// the other processes than about the sweep.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/cli/readScenario.js';
import { runOnPool, type Isolation } from '../src/cli/sweepPool.js';
import { ensembleSink } from '../src/cli/sweepOutputs.js';
import type { SweepPlanInfo } from '../src/report/ensemble.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIO = join(here, '..', '..', 'scenarios', 'usdt-depeg-in-flight.yaml');
const RUNS = Number(process.env.RAILPILOT_BENCH_RUNS ?? 200);
const r = loadScenario(SCENARIO);
if (!r.ok) throw new Error(`${SCENARIO} does not load`);
const scenario = r.scenario.source;
const tasks = (runs: number) => Array.from({ length: runs }, (_, i) => ({ scenario, point: 0, seed: i + 1 }));

/** CPU seconds (user + system) from a /proc stat line: own fields 14-15, waited-for children's 16-17. */
function procStat(file: string): { own: number; children: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
    return { own: (f[11]! + f[12]!) / 100, children: (f[13]! + f[14]!) / 100 };
  } catch {
    return null; // not Linux: the main thread's and the workers' shares are not printed
  }
}

/** CPU seconds so far: this process (every thread), its ended children (the worker processes), its main thread. */
function cpuNow(): { total: number | null; main: number | null } {
  const own = process.cpuUsage();
  const children = procStat('/proc/self/stat')?.children ?? null;
  return { total: children === null ? null : (own.user + own.system) / 1e6 + children, main: procStat('/proc/thread-self/stat')?.own ?? null };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function throughput(workers: number, isolation: Isolation): Promise<number> {
  const began = process.hrtime.bigint();
  const before = cpuNow();
  let done = 0;
  // The pool is destroyed (its processes ended and waited for) before runOnPool returns.
  await runOnPool(tasks(RUNS), workers, () => (done += 1), isolation);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const after = cpuNow();
  const total = after.total === null ? null : after.total - before.total!;
  const main = after.main === null ? null : after.main - before.main!;
  const rate = done / seconds;
  console.log(
    `  ${workers} worker${workers === 1 ? ' ' : 's'}: ${done} runs in ${seconds.toFixed(2)} s = ${rate.toFixed(2)} runs/s` +
      (total === null ? '' : `; ${(total / done).toFixed(3)} CPU s a run (main thread ${((main ?? 0) / done * 1000).toFixed(1)} ms); cores obtained ${(total / seconds).toFixed(2)}`) +
      ` (load ${load()})`,
  );
  return rate;
}

console.log(`sweep benchmark: ${SCENARIO.split('/').pop()} (150 payments a run), ${RUNS} seeds; ${availableParallelism()} cores; load average at start: ${load()}`);
// A short warm-up: the main thread's first sweep pays for loading modules and JIT.
await runOnPool(tasks(4), 2, () => undefined);
for (const [isolation, what] of [['processes', 'single-threaded V8 worker processes (the sweep)'], ['threads', "worker threads with V8's helper threads (before)"]] as const) {
  console.log(` ${what}:`);
  const one = await throughput(1, isolation);
  const two = await throughput(2, isolation);
  console.log(`  speed-up with 2 workers: ${(two / one).toFixed(2)}x`);
}

/** A sweep of `runs` written to a folder as the command writes it; the main thread's live heap sampled every 50 runs. */
async function heapOf(runs: number): Promise<{ duringMb: number; afterMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'railpilot-bench-sweep-'));
  const plan: SweepPlanInfo = { scenario: scenario.name, file: SCENARIO, scenarioSha256: '0'.repeat(64), seeds: `1..${runs}`, seedCount: runs, parameters: [] };
  const live = () => {
    globalThis.gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  let [done, duringMb] = [0, 0];
  const sink = ensembleSink(dir, plan);
  await runOnPool(tasks(runs), 2, (s) => {
    sink.add(s);
    if (++done % 50 === 0) duringMb = Math.max(duringMb, live());
  });
  sink.finish();
  rmSync(dir, { recursive: true, force: true });
  return { duringMb, afterMb: live() };
}
const small = await heapOf(RUNS);
const large = await heapOf(RUNS * 2);
const mb = (x: number) => `${x.toFixed(1)} MB`;
console.log(
  `  main-thread live heap, sweep of ${RUNS} runs: at most ${mb(small.duringMb)} during, ${mb(small.afterMb)} after; of ${RUNS * 2} runs: at most ${mb(large.duringMb)} during, ${mb(large.afterMb)} after` +
    (globalThis.gc ? '' : ' (run node with --expose-gc for live figures)'),
);
