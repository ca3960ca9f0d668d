// Benchmark: the shipped cross-border scenario's workload scaled to 10,000, 100,000 and 1,000,000
// payments, written to disk as a real run writes it (`runToFolder`: ledger.jsonl, journal.ledger,
// trace.jsonl, outcomes.jsonl, report.*) into a temporary folder deleted afterwards.
// - `crossBorder`: the time span grows with the count, so payments arrive at the shipped
//   scenario's rate and the number in flight stays the same at every size.
// - `crossBorder-packed`: every size in the shipped 8 hours (10k and 100k only), so the payments in
//   flight grow with the size.
// - `reference`: the same machine as a bare xstate actor replaying a real settled payment
//   (bench/reference.ts); the product's payments per CPU-second over the reference's is the ratio.
// Each run is a child process of its own, so one run's heap does not inflate the next. Prints a
// table and writes bench/results.json; asserts nothing.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compileScenario } from '../src/scenario/compile.js';
import { loadScenario } from '../src/cli/readScenario.js';
import type { Scenario } from '../src/scenario/schema.js';
import { runToFolder } from '../src/cli/runToFolder.js';
import { replay, settledScript } from './reference.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIO = join(here, '..', '..', 'scenarios', 'importer-pays-china-usdt.yaml');
const RESULTS = join(here, '..', '..', 'bench', 'results.json');
const SHIPPED_SPAN_MS = 8 * 3_600_000;
const REFERENCE_PAYMENTS = 100_000;

interface Run {
  name: string;
  payments: number;
  wallSeconds: number;
  cpuSeconds: number;
  paymentsPerCpuSecond: number;
  paymentsPerWallSecond: number;
  peakRssMB: number;
  bytesWritten: number;
  simulatedDays?: number;
  settled?: number;
  /** The machine's 1-minute load average as the run ended: on a shared machine, wall time follows it. */
  loadAverage: number;
}

function shipped(): Scenario {
  const r = loadScenario(SCENARIO);
  if (!r.ok) throw new Error('the shipped scenario does not load');
  return r.scenario.source;
}

/**
 * The shipped scenario with its generated payments scaled to `total`, balances and depth with
 * them; unless `packed`, the arrival window too, so the arrival rate stays the shipped one.
 */
function scaled(s: Scenario, total: number, packed: boolean): Scenario {
  const base = s.payments.reduce((n, p) => n + ('generate' in p ? p.generate.count : 1), 0);
  const k = total / base;
  const times = (v: string) => (BigInt(v.split('.')[0]!) * BigInt(Math.ceil(k))).toString();
  const over = packed ? undefined : `PT${Math.round((SHIPPED_SPAN_MS * k) / 1000)}S`;
  let left = total - s.payments.filter((p) => !('generate' in p)).length;
  const gens = s.payments.filter((p) => 'generate' in p);
  return {
    ...s,
    markets: Object.fromEntries(
      Object.entries(s.markets).map(([pair, m]) => [pair, { ...m, ...(m.depth ? { depth: times(m.depth) } : {}), ...(m.liquidity ? { liquidity: times(m.liquidity) } : {}) }]),
    ),
    participants: s.participants.map((p) => ({
      ...p,
      ...(p.balances ? { balances: Object.fromEntries(Object.entries(p.balances).map(([c, v]) => [c, times(v)])) } : {}),
    })),
    payments: s.payments.map((p) => {
      if (!('generate' in p)) return p;
      const count = p === gens.at(-1) ? left : Math.round(p.generate.count * k);
      left -= count;
      return { generate: { ...p.generate, count, ...(over ? { over } : {}) } };
    }),
  };
}

/** Wall and CPU time and peak RSS around `work`; `sample` is for the work to call as it goes. */
function timed(name: string, payments: number, work: (sample: () => void) => Promise<Partial<Run>> | Partial<Run>): Promise<Run> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  return Promise.resolve(work(sample)).then((extra) => {
    const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    sample();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return {
      name,
      payments,
      wallSeconds: round(wallSeconds, 2),
      cpuSeconds: round(cpuSeconds, 2),
      paymentsPerCpuSecond: Math.round(payments / cpuSeconds),
      paymentsPerWallSecond: Math.round(payments / wallSeconds),
      peakRssMB: Math.round(Math.max(peak, maxRss) / 2 ** 20),
      bytesWritten: 0,
      loadAverage: round(loadavg()[0]!, 2),
      ...extra,
    };
  });
}

/** One line of where the memory is: resident, V8's heap (reserved, live), array buffers (typed arrays), in MB. */
function memoryLine(finished: number): void {
  const m = process.memoryUsage();
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.error(`${finished} finished: rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} arrayBuffers ${mb(m.arrayBuffers)} peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function measure(name: string, total: number): Promise<Run> {
  if (name === 'reference') {
    const script = settledScript(shipped());
    return timed(name, REFERENCE_PAYMENTS, () => {
      // Arrivals at the shipped scenario's rate, as in `crossBorder`.
      const settled = replay(script, REFERENCE_PAYMENTS, SHIPPED_SPAN_MS / 493, 0);
      if (settled !== REFERENCE_PAYMENTS) throw new Error(`the reference settled ${settled} of ${REFERENCE_PAYMENTS}`);
      return { settled };
    });
  }
  const s = scaled(shipped(), total, name === 'crossBorder-packed');
  const tmp = mkdtempSync(join(tmpdir(), 'railpilot-bench-'));
  try {
    const out = join(tmp, 'run');
    // BENCH_HEAP_AT=n[,m...] writes a heap snapshot (into the working folder) when n (m...) payments have finished.
    // BENCH_MEM=n prints, to stderr, the process's memory by kind every n finished payments.
    const memEvery = Number(process.env.BENCH_MEM ?? 0);
    const heapAt = new Set((process.env.BENCH_HEAP_AT ?? '').split(',').filter(Boolean).map(Number));
    return await timed(name, total, async (sample) => {
      const progress = (p: { finished: number }) => {
        sample();
        if (heapAt.has(p.finished)) writeHeapSnapshot();
        if (memEvery > 0 && p.finished % memEvery === 0) memoryLine(p.finished);
      };
      const report = await runToFolder(compileScenario(s), out, undefined, progress);
      return {
        bytesWritten: folderBytes(out),
        simulatedDays: round((Date.parse(report.scenario.end) - Date.parse(report.scenario.start)) / 86_400_000, 1),
      };
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const PLAN: readonly [string, number][] = [
  ['reference', REFERENCE_PAYMENTS],
  ['crossBorder', 10_000],
  ['crossBorder-packed', 10_000],
  ['crossBorder', 100_000],
  ['crossBorder-packed', 100_000],
  ['crossBorder', 1_000_000],
];

function table(runs: readonly Run[], ratio: number): string {
  const head = 'run                  payments   wall s    CPU s  pay/CPU-s  pay/wall-s  peak RSS MB  bytes written';
  const rows = runs.map(
    (r) =>
      `${r.name.padEnd(19)} ${String(r.payments).padStart(9)} ${String(r.wallSeconds).padStart(8)} ${String(r.cpuSeconds).padStart(8)} ${String(r.paymentsPerCpuSecond).padStart(10)} ${String(r.paymentsPerWallSecond).padStart(11)} ${String(r.peakRssMB).padStart(12)} ${String(r.bytesWritten).padStart(14)}`,
  );
  return [head, ...rows, `ratio to reference (crossBorder at the largest size, per CPU-second): ${ratio}`].join('\n');
}

async function main(): Promise<void> {
  const [name, size] = process.argv.slice(2);
  if (name) {
    console.log(JSON.stringify(await measure(name, Number(size))));
    return;
  }
  // BENCH_MAX caps the sizes (e.g. BENCH_MAX=100000 while working); the README's table is the full run.
  const max = Number(process.env.BENCH_MAX ?? Infinity);
  console.log(`railpilot bench: ${SCENARIO} scaled; node ${process.version}, ${process.platform}/${process.arch}`);
  const runs: Run[] = [];
  for (const [n, count] of PLAN) {
    if (n !== 'reference' && count > max) continue;
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), n, String(count)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const run = JSON.parse(out.trim().split('\n').at(-1)!) as Run;
    runs.push(run);
    console.log(`${n} ${count}: ${JSON.stringify(run)}`);
  }
  const reference = runs.find((r) => r.name === 'reference')!;
  const largest = runs.filter((r) => r.name === 'crossBorder').at(-1)!;
  const ratioToReference = round(largest.paymentsPerCpuSecond / reference.paymentsPerCpuSecond, 3);
  console.log(table(runs, ratioToReference));
  const machine = { node: process.version, platform: `${process.platform}/${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMB: Math.round(totalmem() / 2 ** 20) };
  writeFileSync(RESULTS, JSON.stringify({ machine, scenario: 'scenarios/importer-pays-china-usdt.yaml', runs, ratioToReference }, null, 2) + '\n');
  console.log(`written: ${RESULTS}`);
}

await main();
