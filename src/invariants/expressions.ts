// Invariants a scenario declares for itself, in a small expression form that is parsed, never
// executed as code:
//   balance(importer-msk, RUB) >= 0 at all times
//   balance(supplier-sz, CNY) >= 1000000.00
//   share settled within PT1H >= 0.75
//   share rejected <= 0.2
//   count refunded <= 10
// `balance` sums the party's own accounts in that asset (bank, custody, beneficiary), at the end
// or, with `at all times`, after every entry; `share` and `count` are over payments and orders.

import { parseDuration } from '../money/index.js';
import { atto, isoMs, ownerMemo, showAtto, type Invariant, type InvariantFactory } from './kit.js';
import type { Verdict } from './records.js';

type Cmp = '>=' | '<=' | '>' | '<' | '==';

type Metric =
  | { kind: 'balance'; party: string; asset: string; always: boolean }
  | { kind: 'share'; status: string; withinMs: number | null }
  | { kind: 'count'; status: string };

export interface DeclaredInvariant {
  readonly text: string;
  readonly metric: Metric;
  readonly cmp: Cmp;
  /** The bound as an exact decimal string. */
  readonly bound: string;
}

const FORMS = [
  /^balance\(\s*([a-z0-9][a-z0-9-]*)\s*,\s*([A-Z][A-Z0-9]{1,9})\s*\)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)(\s+at all times)?$/,
  /^share\s+([a-z]+)(?:\s+within\s+(P\S+))?\s*(>=|<=|==|>|<)\s*(\d+(?:\.\d+)?)$/,
  /^count\s+([a-z]+)\s*(>=|<=|==|>|<)\s*(\d+)$/,
] as const;

/** The declared invariant, or why the text is not one. */
export function parseDeclared(text: string): DeclaredInvariant | string {
  const t = text.trim();
  let m = FORMS[0].exec(t);
  if (m) return { text: t, metric: { kind: 'balance', party: m[1]!, asset: m[2]!, always: m[5] !== undefined }, cmp: m[3] as Cmp, bound: m[4]! };
  m = FORMS[1].exec(t);
  if (m) {
    const within = m[2] === undefined ? null : parseDuration(m[2]);
    if (within === undefined) return `"${m[2]}" is not a duration like PT1H`;
    return { text: t, metric: { kind: 'share', status: m[1]!, withinMs: within }, cmp: m[3] as Cmp, bound: m[4]! };
  }
  m = FORMS[2].exec(t);
  if (m) return { text: t, metric: { kind: 'count', status: m[1]! }, cmp: m[2] as Cmp, bound: m[3]! };
  return 'expected one of: "balance(<party>, <ASSET>) >= <number> [at all times]", "share <status> [within <PT1H>] >= <0..1>", "count <status> <= <n>"';
}

function holds(value: bigint, cmp: Cmp, bound: bigint): boolean {
  switch (cmp) {
    case '>=':
      return value >= bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '<':
      return value < bound;
    case '==':
      return value === bound;
  }
}

export function declaredInvariant(d: DeclaredInvariant): InvariantFactory {
  return (): Invariant => {
    const name = `declared: ${d.text}`;
    let checked = 0;
    let detail: string | undefined;
    const verdict = (): Verdict => ({ name, ok: detail === undefined, checked, ...(detail !== undefined ? { detail } : {}) });
    const metric = d.metric;
    const bound = atto(d.bound);
    if (metric.kind === 'balance') {
      let balance = 0n;
      const ownerOf = ownerMemo();
      return {
        name,
        promise: d.text,
        entry(e, amounts) {
          for (let i = 0; i < e.postings.length; i++) {
            const p = e.postings[i]!;
            if (p.asset === metric.asset && ownerOf(p.account) === metric.party) balance += amounts?.[i] ?? atto(p.amount);
          }
          if (!metric.always) return;
          checked++;
          if (!holds(balance, d.cmp, bound)) detail ??= `after ${e.id} (${e.kind} of ${e.flow}) the balance is ${showAtto(balance)} ${metric.asset}`;
        },
        finish() {
          if (!metric.always) {
            checked++;
            if (!holds(balance, d.cmp, bound)) detail = `at the end the balance is ${showAtto(balance)} ${metric.asset}`;
          }
          return verdict();
        },
      };
    }
    let total = 0;
    let matching = 0;
    return {
      name,
      promise: d.text,
      outcome(o) {
        total++;
        checked++;
        if (o.status !== metric.status) return;
        if (metric.kind === 'share' && metric.withinMs !== null && isoMs(o.finalAt) - isoMs(o.initiatedAt) > metric.withinMs) return;
        matching++;
      },
      finish() {
        if (metric.kind === 'count') {
          if (!holds(BigInt(matching), d.cmp, bound / 10n ** 18n)) detail = `${matching} ${metric.status}`;
        } else {
          // share = matching / total, compared exactly: matching * 10^18 against bound * total.
          const ok = total === 0 ? true : holds(BigInt(matching) * 10n ** 18n, d.cmp, bound * BigInt(total));
          if (!ok) detail = `${matching} of ${total} (${((matching / total) * 100).toFixed(1)}%)`;
        }
        return verdict();
      },
    };
  };
}

/** The factories of the invariants a run's facts say its scenario declared. */
export function declaredFrom(declared: readonly string[]): InvariantFactory[] {
  return declared.map((text) => {
    const d = parseDeclared(text);
    if (typeof d !== 'string') return declaredInvariant(d);
    // Only a hand-edited report can get here: the schema refuses such a scenario.
    return () => ({ name: `declared: ${text}`, promise: text, finish: () => ({ name: `declared: ${text}`, ok: false, checked: 0, detail: d }) });
  });
}
