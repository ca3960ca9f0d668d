// Reading a run folder's records back from disk: each JSONL file streamed line by line (a run may
// have a million payments) and every line checked against its schema in src/records, a bad line
// named by file, line and field; run.json read whole and checked the same way. What `report`
// reads; `verify` can read its files through it too.

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { parseRecord, runRecordSchema, type RunRecord } from '../records/index.js';
import { BadInput } from './errors.js';

/** One checked line of a records file, with its line number. */
export interface Line<T> {
  readonly value: T;
  readonly line: number;
}

/** The lines of `path`, each parsed and checked against `schema`; blank lines are skipped. */
export async function* records<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<Line<T>> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const r = parseRecord(schema, text);
    if (!r.ok) throw new BadInput(`${path}:${line}: ${r.problem}`);
    yield { value: r.value, line };
  }
}

/** A run folder, checked to hold every file in `files`. */
export function runFolder(folder: string, files: readonly string[]): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BadInput(`${folder}: no such run folder`);
  for (const f of files) {
    if (!existsSync(join(folder, f))) throw new BadInput(`${join(folder, f)}: missing; a run folder from railpilot run has ${files.join(', ')}`);
  }
}

/** run.json of `folder`, checked. */
export function readRunRecord(folder: string): RunRecord {
  const path = join(folder, 'run.json');
  const r = parseRecord(runRecordSchema, readFileSync(path, 'utf8'));
  if (!r.ok) throw new BadInput(`${path}:1: ${r.problem}`);
  return r.value;
}
