// What every strengthened property asserts after a generated run: the scenario is refused by
// the schema with a message, or it runs without an internal error, every built-in invariant and
// the scenario's own hold, `verify` (the same checks fed the records and facts as they are
// written to disk) agrees, and the stricter oracles below hold too: one definition of "listed at
// t" (the earliest listing, every entry but the opening balances), and no trade at a venue
// while it is closed.

import { compileScenario } from '../../src/scenario/compile.js';
import { expect } from 'vitest';
import { entryRecord, ownerOf } from '../../src/ledger/index.js';
import { parseDuration, traceLine } from '../../src/sim/index.js';
import { INVARIANTS, checkRun, declaredFrom, type EntryRecord, type Invariant, type OutcomeRecord, type TraceLine, type Verdict } from '../../src/invariants/index.js';
import { runScenario } from '../../src/scenario/runner.js';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { outcomeRecord, runFacts } from '../../src/app/outcomeRecord.js';

/**
 * The strengthened properties (they failed on the code before issue 10's fixes, see reach.md) run
 * by default; RAILPILOT_ADVERSARIAL=0 turns them off, for a run of the old generator alone.
 */
export const ADVERSARIAL = process.env.RAILPILOT_ADVERSARIAL !== '0';

export interface Records {
  readonly entries: EntryRecord[];
  readonly traces: TraceLine[];
  readonly outcomes: OutcomeRecord[];
}

export type Settled = { readonly refused: string } | { readonly refused?: undefined; readonly scenario: Scenario; readonly records: Records; readonly verdicts: readonly Verdict[] };

/** The run's records, as `run` streams them; an exception is an internal error, named as such. */
export function recordsOf(s: Scenario): Records {
  const records: Records = { entries: [], traces: [], outcomes: [] };
  try {
    runScenario(compileScenario(s), {
      entry: (e) => records.entries.push(entryRecord(e)),
      trace: (t) => records.traces.push(traceLine(t)),
      outcome: (o, at) => records.outcomes.push(outcomeRecord(o, at)),
    });
  } catch (e) {
    throw new Error(`internal error: the run ended in an exception (exit 3): ${(e as Error).message}`, { cause: e });
  }
  return records;
}

const listedFrom = (s: Scenario) => {
  const from = new Map<string, number>();
  for (const l of s.sanctions ?? []) {
    const party = typeof l === 'string' ? l : l.party;
    const t = typeof l === 'string' ? -Infinity : Date.parse(l.from);
    from.set(party, Math.min(t, from.get(party) ?? Infinity));
  }
  return from;
};

/** Sanctions, one definition: a party is listed from its earliest listing; only opening balances are exempt, whatever the flow's name. */
export function earliestListing(s: Scenario): Invariant {
  const from = listedFrom(s);
  let detail: string | undefined;
  let checked = 0;
  return {
    name: 'oracle:sanctions-earliest',
    promise: 'no value reaches a party from its earliest listing on',
    entry(e) {
      if (e.kind === 'funding') return;
      for (const p of e.postings) {
        const party = ownerOf(p.account);
        if (party === undefined || p.amount.startsWith('-') || /^0?\.?0*$/.test(p.amount)) continue;
        checked++;
        const t = from.get(party);
        if (t !== undefined && Date.parse(e.time) >= t) detail ??= `${e.id} (${e.kind} of ${e.flow}) credits ${p.account} ${p.amount} ${p.asset} at ${e.time}, listed from ${t === -Infinity ? 'before the run' : new Date(t).toISOString()}`;
      }
    },
    finish: () => ({ name: 'oracle:sanctions-earliest', ok: detail === undefined, checked, ...(detail ? { detail } : {}) }),
  };
}

/** A venue trades nothing while it is closed: no exchange entry inside an outage of its venue, no payout inside an off-ramp's. */
export function closedVenues(s: Scenario): Invariant {
  const windows: { prefix: string; from: number; to: number; what: string }[] = [];
  for (const f of s.faults ?? []) {
    const from = Date.parse(f.at);
    const to = from + (parseDuration(f.for) ?? 0);
    if (f.kind === 'exchangeOutage') windows.push({ prefix: `exchanges:${f.venue}:`, from, to, what: `the outage of ${f.venue} ${f.at} for ${f.for}` });
    if (f.kind === 'offrampOutage') windows.push({ prefix: `offramps:${f.market.toLowerCase().replace('/', '-')}`, from, to, what: `the outage of ${f.market} ${f.at} for ${f.for}` });
  }
  let detail: string | undefined;
  let checked = 0;
  return {
    name: 'oracle:closed-venues',
    promise: 'no venue trades while it is closed',
    entry(e) {
      if (!e.kind.startsWith('exchange.') && !e.kind.startsWith('offramp.')) return;
      checked++;
      const t = Date.parse(e.time);
      for (const w of windows) {
        if (t >= w.from && t < w.to && e.postings.some((p) => p.account.startsWith(w.prefix))) detail ??= `${e.id} (${e.kind} of ${e.flow}) at ${e.time}, inside ${w.what}`;
      }
    },
    finish: () => ({ name: 'oracle:closed-venues', ok: detail === undefined, checked, ...(detail ? { detail } : {}) }),
  };
}

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Runs a scenario and checks it every way; the verdicts, or the schema's refusal. */
export function settle(input: ScenarioInput): Settled {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { refused: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const scenario = parsed.data;
  const records = recordsOf(scenario);
  const facts = runFacts(compileScenario(scenario));
  const builtIn = [...INVARIANTS, ...declaredFrom(facts.declared)];
  const verdicts = checkRun(records, facts, [...builtIn, () => earliestListing(scenario), () => closedVenues(scenario)]);
  // What `railpilot verify` computes: the same checks over the records and the facts as written.
  const onDisk = roundTrip(records);
  const verified = checkRun(onDisk, roundTrip(facts), builtIn);
  expect(verified, 'verify disagrees with the run').toEqual(verdicts.slice(0, builtIn.length));
  return { scenario, records, verdicts };
}

/** Asserts a settled run: every verdict ok (a refusal by the schema is an answer too). */
export function expectHolds(r: Settled): void {
  if (r.refused !== undefined) return;
  const failed = r.verdicts.filter((v) => !v.ok);
  // One line per broken invariant, whole, so a failure (and hunt.ts) can name each.
  if (failed.length > 0) throw new Error(`invariants failed:\n${failed.map((v) => `  ${v.name}: ${v.detail}`).join('\n')}`);
}
