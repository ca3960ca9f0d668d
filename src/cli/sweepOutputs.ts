// What a sweep leaves in its folder, written as the runs arrive (in (grid point, seed) order) so
// that nothing held grows with the number of runs. A whole sweep: runs.parquet (one row per run:
// point, every parameter, seed, every headline figure, the invariants) and ensemble.json/.md/.html.
// A shard: rows.jsonl and shard.json (the plan it belongs to and which slice it ran), which
// sweep-merge streams back into the same outputs, byte for byte, as one machine would have
// written. Every file goes under a temporary name first, and nothing records when or where a run
// was made.

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { EnsembleBuilder, ensembleJson, type EnsembleRow, type SweepPlanInfo } from '../report/ensemble.js';
import { ensembleMarkdown } from '../report/ensembleMarkdown.js';
import { ensembleHtml } from '../report/ensembleHtml.js';
import { inlineLibraries } from './inlineLibraries.js';
import { RunsParquet } from './sweepParquet.js';
import type { Shard } from './sweepPlan.js';
import { BadInput } from './errors.js';

export const SHARD_FILE = 'shard.json';
export const ROWS_FILE = 'rows.jsonl';
const SHARD_FORMAT = 'railpilot-sweep-shard/1';

/** The grid points' parameter texts, first --set slowest, as every output names them. */
export function pointsOf(plan: SweepPlanInfo): Record<string, string>[] {
  let points: [string, string][][] = [[]];
  for (const p of plan.parameters) points = points.flatMap((pt) => p.values.map((v): [string, string][] => [...pt, [p.path, v]]));
  return points.map((pt) => Object.fromEntries(pt));
}

const tmpName = (dir: string, name: string) => join(dir, `.${name}.tmp-${process.pid}`);

/** Writes `data` beside its final name and renames it into place: no half-written file. */
function writeAtomic(dir: string, name: string, data: string | Uint8Array): void {
  writeFileSync(tmpName(dir, name), data);
  renameSync(tmpName(dir, name), join(dir, name));
}

export function prepareFolder(dir: string, flag = '--out'): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new BadInput(`${flag} ${dir}: exists and is not a folder`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new BadInput(`${flag} ${dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Where a sweep's rows go, one at a time in (point, seed) order; `abort` leaves nothing behind. */
export interface RowSink {
  add(row: EnsembleRow): void;
  finish(): void;
  abort(): void;
}

/** runs.parquet and ensemble.json, .md, .html of a whole sweep. */
export function ensembleSink(dir: string, plan: SweepPlanInfo): RowSink {
  const points = pointsOf(plan);
  const parquet = new RunsParquet(dir, plan, points);
  const ensemble = new EnsembleBuilder(plan, points);
  return {
    add: (row) => {
      parquet.add(row);
      ensemble.add(row);
    },
    finish: () => {
      const e = ensemble.finish();
      parquet.finish();
      writeAtomic(dir, 'ensemble.json', ensembleJson(e));
      writeAtomic(dir, 'ensemble.md', ensembleMarkdown(e));
      writeAtomic(dir, 'ensemble.html', ensembleHtml(e, inlineLibraries()));
    },
    abort: () => parquet.abort(),
  };
}

export interface ShardFile {
  readonly format: string;
  readonly plan: SweepPlanInfo;
  readonly shard: Shard;
  readonly runs: number;
}

/** A shard's rows.jsonl, appended a few rows at a time, then its shard.json. */
export function shardSink(dir: string, plan: SweepPlanInfo, shard: Shard): RowSink {
  const tmp = tmpName(dir, ROWS_FILE);
  const fd = openSync(tmp, 'w');
  let [pending, runs, open] = ['', 0, true];
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    add: (row) => {
      pending += JSON.stringify(row) + '\n';
      runs += 1;
      if (pending.length >= 1 << 16) {
        writeSync(fd, pending);
        pending = '';
      }
    },
    finish: () => {
      writeSync(fd, pending);
      close();
      renameSync(tmp, join(dir, ROWS_FILE));
      const file: ShardFile = { format: SHARD_FORMAT, plan, shard, runs };
      writeAtomic(dir, SHARD_FILE, JSON.stringify(file, null, 2) + '\n');
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
    },
  };
}

/** A shard folder's shard.json, checked enough that a wrong folder is bad input, not a crash. */
export function readShardFile(dir: string): ShardFile {
  const where = join(dir, SHARD_FILE);
  let file: ShardFile;
  try {
    file = JSON.parse(readFileSync(where, 'utf8')) as ShardFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadInput(`${where}: ${code === 'ENOENT' ? 'no such file; expected a folder written by railpilot sweep --shard' : `not a shard file (${(e as Error).message})`}`);
  }
  if (file?.format !== SHARD_FORMAT || !file.plan || !file.shard) throw new BadInput(`${where}: format: expected "${SHARD_FORMAT}", a plan and a shard`);
  return file;
}

/** A shard's runs, read back a chunk at a time from its rows.jsonl. */
export function* shardRows(dir: string): Generator<EnsembleRow> {
  const file = join(dir, ROWS_FILE);
  const bad = (e: unknown) => new BadInput(`${file}: cannot read the shard's runs (${(e as Error).message})`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw bad(e);
  }
  try {
    const [chunk, text] = [Buffer.alloc(1 << 16), new StringDecoder('utf8')];
    let rest = '';
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      const lines = (rest + text.write(chunk.subarray(0, n))).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line !== '') yield parseRow(line, bad);
    }
    if ((rest + text.end()).trim() !== '') yield parseRow(rest, bad);
  } finally {
    closeSync(fd);
  }
}

function parseRow(line: string, bad: (e: unknown) => Error): EnsembleRow {
  try {
    return JSON.parse(line) as EnsembleRow;
  } catch (e) {
    throw bad(e);
  }
}
