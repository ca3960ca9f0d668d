// `railpilot verify`: re-reads a run's output files from disk and checks every invariant they
// allow, streaming each file line by line so a run of any size can be verified.

import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INVARIANTS, checkRun, declaredFrom, determinism, type EntryRecord, type OutcomeRecord, type RunFacts, type TraceLine, type Verdict } from '../invariants/index.js';
import { BadInput } from './errors.js';

/** The lines of a file, read in chunks; each parsed as JSON, a bad line naming file and line. */
function* jsonLines<T>(path: string): Generator<T> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let rest = '';
  let line = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const text = rest + buffer.toString('utf8', 0, n);
      const parts = text.split('\n');
      rest = n === 0 ? '' : parts.pop()!;
      for (const part of parts) {
        line++;
        if (part.trim() === '') continue;
        try {
          yield JSON.parse(part) as T;
        } catch {
          throw new BadInput(`${path}:${line}: not a JSON line: ${part.slice(0, 80)}`);
        }
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

const FILES = ['ledger.jsonl', 'trace.jsonl', 'outcomes.jsonl', 'report.json'] as const;

export function verifyRun(folder: string): Verdict[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BadInput(`${folder}: no such run folder`);
  for (const f of FILES) if (!existsSync(join(folder, f))) throw new BadInput(`${join(folder, f)}: missing; a run folder from railpilot run has ${FILES.join(', ')}`);
  let facts: RunFacts;
  try {
    facts = (JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as { facts?: RunFacts }).facts!;
  } catch {
    throw new BadInput(`${join(folder, 'report.json')}: not valid JSON`);
  }
  const where = join(folder, 'report.json');
  if (!facts || typeof facts !== 'object') throw new BadInput(`${where}: facts: missing; expected the facts section railpilot run writes`);
  if (!facts.finalStates || typeof facts.finalStates !== 'object') throw new BadInput(`${where}: facts.finalStates: expected final states per machine`);
  if (!Array.isArray(facts.sanctions)) throw new BadInput(`${where}: facts.sanctions: expected a list of listings`);
  if (!facts.caps || typeof facts.caps !== 'object') throw new BadInput(`${where}: facts.caps: expected the caps in force`);
  if (!facts.boundsMs || typeof facts.boundsMs !== 'object') throw new BadInput(`${where}: facts.boundsMs: expected the time bound of each machine`);
  if (!facts.requests || typeof facts.requests !== 'object') throw new BadInput(`${where}: facts.requests: expected the entry kinds each machine's requests post`);
  return checkRun(
    {
      entries: { [Symbol.iterator]: () => jsonLines<EntryRecord>(join(folder, 'ledger.jsonl')) },
      traces: { [Symbol.iterator]: () => jsonLines<TraceLine>(join(folder, 'trace.jsonl')) },
      outcomes: { [Symbol.iterator]: () => jsonLines<OutcomeRecord>(join(folder, 'outcomes.jsonl')) },
    },
    facts,
    [...INVARIANTS, ...declaredFrom(facts.declared ?? [])],
  );
}

export function formatVerdicts(verdicts: readonly Verdict[]): string {
  const width = Math.max(...verdicts.map((v) => v.name.length));
  return verdicts.map((v) => `${v.ok ? 'pass' : 'FAIL'}  ${v.name.padEnd(width)}  ${v.checked} checked${v.ok ? '' : `\n      first offender: ${v.detail}`}`).join('\n');
}

/** Every file a run writes; two runs of one scenario and seed must match in all of them. */
const OUTPUTS = ['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'outcomes.jsonl', 'report.json', 'report.md', 'report.html'] as const;

/** A file's bytes in 1 MiB chunks, read as they are needed. */
function* chunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(1 << 20);
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Invariant 10, determinism: `folder` and `other`, the same scenario and seed, are byte-identical. */
export function sameRun(folder: string, other: string): Verdict {
  if (!existsSync(other) || !statSync(other).isDirectory()) throw new BadInput(`${other}: no such run folder to compare with`);
  const source = (dir: string) => (f: string) => (existsSync(join(dir, f)) ? chunks(join(dir, f)) : undefined);
  const v = determinism(OUTPUTS, source(folder), source(other));
  if (v.ok || v.detail === undefined) return v;
  // Name the line too, and both folders, so the first difference is easy to open.
  const at = /at byte (\d+)/.exec(v.detail);
  const file = v.detail.split(' ')[0]!;
  const line = at ? readFileSync(join(folder, file)).subarray(0, Number(at[1])).toString('utf8').split('\n').length : undefined;
  return {
    ...v,
    detail: at ? `${file} differs from ${join(other, file)} at byte ${at[1]} (line ${line})` : v.detail.replace('the two runs', `${folder} and ${other}`),
  };
}
