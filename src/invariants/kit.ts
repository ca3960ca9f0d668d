// What every invariant is made of: the checker interface, the bookkeeping of a verdict that keeps
// its first offender, and the per-flow tallies several invariants share. How the records' text is
// read (amounts, times) is in readers.ts, re-exported here.

import { ownerOf } from '../ledger/account.js';
import { attosOf } from './readers.js';
import type { EntryRecord, OutcomeRecord, RunFacts, TraceLine, Verdict } from './records.js';

export { amountOf, atto, attosOf, attosOfMinor, isoMs, showAtto } from './readers.js';

export interface Invariant {
  readonly name: string;
  /** What the invariant promises, in one sentence. */
  readonly promise: string;
  /**
   * `amounts`, when given, are the postings' amounts as atto counts (`attosOf`), in order: the
   * caller parses them once for every checker instead of each checker parsing them again.
   */
  entry?(e: EntryRecord, amounts?: readonly bigint[]): void;
  trace?(t: TraceLine): void;
  outcome?(o: OutcomeRecord): void;
  finish(): Verdict;
  /**
   * The first offender found so far, if the invariant can tell before the end: lets `run` stop
   * at the record that broke it instead of writing a run its own `verify` rejects.
   */
  broken?(): string | undefined;
}

/** Makes a fresh checker for one run, told the run's facts before any record arrives. */
export type InvariantFactory = (facts: RunFacts) => Invariant;

/**
 * `ownerOf` remembered per account, for one checker: a run has a few dozen accounts and every
 * credit asks whose it is.
 */
export function ownerMemo(): (account: string) => string | undefined {
  // null: the account is known to be nobody's (one lookup either way).
  const owners = new Map<string, string | null>();
  return (account) => {
    let owner = owners.get(account);
    if (owner === undefined) owners.set(account, (owner = ownerOf(account) ?? null));
    return owner ?? undefined;
  };
}

/** A verdict that keeps the first failure it is told of, and counts what it looked at. */
export function failOnce(name: string) {
  let detail: string | undefined;
  let checked = 0;
  return {
    count: () => checked++,
    fail: (d: string) => {
      detail ??= d;
    },
    verdict: (): Verdict => ({ name, ok: detail === undefined, checked, ...(detail !== undefined ? { detail } : {}) }),
    broken: (): string | undefined => detail,
  };
}

/** The net each flow moved per `account asset`, summed over its entries. */
export function netsByFlow() {
  const nets = new Map<string, Map<string, bigint>>();
  // One string per `account asset`, made once: a key built per posting is hashed anew each time.
  // As many as the run has accounts and assets, not flows.
  const keys = new Map<string, Map<string, string>>();
  const keyOf = (account: string, asset: string): string => {
    let perAsset = keys.get(account);
    if (!perAsset) keys.set(account, (perAsset = new Map<string, string>()));
    let key = perAsset.get(asset);
    if (key === undefined) perAsset.set(asset, (key = `${account} ${asset}`));
    return key;
  };
  return {
    add(e: EntryRecord, amounts?: readonly bigint[]): void {
      const x = attosOf(e, amounts);
      let net = nets.get(e.flow);
      if (!net) nets.set(e.flow, (net = new Map<string, bigint>()));
      for (let i = 0; i < e.postings.length; i++) {
        const p = e.postings[i]!;
        const key = keyOf(p.account, p.asset);
        net.set(key, (net.get(key) ?? 0n) + x[i]!);
      }
    },
    of: (flow: string): ReadonlyMap<string, bigint> => nets.get(flow) ?? new Map<string, bigint>(),
    /** Forgets a flow that is over (see `flowEnds`). */
    drop: (flow: string): void => {
      nets.delete(flow);
    },
  };
}

/**
 * Tells an invariant when a flow is over, so it checks the flow then and forgets it: what it keeps
 * follows the flows in flight, not the flows run (a million-payment run streams through). A flow
 * is over once its outcome is in and none of its holds is pending: a hold's expiry is the one
 * entry a flow's rails may post after its outcome, and it must count. Flows still waiting at the
 * end are closed by `finish`, in the order their outcomes came.
 */
export function flowEnds(close: (flow: string) => void) {
  const holds = new Map<string, number>();
  const waiting = new Set<string>();
  return {
    entry(e: EntryRecord): void {
      if (!e.kind.startsWith('hold.')) return;
      const n = (holds.get(e.flow) ?? 0) + (e.kind === 'hold.pending' ? 1 : -1);
      if (n !== 0) return void holds.set(e.flow, n);
      holds.delete(e.flow);
      if (waiting.delete(e.flow)) close(e.flow);
    },
    outcome(o: OutcomeRecord): void {
      if (holds.has(o.id)) waiting.add(o.id);
      else close(o.id);
    },
    finish(): void {
      for (const flow of waiting) close(flow);
      waiting.clear();
    },
  };
}
