// What verify checks of the records themselves, before any invariant reads them: every line is
// a record of the right shape (a malformed one is bad input naming file and line, never an
// internal error inside an invariant); the ledger's entry ids run E1, E2, ... without a gap and
// its times never go back; and each flow's trace is complete, from its INIT out of nothing, each
// transition leaving the state the last one entered, in time order. Memory: one state per flow.

import type { Verdict } from '../invariants/index.js';
import { BadInput } from './errors.js';

export interface Numbered<T> {
  readonly value: T;
  readonly line: number;
}

const isString = (v: unknown): v is string => typeof v === 'string';
// Past the year 9999 a run writes times as Date#toISOString does, "+010000-01-01T...".
const isTime = (v: unknown): boolean => isString(v) && /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
// No asset has more than 18 decimals, and the invariants count in 10^-18 (atto).
const AMOUNT = /^-?\d+(\.\d{1,18})?$/;

function fail(file: string, line: number, what: string): never {
  throw new BadInput(`${file}:${line}: ${what}`);
}

function object(file: string, line: number, v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(file, line, `expected ${what} as a JSON object`);
  return v as Record<string, unknown>;
}

/** Every entry well formed; ids contiguous from E1 and times non-decreasing (a verdict). */
export function entryOrder(file: string, entries: Iterable<Numbered<unknown>>): Verdict {
  let expected = 1;
  let last = -Infinity;
  let problem: string | undefined;
  let checked = 0;
  for (const { value, line } of entries) {
    const e = object(file, line, value, 'a ledger entry');
    if (!isString(e.id) || !/^E\d+$/.test(e.id)) fail(file, line, `id: expected an entry id like "E12", got ${JSON.stringify(e.id)?.slice(0, 40)}`);
    if (!isTime(e.time)) fail(file, line, 'time: expected an ISO 8601 date-time');
    for (const k of ['flow', 'kind'] as const) if (!isString(e[k])) fail(file, line, `${k}: expected a string`);
    if (!Array.isArray(e.postings)) fail(file, line, 'postings: expected a list');
    e.postings.forEach((p: unknown, i: number) => {
      const q = object(file, line, p, `postings[${i}]`);
      if (!isString(q.account) || !isString(q.asset)) fail(file, line, `postings[${i}]: expected an account and an asset`);
      if (!isString(q.amount) || !AMOUNT.test(q.amount)) fail(file, line, `postings[${i}].amount: expected a decimal amount as a string, at most 18 decimals`);
    });
    checked++;
    const n = Number(e.id.slice(1));
    const t = Date.parse(e.time as string);
    if (problem === undefined && n !== expected) problem = `${e.id} at line ${line} follows E${expected - 1}: entry ids must run without a gap`;
    if (problem === undefined && t < last) problem = `${e.id} at line ${line} is dated ${e.time as string}, before the entry above it`;
    expected = n + 1;
    last = Math.max(last, t);
  }
  return problem === undefined ? { name: 'entry-order', ok: true, checked } : { name: 'entry-order', ok: false, checked, detail: problem };
}

/** Every transition well formed; each flow's trace starts from nothing and follows on (a verdict); whether it ends in a final state is the finality invariant's. */
export function completeTraces(file: string, traces: Iterable<Numbered<unknown>>): Verdict {
  const state = new Map<string, string>();
  let problem: string | undefined;
  let checked = 0;
  let last = -Infinity;
  for (const { value, line } of traces) {
    const r = object(file, line, value, 'a transition');
    for (const k of ['flow', 'machine', 'event', 'to'] as const) if (!isString(r[k])) fail(file, line, `${k}: expected a string`);
    if (r.from !== null && !isString(r.from)) fail(file, line, 'from: expected a state or null');
    if (!isTime(r.time)) fail(file, line, 'time: expected an ISO 8601 date-time');
    checked++;
    const t = Date.parse(r.time as string);
    const flow = r.flow as string;
    const before = state.get(flow);
    if (problem === undefined) {
      if (t < last) problem = `line ${line} (${flow}) is dated ${r.time as string}, before the transition above it`;
      else if (!before && r.from !== null) problem = `${flow}'s trace begins at line ${line} in ${String(r.from)}, not with its start`;
      else if (before !== undefined && r.from !== before) problem = `${flow} at line ${line} leaves ${String(r.from)}, but its last transition entered ${before}`;
    }
    last = Math.max(last, t);
    state.set(flow, r.to as string);
  }
  return problem === undefined ? { name: 'complete-traces', ok: true, checked } : { name: 'complete-traces', ok: false, checked, detail: problem };
}

/** The amounts of an outcome the invariants read, each "<decimal> <asset>" or null. */
const OUTCOME_AMOUNTS = ['amount', 'rub', 'coin', 'refunded', 'forfeited', 'frozen', 'capValue'] as const;
const AMOUNT_WITH_ASSET = /^-?\d+(\.\d{1,18})? [A-Za-z][A-Za-z0-9]*$/;

/** Every outcome line is a record with the fields every invariant reads, amounts included. */
export function checkOutcomes(file: string, outcomes: Iterable<Numbered<unknown>>): void {
  for (const { value, line } of outcomes) {
    const o = object(file, line, value, 'an outcome');
    for (const k of ['flow', 'id', 'status'] as const) if (!isString(o[k])) fail(file, line, `${k}: expected a string`);
    for (const k of ['initiatedAt', 'finalAt'] as const) if (o[k] !== null && o[k] !== undefined && !isTime(o[k])) fail(file, line, `${k}: expected an ISO 8601 date-time`);
    for (const k of OUTCOME_AMOUNTS) {
      const v = o[k];
      if (v !== null && v !== undefined && !(isString(v) && AMOUNT_WITH_ASSET.test(v))) fail(file, line, `${k}: expected an amount and its asset like "9250000.00 RUB" (at most 18 decimals) or null, got ${JSON.stringify(v)?.slice(0, 40)}`);
    }
  }
}
