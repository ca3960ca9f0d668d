// Benchmark: sweep throughput (runs per second, wall clock) of a shipped scenario over seeds with
// 1 and 2 workers, and the speed-up; beside it the CPU a run takes (every thread of this process
// and of the worker processes) and the cores the sweep obtained, which tell whether the code or
// the machine limits the speed-up; then the same with V8's default threads, as the sweep ran
// before; then the main thread's live heap during and after sweeps of N and 2N runs, written as
// `railpilot sweep` writes them (runs.parquet and ensemble.*), which should not grow with N.
// Asserts nothing; prints the load average, since on a busy machine the figures say more about
// the other processes than about the sweep.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** CPU seconds (user + system) of a thread, from its /proc stat line. */
function cpuOf(file: string): number {
  const text = readFileSync(file, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  return (f[11]! + f[12]!) / 100;
}

/** Every thread of this process and of its child processes: CPU seconds so far, and what it is. */
type Threads = Map<string, { cpu: number; role: 'main' | 'worker' | 'helper' }>;

/**
 * A worker's own thread is a child process's main thread (processes), or one of the busiest
 * threads of this process other than its main one (threads); every other thread is V8's or
 * libuv's helpers. Linux only (/proc); elsewhere null and the split is not printed.
 */
function threads(isolation: Isolation, workers: number): Threads | null {
  try {
    const map: Threads = new Map();
    const own = readdirSync('/proc/self/task');
    for (const t of own) map.set(t, { cpu: cpuOf(`/proc/self/task/${t}/stat`), role: t === String(process.pid) ? 'main' : 'helper' });
    if (isolation === 'threads') {
      const busiest = [...map.entries()].filter(([, v]) => v.role !== 'main').sort((a, b) => b[1].cpu - a[1].cpu);
      for (const [, v] of busiest.slice(0, workers)) v.role = 'worker';
    }
    const children = own.flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, 'utf8').split(' ').filter((p) => p !== ''));
    for (const pid of children) {
      for (const t of readdirSync(`/proc/${pid}/task`)) map.set(`${pid}/${t}`, { cpu: cpuOf(`/proc/${pid}/task/${t}/stat`), role: t === pid ? 'worker' : 'helper' });
    }
    return map;
  } catch {
    return null;
  }
}

/** CPU seconds by role between two looks at the threads (a thread not seen before started at 0). */
function split(before: Threads, after: Threads): Record<'main' | 'worker' | 'helper', number> {
  const sums = { main: 0, worker: 0, helper: 0 };
  for (const [t, v] of after) sums[v.role] += v.cpu - (before.get(t)?.cpu ?? 0);
  return sums;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function throughput(workers: number, isolation: Isolation): Promise<number> {
  const before = threads(isolation, workers);
  let after: Threads | null = null;
  const began = process.hrtime.bigint();
  let done = 0;
  await runOnPool(tasks(RUNS), workers, () => {
    // The last run's answer: every worker is still there to be looked at.
    if (++done === RUNS) after = threads(isolation, workers);
  }, isolation);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const rate = done / seconds;
  let cpu = '';
  if (before && after) {
    const s = split(before, after);
    const total = s.main + s.worker + s.helper;
    const ms = (x: number) => `${((x / done) * 1000).toFixed(1)} ms`;
    cpu = `; CPU a run ${ms(total)} (workers' own threads ${ms(s.worker)}, helper threads ${ms(s.helper)}, main thread ${ms(s.main)}); cores obtained ${(total / seconds).toFixed(2)}`;
  }
  console.log(`  ${workers} worker${workers === 1 ? ' ' : 's'}: ${done} runs in ${seconds.toFixed(2)} s = ${rate.toFixed(2)} runs/s${cpu} (load ${load()})`);
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
// A first sweep loads what writing the outputs needs (the charts inlined into ensemble.html among them).
await heapOf(20);
const small = await heapOf(RUNS);
const large = await heapOf(RUNS * 2);
const mb = (x: number) => `${x.toFixed(2)} MB`;
console.log(
  `  main-thread live heap, sweep of ${RUNS} runs: at most ${mb(small.duringMb)} during, ${mb(small.afterMb)} after; of ${RUNS * 2} runs: at most ${mb(large.duringMb)} during, ${mb(large.afterMb)} after` +
    (globalThis.gc ? '' : ' (run node with --expose-gc for live figures)'),
);
