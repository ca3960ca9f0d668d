// `railpilot verify`: re-reads a run's output files from disk and checks every invariant they
// allow, streaming each file line by line so a run of any size can be verified.

import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INVARIANTS, checkRun, declaredFrom, type EntryRecord, type OutcomeRecord, type RunFacts, type TraceLine, type Verdict } from '../invariants/index.js';
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

/** The first byte at which two files differ, or -1 when they are identical; read in chunks. */
function firstDifference(a: string, b: string): number {
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  const ba = Buffer.alloc(1 << 20);
  const bb = Buffer.alloc(1 << 20);
  try {
    for (let offset = 0; ; ) {
      const na = readSync(fa, ba, 0, ba.length, offset);
      const nb = readSync(fb, bb, 0, bb.length, offset);
      const n = Math.min(na, nb);
      for (let i = 0; i < n; i++) if (ba[i] !== bb[i]) return offset + i;
      if (na !== nb) return offset + n;
      if (na === 0) return -1;
      offset += na;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** Invariant 10, determinism: `folder` and `other`, the same scenario and seed, are byte-identical. */
export function sameRun(folder: string, other: string): Verdict {
  if (!existsSync(other) || !statSync(other).isDirectory()) throw new BadInput(`${other}: no such run folder to compare with`);
  let checked = 0;
  for (const f of OUTPUTS) {
    const a = join(folder, f);
    const b = join(other, f);
    if (!existsSync(a) && !existsSync(b)) continue;
    if (!existsSync(a) || !existsSync(b)) return { name: 'determinism', ok: false, checked, detail: `${f} is in only one of ${folder} and ${other}` };
    checked++;
    const at = firstDifference(a, b);
    if (at >= 0) {
      const line = readFileSync(a).subarray(0, at).toString('utf8').split('\n').length;
      return { name: 'determinism', ok: false, checked, detail: `${f} differs from ${join(other, f)} at byte ${at} (line ${line})` };
    }
  }
  if (checked === 0) return { name: 'determinism', ok: false, checked, detail: `${folder} and ${other} hold no run files to compare` };
  return { name: 'determinism', ok: true, checked };
}
