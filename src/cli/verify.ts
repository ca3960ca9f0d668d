// `railpilot verify`: re-reads a run's output files from disk and checks every invariant they
// allow, streaming each file line by line so a run of any size can be verified. It trusts
// nothing the folder says about itself: the manifest's hashes are checked, the facts the
// invariants need are recomputed from the scenario the run wrote (scenario.json) and compared
// with report.json's, and the records are checked for gaps, order and shape first.

import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INVARIANTS, checkRun, declaredFrom, determinism, type EntryRecord, type OutcomeRecord, type RunFacts, type TraceLine, type Verdict } from '../invariants/index.js';
import { BadInput } from './errors.js';
import { checkOutcomes, completeTraces, entryOrder, type Numbered } from './verifyRecords.js';
import { checkManifest } from './manifest.js';
import { scenarioSchema } from '../scenario/schema.js';
import { runFacts } from '../app/outcomeRecord.js';
import { compileScenario } from '../scenario/compile.js';
import { describeIdentityDifference, identityDifference, readIdentity } from './runIdentity.js';

/** The lines of a file, read in chunks; each parsed as JSON, a bad line naming file and line. */
function* jsonLines<T>(path: string): Generator<T> {
  for (const { value } of numberedLines(path)) yield value as T;
}

/** The records of a JSONL file with their line numbers (blank lines skipped, still counted). */
function* numberedLines(path: string): Generator<Numbered<unknown>> {
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
          yield { value: JSON.parse(part) as unknown, line };
        } catch (e) {
          if (!(e instanceof SyntaxError)) throw e;
          throw new BadInput(`${path}:${line}: not a JSON line: ${part.slice(0, 80)}`);
        }
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

const FILES = ['ledger.jsonl', 'trace.jsonl', 'outcomes.jsonl', 'report.json', 'scenario.json', 'manifest.json'] as const;

/** The facts of the scenario the run wrote, recomputed rather than read from report.json. */
function scenarioFacts(folder: string): RunFacts {
  const path = join(folder, 'scenario.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BadInput(`${path}: not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) throw new BadInput(`${path}: not the scenario a run writes (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  // Through JSON, as report.json holds them: the two are then compared as text.
  return JSON.parse(JSON.stringify(runFacts(compileScenario(parsed.data)))) as RunFacts;
}

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
  const manifest = checkManifest(folder);
  const recomputed = scenarioFacts(folder);
  const sameFacts = JSON.stringify(recomputed) === JSON.stringify(facts);
  const ledger = join(folder, 'ledger.jsonl');
  const trace = join(folder, 'trace.jsonl');
  checkOutcomes(join(folder, 'outcomes.jsonl'), numberedLines(join(folder, 'outcomes.jsonl')));
  const integrity: Verdict[] = [
    { name: 'manifest', ...manifest },
    {
      name: 'facts',
      ok: sameFacts,
      checked: Object.keys(recomputed).length,
      ...(sameFacts ? {} : { detail: `${where}: facts differ from those of scenario.json (${differingFacts(recomputed, facts).join(', ')}); the invariants use scenario.json's` }),
    },
    entryOrder(ledger, numberedLines(ledger)),
    completeTraces(trace, numberedLines(trace)),
  ];
  return [...integrity, ...checkRun(
    {
      entries: { [Symbol.iterator]: () => jsonLines<EntryRecord>(join(folder, 'ledger.jsonl')) },
      traces: { [Symbol.iterator]: () => jsonLines<TraceLine>(join(folder, 'trace.jsonl')) },
      outcomes: { [Symbol.iterator]: () => jsonLines<OutcomeRecord>(join(folder, 'outcomes.jsonl')) },
    },
    recomputed,
    [...INVARIANTS, ...declaredFrom(recomputed.declared)],
  )];
}

function differingFacts(a: RunFacts, b: RunFacts): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof RunFacts>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `facts.${k}`);
}

export function formatVerdicts(verdicts: readonly Verdict[]): string {
  const width = Math.max(...verdicts.map((v) => v.name.length));
  return verdicts.map((v) => `${v.ok ? 'pass' : 'FAIL'}  ${v.name.padEnd(width)}  ${v.checked} checked${v.ok ? '' : `\n      first offender: ${v.detail}`}`).join('\n');
}

/** Every file a run writes; two runs of one scenario and seed must match in all of them. */
const OUTPUTS = ['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'outcomes.jsonl', 'report.json', 'report.md', 'report.html', 'scenario.json', 'manifest.json'] as const;

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
  // Runs of different scenarios or seeds differ by design: bad input, not a determinism failure.
  // A folder without a manifest is left to the byte comparison, which names what it lacks.
  if (existsSync(join(folder, 'manifest.json')) && existsSync(join(other, 'manifest.json'))) {
    const a = readIdentity(folder);
    const b = readIdentity(other);
    const why = describeIdentityDifference(a, b, identityDifference(a, b));
    if (why !== undefined) throw new BadInput(`--same-as: ${why}; determinism holds only for runs of the same scenario and seed (railpilot compare ${folder} ${other} shows how they differ)`);
  }
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
