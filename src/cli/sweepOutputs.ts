// What a sweep leaves in its folder. A whole sweep: runs.parquet (one row per run: point, every
// parameter, seed, every headline figure, the invariants) and ensemble.json/.md/.html. A shard:
// shard.json (the plan it belongs to and which slice it ran) and rows.jsonl, which sweep-merge
// turns into the same outputs, byte for byte, as one machine would have written. Rows are always
// sorted by (grid point, seed) first, and nothing here records when or where a run was made.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { parse as parseYaml } from 'yaml';
import { HEADLINE } from '../report/headline.js';
import { buildEnsemble, ensembleJson, type EnsembleRow, type SweepPlanInfo } from '../report/ensemble.js';
import { ensembleMarkdown } from '../report/ensembleMarkdown.js';
import { ensembleHtml } from '../report/ensembleHtml.js';
import { inlineLibraries } from './inlineLibraries.js';
import type { Shard } from './sweepPlan.js';
import { BadInput } from './errors.js';

/** A Parquet schema element, as the writer's own hyparquet version spells it. */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

export const SHARD_FILE = 'shard.json';
export const ROWS_FILE = 'rows.jsonl';
const SHARD_FORMAT = 'railpilot-sweep-shard/1';

/** The grid points' parameter texts, first --set slowest, as every output names them. */
export function pointsOf(plan: SweepPlanInfo): Record<string, string>[] {
  let points: [string, string][][] = [[]];
  for (const p of plan.parameters) points = points.flatMap((pt) => p.values.map((v): [string, string][] => [...pt, [p.path, v]]));
  return points.map((pt) => Object.fromEntries(pt));
}

export const byPointThenSeed = (a: EnsembleRow, b: EnsembleRow) => a.point - b.point || a.seed - b.seed;

/** Writes `text` beside its final name and renames it into place: no half-written file. */
function writeAtomic(dir: string, name: string, data: string | Uint8Array): void {
  const tmp = join(dir, `.${name}.tmp-${process.pid}`);
  writeFileSync(tmp, data);
  renameSync(tmp, join(dir, name));
}

export function prepareFolder(dir: string, flag = '--out'): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new BadInput(`${flag} ${dir}: exists and is not a folder`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new BadInput(`${flag} ${dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** A parameter column's type: numbers and booleans as themselves, anything else as text. */
function parameterColumn(path: string, texts: readonly string[], column: readonly string[]): ColumnSource {
  const parsed = texts.map((t) => parseYaml(t) as unknown);
  const index = new Map(texts.map((t, i) => [t, i]));
  if (parsed.every((v) => typeof v === 'number')) return { name: path, type: 'DOUBLE', data: column.map((t) => parsed[index.get(t)!] as number), nullable: false };
  if (parsed.every((v) => typeof v === 'boolean')) return { name: path, type: 'BOOLEAN', data: column.map((t) => parsed[index.get(t)!] as boolean), nullable: false };
  // A quoted scalar ('"0.04"') is stored as the string it means, anything else as typed.
  return { name: path, type: 'STRING', data: column.map((t) => { const v = parsed[index.get(t)!]; return typeof v === 'string' ? v : t; }), nullable: false };
}

/** runs.parquet: RUB as DECIMAL(18,2) from exact kopecks, counts as INT32, shares and seconds as DOUBLE. */
export function runsParquet(plan: SweepPlanInfo, rows: readonly EnsembleRow[]): Uint8Array {
  const points = pointsOf(plan);
  const columns: ColumnSource[] = [{ name: 'point', type: 'INT32', data: rows.map((r) => r.point), nullable: false }];
  for (const p of plan.parameters) columns.push(parameterColumn(p.path, p.values, rows.map((r) => points[r.point]![p.path]!)));
  columns.push({ name: 'seed', type: 'INT64', data: rows.map((r) => BigInt(r.seed)), nullable: false });
  const schema: SchemaElement[] = [];
  for (const f of HEADLINE) {
    const values = rows.map((r) => r.figures?.[f.key] ?? null);
    if (f.kind === 'rub') {
      const kopecks = values.map((v) => (v === null ? null : BigInt(new Decimal(v).mul(100).toFixed(0))));
      columns.push({ name: f.key, data: kopecks });
      schema.push({ name: f.key, type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, repetition_type: 'OPTIONAL' });
      continue;
    }
    columns.push({ name: f.key, type: f.kind === 'count' ? 'INT32' : 'DOUBLE', data: values as (number | null)[] });
  }
  columns.push({ name: 'invariants_ok', type: 'BOOLEAN', data: rows.map((r) => r.broken.length === 0), nullable: false });
  columns.push({ name: 'broken_invariants', type: 'STRING', data: rows.map((r) => (r.broken.length === 0 ? null : r.broken.map((b) => b.name).join(','))) });
  // Only the DECIMAL columns need spelling out; the rest take the schema their type implies.
  const explicit = new Map(schema.map((s) => [s.name, s]));
  const fullSchema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => explicit.get(c.name) ?? autoElement(c)),
  ];
  // With a schema given, hyparquet-writer takes the columns without their basic types.
  const columnData = columns.map(({ type: _type, ...c }) => c);
  return new Uint8Array(parquetWriteBuffer({ columnData, schema: fullSchema }));
}

/** The schema element hyparquet-writer would derive from a column's basic type. */
function autoElement(c: ColumnSource): SchemaElement {
  const repetition_type = c.nullable === false ? 'REQUIRED' : 'OPTIONAL';
  if (c.type === 'STRING') return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
  return { name: c.name, type: c.type as SchemaElement['type'], repetition_type };
}

/** runs.parquet and ensemble.json, .md, .html from every run of the plan. */
export function writeEnsemble(dir: string, plan: SweepPlanInfo, unsorted: readonly EnsembleRow[]): void {
  const rows = [...unsorted].sort(byPointThenSeed);
  const ensemble = buildEnsemble(plan, pointsOf(plan), rows);
  writeAtomic(dir, 'runs.parquet', runsParquet(plan, rows));
  writeAtomic(dir, 'ensemble.json', ensembleJson(ensemble));
  writeAtomic(dir, 'ensemble.md', ensembleMarkdown(ensemble));
  writeAtomic(dir, 'ensemble.html', ensembleHtml(ensemble, inlineLibraries()));
}

export interface ShardFile {
  readonly format: string;
  readonly plan: SweepPlanInfo;
  readonly shard: Shard;
  readonly runs: number;
}

export function writeShard(dir: string, plan: SweepPlanInfo, shard: Shard, unsorted: readonly EnsembleRow[]): void {
  const rows = [...unsorted].sort(byPointThenSeed);
  writeAtomic(dir, ROWS_FILE, rows.map((r) => JSON.stringify(r) + '\n').join(''));
  const file: ShardFile = { format: SHARD_FORMAT, plan, shard, runs: rows.length };
  writeAtomic(dir, SHARD_FILE, JSON.stringify(file, null, 2) + '\n');
}

/** A shard folder read back, checked enough that a wrong folder is bad input, not a crash. */
export function readShard(dir: string): { file: ShardFile; rows: EnsembleRow[] } {
  const where = join(dir, SHARD_FILE);
  let file: ShardFile;
  try {
    file = JSON.parse(readFileSync(where, 'utf8')) as ShardFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadInput(`${where}: ${code === 'ENOENT' ? 'no such file; expected a folder written by railpilot sweep --shard' : `not a shard file (${(e as Error).message})`}`);
  }
  if (file?.format !== SHARD_FORMAT || !file.plan || !file.shard) throw new BadInput(`${where}: format: expected "${SHARD_FORMAT}", a plan and a shard`);
  let rows: EnsembleRow[];
  try {
    rows = readFileSync(join(dir, ROWS_FILE), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as EnsembleRow);
  } catch (e) {
    throw new BadInput(`${join(dir, ROWS_FILE)}: cannot read the shard's runs (${(e as Error).message})`);
  }
  if (rows.length !== file.runs) throw new BadInput(`${join(dir, ROWS_FILE)}: holds ${rows.length} runs, ${SHARD_FILE} says ${file.runs}; the shard did not finish`);
  return { file, rows };
}
