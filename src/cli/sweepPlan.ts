// What a sweep will run, from its arguments: the seeds (`1..1000`, `3,7,9`), the parameter grid
// (the cartesian product of every `--set PATH=V1,V2`, each value a YAML scalar put at that path
// of the scenario and validated by the scenario schema, as a file would be), and which slice of
// the runs this process does (`--shard i/n`, or a cluster's array index with `--shards n`).

import { parse as parseYaml } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import { scenarioSchema } from '../scenario/schema.js';
import { formatProblems, problemsFromZod } from '../scenario/load.js';
import { BadInput } from './errors.js';

const MAX_SEED = 2 ** 32 - 1;

/** One `--set`: a scenario path and the values it takes, as typed and as parsed. */
export interface SetParam {
  readonly path: string;
  readonly texts: readonly string[];
  readonly values: readonly unknown[];
}

/** One parameter's value at a grid point. */
export interface Assignment {
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
}

export type GridPoint = readonly Assignment[];

const seedOf = (text: string, flag: string): number => {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) throw new BadInput(`${flag}: "${text}" is not a seed; expected whole numbers from 0 to ${MAX_SEED}`);
  return Number(text);
};

/** `1..1000` (inclusive), `5`, `1,5,9`, or a mix (`1..10,20`); ascending and without repeats. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const item of text.split(',').map((t) => t.trim())) {
    const range = /^(\d+)\.\.(\d+)$/.exec(item);
    if (!range) {
      seeds.push(seedOf(item, '--seeds'));
      continue;
    }
    const [from, to] = [seedOf(range[1]!, '--seeds'), seedOf(range[2]!, '--seeds')];
    if (to < from) throw new BadInput(`--seeds: ${item}: the range ends before it starts; expected FROM..TO with FROM <= TO`);
    if (seeds.length + to - from >= 10_000_000) throw new BadInput(`--seeds: ${text}: more than 10,000,000 seeds; split the sweep`);
    for (let seed = from; seed <= to; seed++) seeds.push(seed);
  }
  const sorted = [...new Set(seeds)].sort((a, b) => a - b);
  if (sorted.length !== seeds.length) throw new BadInput(`--seeds: ${text}: a seed is listed twice`);
  return sorted;
}

/** Ascending seeds written short, runs of consecutive ones as ranges: [1,2,3,7] -> "1..3,7". */
export function seedSpec(sorted: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** `PATH=V1,V2,...`: a dotted scenario path (array items by index) and its values. */
export function parseSet(text: string, flag = '--set'): SetParam {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_/-]+)*$/.test(path)) {
    throw new BadInput(`${flag} ${text}: expected PATH=VALUE[,VALUE...] with a dotted scenario path, e.g. regime.preset=dfa-law,concept-2025 or rails.npcsFeeBps=0,10`);
  }
  const texts = text.slice(eq + 1).split(',').map((t) => t.trim());
  if (texts.some((t) => t === '')) throw new BadInput(`${flag} ${text}: an empty value; expected VALUE[,VALUE...]`);
  if (new Set(texts).size !== texts.length) throw new BadInput(`${flag} ${text}: a value is listed twice`);
  const values = texts.map((t) => {
    try {
      return parseYaml(t) as unknown;
    } catch (e) {
      throw new BadInput(`${flag} ${path}=${t}: not a YAML scalar (${(e as Error).message.split('\n')[0]})`);
    }
  });
  return { path, texts, values };
}

/** Every combination of the parameters' values; the first --set varies slowest. */
export function gridOf(sets: readonly SetParam[]): GridPoint[] {
  const seen = new Set<string>();
  for (const p of sets) {
    if (seen.has(p.path)) throw new BadInput(`--set ${p.path}: given twice; list its values in one --set`);
    seen.add(p.path);
  }
  let points: Assignment[][] = [[]];
  for (const p of sets) points = points.flatMap((point) => p.texts.map((text, i) => [...point, { path: p.path, text, value: p.values[i] }]));
  return points;
}

/** The scenario with a grid point's values put in place, validated as a file would be. */
export function applyPoint(s: Scenario, point: GridPoint, file: string): Scenario {
  if (point.length === 0) return s;
  const data = structuredClone(s) as unknown as Record<string, unknown>;
  for (const { path, text, value } of point) {
    const keys = path.split('.');
    let at: Record<string, unknown> = data;
    keys.slice(0, -1).forEach((key, i) => {
      const next = at[key];
      if (next === undefined) at[key] = {};
      else if (next === null || typeof next !== 'object') throw new BadInput(`--set ${path}=${text}: ${keys.slice(0, i + 1).join('.')} in ${file} is ${JSON.stringify(next)}, not a mapping or list to set a field in`);
      at = at[key] as Record<string, unknown>;
    });
    at[keys.at(-1)!] = value;
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const given = point.map((a) => `${a.path}=${a.text}`).join(' ');
    throw new BadInput(`--set ${given}: invalid in ${file}:\n${formatProblems(file, problemsFromZod(parsed.error, data))}`);
  }
  return parsed.data;
}

/** A shard: the `index`-th (1-based) of `count` slices; runs go to shards in turn. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const whole = (text: string, what: string, min: number): number => {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > 100_000) throw new BadInput(`${what}: expected a whole number from ${min} to 100000, got "${text}"`);
  return Number(text);
};

/** `--shard i/n`, else the cluster's index (JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID, 0-based) with `--shards n`. */
export function shardOf(shard: string | undefined, shards: string | undefined, env: NodeJS.ProcessEnv): Shard | undefined {
  if (shard !== undefined) {
    if (shards !== undefined) throw new BadInput('--shard and --shards: give one; --shard i/n names the slice, --shards n reads i from the cluster');
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m) throw new BadInput(`--shard: expected i/n (the i-th of n slices, i from 1), got "${shard}"`);
    const count = whole(m[2]!, '--shard n', 1);
    const index = whole(m[1]!, '--shard i', 1);
    if (index > count) throw new BadInput(`--shard ${shard}: i must be from 1 to ${count}`);
    return { index, count };
  }
  if (shards === undefined) return undefined;
  const count = whole(shards, '--shards', 1);
  // An empty variable counts as unset, as a shell's `VAR=` means.
  const fromEnv = (['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID'] as const).find((k) => (env[k] ?? '') !== '');
  if (!fromEnv) throw new BadInput('--shards: needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) in the environment, or use --shard i/n');
  const zero = env[fromEnv]!;
  if (!/^\d+$/.test(zero) || Number(zero) >= count) throw new BadInput(`${fromEnv}=${zero}: expected a whole number from 0 to ${count - 1} (--shards ${count})`);
  return { index: Number(zero) + 1, count };
}
