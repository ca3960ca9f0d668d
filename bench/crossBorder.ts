// Benchmark: the shipped cross-border scenario's workload scaled to 10,000 and 100,000 payments.
// Prints payments per second (wall clock) and peak memory for each size; asserts nothing.
// Each size runs in a child process of its own, so one size's heap does not inflate the next.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadScenario } from '../src/cli/readScenario.js';
import { runScenario } from '../src/scenario/runner.js';
import type { Scenario } from '../src/scenario/schema.js';
import { entryToJournal, entryToJson } from '../src/ledger/index.js';
import { traceToJson } from '../src/sim/index.js';
import { RunMetrics, midsOf } from '../src/report/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCENARIO = join(here, '..', '..', 'scenarios', 'importer-pays-china-usdt.yaml');
const SIZES = [10_000, 100_000];

/** The shipped scenario with its generated payments scaled to `total`, and balances and depth with them. */
function scaled(s: Scenario, total: number): Scenario {
  const base = s.payments.reduce((n, p) => n + ('generate' in p ? p.generate.count : 1), 0);
  const k = total / base;
  const times = (v: string) => (BigInt(v.split('.')[0]!) * BigInt(Math.ceil(k))).toString();
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
      return { generate: { ...p.generate, count } };
    }),
  };
}

function measure(total: number): void {
  const r = loadScenario(SCENARIO);
  if (!r.ok) throw new Error('the shipped scenario does not load');
  const s = scaled(r.scenario, total);
  const metrics = new RunMetrics(midsOf(s));
  let bytes = 0;
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const began = process.hrtime.bigint();
  // Serialise every output line as a real run does, but count the bytes instead of writing them,
  // so the figure is the simulator's, not the disk's.
  const run = runScenario(
    s,
    {
      entry: (e) => {
        bytes += entryToJson(e).length + entryToJournal(e).length;
      },
      trace: (t) => {
        bytes += traceToJson(t).length;
      },
      outcome: (o, at) => {
        if (o.flow === 'crossBorderPayment') metrics.add(o, at);
      },
      progress: sample,
    },
    { progressEvery: 500 },
  );
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  sample();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      payments: run.finished,
      seconds: Number(seconds.toFixed(2)),
      paymentsPerSecond: Math.round(run.finished / seconds),
      peakRssMiB: Math.round(Math.max(peak, maxRss) / 2 ** 20),
      journalEntries: run.entries,
      outputMiB: Number((bytes / 2 ** 20).toFixed(1)),
      settled: metrics.byStatus.settled,
    }),
  );
}

const size = process.argv[2];
if (size) {
  measure(Number(size));
} else {
  console.log(`railpilot bench: ${SCENARIO} scaled; node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('payments  seconds  payments/s  peak RSS  journal entries  output');
  for (const n of SIZES) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(n)], { encoding: 'utf8' });
    const m = JSON.parse(out) as Record<string, number>;
    console.log(
      `${String(m.payments).padStart(8)}  ${String(m.seconds).padStart(7)}  ${String(m.paymentsPerSecond).padStart(10)}  ${(m.peakRssMiB + ' MiB').padStart(8)}  ${String(m.journalEntries).padStart(15)}  ${m.outputMiB} MiB`,
    );
  }
}
