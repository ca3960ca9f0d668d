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
import { cpus, tmpdir, totalmem } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compileScenario } from '../src/scenario/compile.js';
import { runToFolder } from '../src/cli/runToFolder.js';
import { REFERENCE_PAYMENTS, SCENARIO, measureReference, round, scaled, shipped, timed, type Run } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, '..', '..', 'bench', 'results.json');

/** One line of where the memory is: resident, V8's heap (reserved, live), array buffers (typed arrays), in MB. */
function memoryLine(finished: number): void {
  const m = process.memoryUsage();
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.error(`${finished} finished: rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} arrayBuffers ${mb(m.arrayBuffers)} peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function measure(name: string, total: number): Promise<Run> {
  if (name === 'reference') return measureReference();
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
