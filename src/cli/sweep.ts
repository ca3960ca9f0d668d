// The `sweep` and `sweep-merge` commands: a scenario run once per seed and per point of a
// parameter grid on every core, or one shard of those runs on a cluster node, and the merge of
// shard folders into the outputs one machine would have written.

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { formatProblems } from '../scenario/load.js';
import { loadScenarioFile } from './readScenario.js';
import type { Scenario } from '../scenario/schema.js';
import type { Model } from '../scenario/model.js';
import { compileScenario } from '../scenario/compile.js';
import type { EnsembleRow, SweepPlanInfo } from '../report/ensemble.js';
import { pointLabel, replayLine } from '../report/ensembleMarkdown.js';
import { buildEnsemble } from '../report/ensemble.js';
import { BadInput, EXIT } from './errors.js';
import { applyPoint, gridOf, parseSeeds, parseSet, seedSpec, shardOf, type GridPoint, type Shard } from './sweepPlan.js';
import { ensembleSink, pointsOf, prepareFolder, readShardFile, ROWS_FILE, SHARD_FILE, shardRows, shardSink, type RowSink } from './sweepOutputs.js';
import { runOnPool } from './sweepPool.js';
import { sweepProgress } from './sweepProgress.js';
import type { SweepTask } from './sweepWorker.js';

/** A repeatable option's values; no default, so --help shows none. */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The file's scenario as validated, before compiling: grid points are applied to it. */
async function loadFile(file: string): Promise<Scenario> {
  const r = await loadScenarioFile(file);
  if (!r.ok) throw new BadInput(formatProblems(file, r.problems));
  return r.scenario.source;
}

/** A scenario with `--set PATH=VALUE` options applied (one value each), for `run`. */
export function withSets(m: Model, sets: readonly string[] | undefined, file: string): Model {
  const params = (sets ?? []).map((t) => parseSet(t));
  const several = params.find((p) => p.values.length > 1);
  if (several) throw new BadInput(`--set ${several.path}=${several.texts.join(',')}: run takes one value per --set; sweep takes lists`);
  return params.length === 0 ? m : compileScenario(applyPoint(m.source, gridOf(params)[0]!, file));
}

/** Broken invariants on stderr, each with the command that replays its run; true when any. */
function reportBroken(plan: SweepPlanInfo, rows: readonly EnsembleRow[]): boolean {
  const e = buildEnsemble(plan, pointsOf(plan), rows.filter((r) => r.broken.length > 0));
  for (const b of e.broken) {
    process.stderr.write(`railpilot: invariant ${b.invariant} failed in point ${b.point} (${pointLabel(b.parameters)}), seed ${b.seed}: ${b.detail}\n  replay: ${replayLine(e, b.seed, b.parameters)}\n`);
  }
  return e.broken.length > 0;
}

/** Feeds `sink` every row `produce` gives, in order, keeping the broken ones; on failure leaves nothing. */
async function fill(sink: RowSink, produce: (onRow: (r: EnsembleRow) => void) => Promise<void> | void, broken: EnsembleRow[]): Promise<void> {
  try {
    await produce((r) => {
      sink.add(r);
      if (r.broken.length > 0) broken.push(r);
    });
    sink.finish();
  } catch (e) {
    sink.abort();
    throw e;
  }
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new BadInput(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

interface SweepOptions {
  seeds: string;
  set?: string[];
  workers?: string;
  out?: string;
  keepRuns?: boolean;
  shard?: string;
  shards?: string;
  quiet?: boolean;
}

async function sweep(file: string, opts: SweepOptions, setVerdict: (code: number) => void): Promise<void> {
  const base = await loadFile(file);
  const seeds = parseSeeds(opts.seeds);
  const params = (opts.set ?? []).map((t) => parseSet(t));
  const grid = gridOf(params);
  // Every point is validated before anything runs: a bad value is exit 2 with nothing written.
  const scenarios = grid.map((point: GridPoint) => applyPoint(base, point, file));
  const shard: Shard | undefined = shardOf(opts.shard, opts.shards, process.env);
  const total = grid.length * seeds.length;
  const mine = (k: number) => !shard || k % shard.count === shard.index - 1;
  let count = 0;
  for (let k = 0; k < total; k++) if (mine(k)) count++;
  const workers = Math.min(opts.workers === undefined ? availableParallelism() : wholeNumber('--workers', opts.workers, 1, 1024), Math.max(count, 1));
  const out = opts.out ?? join('out', `sweep-${base.name}`);
  const plan: SweepPlanInfo = {
    scenario: base.name,
    file,
    scenarioSha256: createHash('sha256').update(JSON.stringify(base)).digest('hex'),
    seeds: seedSpec(seeds),
    seedCount: seeds.length,
    parameters: params.map((p) => ({ path: p.path, values: p.texts })),
  };
  prepareFolder(out);
  function* tasks(): Generator<SweepTask> {
    for (let k = 0; k < total; k++) {
      if (!mine(k)) continue;
      const point = Math.floor(k / seeds.length);
      const seed = seeds[k % seeds.length]!;
      yield { scenario: scenarios[point]!, point, seed, ...(opts.keepRuns ? { keep: join(out, 'runs', `point-${point}-seed-${seed}`) } : {}) };
    }
  }
  const began = Date.now();
  const progress = sweepProgress(shard ? `sweep ${shard.index}/${shard.count}` : 'sweep', count, opts.quiet ?? false);
  const sink = shard ? shardSink(out, plan, shard) : ensembleSink(out, plan);
  // Only broken runs are kept whole, to name them; every other run goes to the sink and is gone.
  const broken: EnsembleRow[] = [];
  try {
    await fill(sink, (onRow) => runOnPool(tasks(), workers, (r) => {
      onRow(r);
      progress.tick();
    }), broken);
  } finally {
    progress.stop();
  }
  if (reportBroken(plan, broken)) setVerdict(EXIT.invariant);
  if (!opts.quiet) {
    const seconds = (Date.now() - began) / 1000;
    const what = shard ? `shard ${shard.index} of ${shard.count} (shard.json, rows.jsonl; merge with railpilot sweep-merge)` : 'runs.parquet, ensemble.json, ensemble.md, ensemble.html';
    console.log(`${count} runs on ${workers} worker${workers === 1 ? '' : 's'} in ${seconds.toFixed(1)} s (${(count / Math.max(seconds, 1e-3)).toFixed(1)} runs/s); wrote ${out}/: ${what}`);
  }
}

async function merge(dirs: string[], out: string, quiet: boolean, setVerdict: (code: number) => void): Promise<void> {
  const shards = dirs.map((dir) => ({ dir, file: readShardFile(dir) }));
  const first = shards[0]!;
  const count = first.file.shard.count;
  const byIndex = new Map<number, (typeof shards)[number]>();
  for (const s of shards) {
    if (!isDeepStrictEqual(s.file.plan, first.file.plan)) throw new BadInput(`${s.dir}: a shard of another sweep than ${first.dir} (scenario, file, seeds or --set differ)`);
    if (s.file.shard.count !== count) throw new BadInput(`${s.dir}: shard ${s.file.shard.index}/${s.file.shard.count}, but ${first.dir} is one of ${count}`);
    const other = byIndex.get(s.file.shard.index);
    if (other) throw new BadInput(`${s.dir}: shard ${s.file.shard.index}/${count} again (also ${other.dir})`);
    byIndex.set(s.file.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new BadInput(`sweep-merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing; every shard of the sweep is needed`);
  const plan = first.file.plan;
  const seeds = parseSeeds(plan.seeds);
  const total = pointsOf(plan).length * seeds.length;
  const held = shards.reduce((n, s) => n + s.file.runs, 0);
  if (held !== total) throw new BadInput(`sweep-merge: the shards hold ${held} runs; the sweep has ${total}`);
  prepareFolder(out);
  // Run k is the shard (k mod n + 1)'s next row: reading the shards in turn gives (point, seed) order.
  const readers = Array.from({ length: count }, (_, i) => ({ dir: byIndex.get(i + 1)!.dir, rows: shardRows(byIndex.get(i + 1)!.dir) }));
  const broken: EnsembleRow[] = [];
  await fill(ensembleSink(out, plan), (onRow) => {
    for (let k = 0; k < total; k++) {
      const reader = readers[k % count]!;
      const next = reader.rows.next();
      const [point, seed] = [Math.floor(k / seeds.length), seeds[k % seeds.length]!];
      if (next.done || next.value.point !== point || next.value.seed !== seed) {
        throw new BadInput(`${join(reader.dir, ROWS_FILE)}: ${next.done ? 'ends' : `has point ${next.value.point}, seed ${next.value.seed}`} where point ${point}, seed ${seed} was due; the shard did not finish or was altered`);
      }
      onRow(next.value);
    }
    const longer = readers.find((r) => !r.rows.next().done);
    if (longer) throw new BadInput(`${join(longer.dir, ROWS_FILE)}: holds more runs than ${SHARD_FILE} says`);
  }, broken);
  if (reportBroken(plan, broken)) setVerdict(EXIT.invariant);
  if (!quiet) console.log(`merged ${count} shards, ${total} runs; wrote ${out}/: runs.parquet, ensemble.json, ensemble.md, ensemble.html`);
}

export function addSweepCommands(cli: Command, setVerdict: (code: number) => void): void {
  cli
    .command('sweep')
    .description(
      'Run a scenario once per seed and per point of a parameter grid on a pool of worker processes, and write runs.parquet (one row per run) and ensemble.json, ensemble.md, ensemble.html (per point: mean, p5, p50, p95, 95% CI across seeds; paired differences between points). With --shard or --shards, run one slice and write a shard folder for sweep-merge.',
    )
    .argument('<scenario-file>', 'scenario in YAML or JSON, or a TypeScript/JavaScript module exporting defineScenario({...})')
    .requiredOption('--seeds <seeds>', 'seeds to run: FROM..TO (inclusive), a list, or both, e.g. 1..1000, 3,7,11 or 1..10,20')
    .option('--set <path=values>', 'a scenario path and the values it takes, comma-separated YAML scalars (repeatable; the grid is every combination), e.g. regime.preset=dfa-law,concept-2025', collect)
    .option('--workers <n>', 'worker processes, each taking one core (default: one per core)')
    .option('--out <dir>', 'output folder (default: out/sweep-<scenario name>)')
    .option('--keep-runs', "also write each run's folder, as run does, to <out>/runs/point-<p>-seed-<s>/")
    .option('--shard <i/n>', 'run only the i-th of n slices of the runs (i from 1) and write a shard folder')
    .option('--shards <n>', 'n slices; which one is read from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm), from 0')
    .option('-q, --quiet', 'no progress and no summary line')
    .action((file: string, opts: SweepOptions) => sweep(file, opts, setVerdict));

  cli
    .command('sweep-merge')
    .description('Merge the shard folders of one sweep (every shard, once) into runs.parquet and ensemble.*, byte-identical to the same sweep run on one machine.')
    .argument('<shard-dirs...>', 'folders written by railpilot sweep --shard or --shards')
    .requiredOption('--out <dir>', 'output folder')
    .option('-q, --quiet', 'no summary line')
    .action((dirs: string[], opts: { out: string; quiet?: boolean }) => merge(dirs, opts.out, opts.quiet ?? false, setVerdict));
}
