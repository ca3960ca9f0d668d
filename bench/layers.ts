// Where a payment's CPU time goes: the bench's workload (the shipped cross-border scenario scaled,
// payments at the shipped rate) run four times, each time one layer more of what `railpilot run`
// does, through the product's own entry points, beside the bare-xstate reference:
// - `engine`: the flows on the simulated clock with their rails and ledger (`runScenario`, no listener);
// - `checked`: + the records of every entry, transition and outcome, every built-in invariant
//   checked on them, the report folded (`recordRun` with no writer);
// - `serialised`: + every line of every file serialised (`recordRun` with writers that drop the line);
// - `written`: + the files written and the manifest hashed (`runToFolder`, as the main bench's `crossBorder`).
// Each layer is a child process of its own. Prints a table (CPU microseconds a payment, what each
// layer adds, the ratio to the reference) and writes bench/layers.json; asserts nothing.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compileScenario } from '../src/scenario/compile.js';
import { runScenario } from '../src/scenario/runner.js';
import { recordRun, type RunWriters } from '../src/app/recordRun.js';
import { runToFolder } from '../src/cli/runToFolder.js';
import { measureReference, round, scaled, shipped, timed, type Run } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, '..', '..', 'bench', 'layers.json');
const LAYERS = ['engine', 'checked', 'serialised', 'written'] as const;
type Layer = (typeof LAYERS)[number];

/** Writers that serialise every line and keep none: what serialising costs without the disk. */
function dropping(): RunWriters {
  const drop = (_: string) => undefined;
  return { ledger: drop, journal: drop, trace: drop, outcomes: drop, details: drop, cycles: drop };
}

async function measure(layer: Layer | 'reference', total: number): Promise<Run> {
  if (layer === 'reference') return measureReference();
  const m = compileScenario(scaled(shipped(), total, false));
  if (layer !== 'written') {
    return timed(layer, total, () => {
      if (layer === 'engine') runScenario(m, {});
      else recordRun(m, layer === 'serialised' ? dropping() : {});
      return {};
    });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'railpilot-layers-'));
  try {
    return await timed(layer, total, async () => {
      await runToFolder(m, join(tmp, 'run'));
      return {};
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function table(runs: readonly Run[], reference: Run): string {
  const us = (r: Run) => (r.cpuSeconds * 1e6) / r.payments;
  const head = 'layer         payments    CPU s  pay/CPU-s  CPU us/payment  adds us  ratio to reference';
  const rows = runs.map((r, i) => {
    const adds = i === 0 ? '' : String(Math.round(us(r) - us(runs[i - 1]!)));
    const ratio = round(r.paymentsPerCpuSecond / reference.paymentsPerCpuSecond, 3);
    return `${r.name.padEnd(12)} ${String(r.payments).padStart(9)} ${String(r.cpuSeconds).padStart(8)} ${String(r.paymentsPerCpuSecond).padStart(10)} ${String(Math.round(us(r))).padStart(15)} ${adds.padStart(8)} ${String(ratio).padStart(19)}`;
  });
  return [head, ...rows].join('\n');
}

async function main(): Promise<void> {
  const [name, size] = process.argv.slice(2);
  if (name === '--help' || (name !== undefined && name !== 'reference' && !(LAYERS as readonly string[]).includes(name) && !/^\d+$/.test(name))) {
    console.log(`usage: node dist/bench/layers.js [PAYMENTS]      every layer and the reference (default 100000 payments)\n       node dist/bench/layers.js LAYER PAYMENTS  one layer, as a JSON line (${LAYERS.join(', ')}, reference)`);
    process.exitCode = name === '--help' ? 0 : 2;
    return;
  }
  if (name && !/^\d+$/.test(name)) {
    console.log(JSON.stringify(await measure(name as Layer | 'reference', Number(size ?? 100_000))));
    return;
  }
  const payments = Number(name ?? 100_000);
  const one = (layer: string) => {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), layer, String(payments)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const run = JSON.parse(out.trim().split('\n').at(-1)!) as Run;
    console.log(`${layer}: ${JSON.stringify(run)}`);
    return run;
  };
  const reference = one('reference');
  const runs = LAYERS.map(one);
  console.log(table(runs, reference));
  writeFileSync(RESULTS, JSON.stringify({ scenario: 'scenarios/importer-pays-china-usdt.yaml', payments, reference, layers: runs }, null, 2) + '\n');
  console.log(`written: ${RESULTS}`);
}

await main();
