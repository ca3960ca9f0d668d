// Invariants of the journal itself, entry by entry: each entry balances; value crosses the rail's
// border only through the named external accounts, by the kinds of entry each allows; no holding
// goes below zero.

import { SETUP_FLOW, kindByName } from '../ledger/index.js';
import { attosOf, failOnce, showAtto, type Invariant } from './kit.js';
import type { EntryRecord } from './records.js';

/** 1. Every journal entry balances per asset. */
export function balancedEntries(): Invariant {
  const v = failOnce('balanced-entries');
  return {
    name: 'balanced-entries',
    promise: 'every journal entry balances per asset',
    entry(e, amounts) {
      v.count();
      const x = attosOf(e, amounts);
      const ps = e.postings;
      // Most entries move one asset: one sum, no map of sums per entry.
      let oneAsset = true;
      for (let i = 1; i < ps.length; i++) if (ps[i]!.asset !== ps[0]!.asset) oneAsset = false;
      if (oneAsset) {
        let sum = 0n;
        for (let i = 0; i < ps.length; i++) sum += x[i]!;
        if (sum !== 0n) v.fail(`${e.id} (${e.kind} of ${e.flow}): ${ps[0]!.asset} postings do not sum to zero`);
        return;
      }
      const sums = new Map<string, bigint>();
      for (let i = 0; i < e.postings.length; i++) {
        const asset = e.postings[i]!.asset;
        sums.set(asset, (sums.get(asset) ?? 0n) + x[i]!);
      }
      for (const [asset, sum] of sums) if (sum !== 0n) v.fail(`${e.id} (${e.kind} of ${e.flow}): ${asset} postings do not sum to zero`);
    },
    finish: () => v.verdict(),
    broken: v.broken,
  };
}

/** How value may cross the rail's border at one external account. */
interface Gate {
  /** The account, or a family of them when it ends in `:` (one chain-fee account per chain). */
  readonly account: string;
  /** The entry kinds that may move it. */
  readonly kinds: readonly string[];
  /** `in`: value only enters the rail there (the account is only debited); `out`: only leaves. */
  readonly way: 'in' | 'out' | 'both';
  /** What the gate is, for messages. */
  readonly what: string;
  /** The flow an entry through it must belong to, when only one may. */
  readonly flow?: string;
}

/**
 * Every external account the simulator opens, and what may move it: opening balances are funded
 * at setup only; block rewards arrive only as mining rewards; chain fees leave only when a block
 * includes a transfer; the central bank lends only at clearing; the correspondent network takes
 * RUB and pays the beneficiary only when a correspondent payment is credited abroad. A rail that
 * opens a new external account adds it here, or every run that uses it fails `conservation`.
 */
export const EXTERNAL_GATES: readonly Gate[] = [
  { account: 'external:funding', kinds: ['funding'], way: 'in', what: 'opening balances', flow: SETUP_FLOW },
  { account: 'external:block-rewards', kinds: ['mining.reward'], way: 'in', what: 'block rewards' },
  { account: 'external:chain-fees:', kinds: ['chain.fee'], way: 'out', what: 'chain fees' },
  { account: 'external:cbr-credit', kinds: ['clearing.credit'], way: 'in', what: 'central-bank credit' },
  { account: 'external:correspondent-network', kinds: ['correspondent.credited'], way: 'both', what: 'the correspondent network' },
];

function gateOf(account: string): Gate | undefined {
  return EXTERNAL_GATES.find((g) => (g.account.endsWith(':') ? account.startsWith(g.account) : account === g.account));
}

/** Why one posting to an external account breaks its gate, if it does. */
function throughGate(e: EntryRecord, account: string, amount: string): string | undefined {
  const gate = gateOf(account);
  const at = `${e.id} (${e.kind} of ${e.flow})`;
  if (!gate) return `${at} moves ${account}, which is not an external account the rail has`;
  if (!gate.kinds.includes(e.kind)) return `${at} moves ${account}: ${gate.what} move only by ${gate.kinds.join(', ')}`;
  if (gate.flow !== undefined && e.flow !== gate.flow) return `${at} moves ${account}: ${gate.what} move only in ${gate.flow}`;
  const entering = amount.startsWith('-');
  if (gate.way === 'in' && !entering) return `${at} pays value out to ${account}: ${gate.what} only bring value in`;
  if (gate.way === 'out' && entering) return `${at} takes value in from ${account}: ${gate.what} only take value out`;
  return undefined;
}

/**
 * 2. Conservation: value enters or leaves only through the named external accounts, each only by
 * the kinds of entry allowed for it; per asset, what the rail holds at the end equals what those
 * accounts gave it; and the one signed inside account, the rounding residue, moves only in
 * exchange conversions, so no entry can make value there for someone.
 */
export function conservation(): Invariant {
  const v = failOnce('conservation');
  const inside = new Map<string, bigint>();
  const outside = new Map<string, bigint>();
  return {
    name: 'conservation',
    promise: 'value enters or leaves the rail only through its named external accounts, each by the entries allowed for it; rounding residue moves only in conversions',
    entry(e, amounts) {
      v.count();
      const x = attosOf(e, amounts);
      for (let i = 0; i < e.postings.length; i++) {
        const p = e.postings[i]!;
        const kind = kindByName(p.account);
        if (kind === 'system' && !e.kind.startsWith('exchange.')) v.fail(`${e.id} (${e.kind} of ${e.flow}) moves ${p.account}, which only conversions may`);
        if (kind === 'external') {
          const why = throughGate(e, p.account, p.amount);
          if (why !== undefined) v.fail(why);
        }
        const m = kind === 'external' ? outside : inside;
        m.set(p.asset, (m.get(p.asset) ?? 0n) + x[i]!);
      }
    },
    finish() {
      for (const asset of new Set([...inside.keys(), ...outside.keys()])) {
        const a = inside.get(asset) ?? 0n;
        const b = outside.get(asset) ?? 0n;
        if (a + b !== 0n) v.fail(`${asset}: the rail holds ${showAtto(a)} but external accounts account for ${showAtto(-b)}`);
      }
      return v.verdict();
    },
    broken: v.broken,
  };
}

/** 3. No holding (participants, custody, inventories, holds, transit) ever goes below zero. */
export function nonNegativeHoldings(): Invariant {
  const v = failOnce('non-negative-holdings');
  // Per account, its kind read once and its balance per asset: no `account asset` key is built
  // per posting, only for a message.
  const holdings = new Map<string, { readonly nonNegative: boolean; readonly balances: Map<string, bigint> }>();
  const holdingOf = (account: string) => {
    let h = holdings.get(account);
    if (!h) holdings.set(account, (h = { nonNegative: kindByName(account) === 'nonNegative', balances: new Map<string, bigint>() }));
    return h;
  };
  return {
    name: 'non-negative-holdings',
    promise: 'no non-negative account goes below zero, checked after every entry',
    entry(e, amounts) {
      v.count();
      const x = attosOf(e, amounts);
      for (let i = 0; i < e.postings.length; i++) {
        const p = e.postings[i]!;
        const { balances } = holdingOf(p.account);
        balances.set(p.asset, (balances.get(p.asset) ?? 0n) + x[i]!);
      }
      for (const p of e.postings) {
        const h = holdingOf(p.account);
        if (h.nonNegative && h.balances.get(p.asset)! < 0n) v.fail(`${e.id} (${e.kind} of ${e.flow}) takes ${p.account} ${p.asset} below zero`);
      }
    },
    finish: () => v.verdict(),
    broken: v.broken,
  };
}
