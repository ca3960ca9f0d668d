// Journal entries: the only way value moves. Each must balance per asset.

import { formatMinor, type Amount, type Asset } from '../money/index.js';
import type { AccountId } from './account.js';

export interface Posting {
  readonly account: AccountId;
  readonly amount: Amount;
}

export interface JournalEntry {
  /** Sequential id, `E1`, `E2`, ...: the order entries were posted in. */
  readonly id: string;
  /** Simulated time, ms since the Unix epoch. */
  readonly time: number;
  /** The flow (payment id) that made the entry, or `setup` for opening balances. */
  readonly flow: string;
  readonly kind: string;
  readonly postings: readonly Posting[];
  readonly memo: string;
  /** For the entries of a two-phase hold (pending, posted, voided, expired): the hold's id. */
  readonly hold?: string;
  /** Credits the ledger's screen turned away from a listed party to where such value waits. */
  readonly diverted?: readonly Diversion[];
}

/** A credit meant for `account`, of listed `party`, posted to the screen's account instead. */
export interface Diversion {
  readonly party: string;
  readonly account: AccountId;
  readonly amount: Amount;
}

/** The listed party one of whose credits in `entry` the screen turned away, if any. */
export function divertedParty(entry: JournalEntry | undefined): string | undefined {
  return entry?.diverted?.[0]?.party;
}

/** A two-leg transfer: `amount` leaves `from` and arrives at `to`; nothing for a zero amount. */
export function transfer(from: AccountId, to: AccountId, amount: Amount): Posting[] {
  if (amount.minor === 0n) return [];
  return [
    { account: from, amount: { asset: amount.asset, minor: -amount.minor } },
    { account: to, amount },
  ];
}

/** Sum of postings per asset code; an entry balances when every sum is zero. */
export function sumsByAsset(postings: readonly Posting[]): Map<string, { asset: Asset; minor: bigint }> {
  const sums = new Map<string, { asset: Asset; minor: bigint }>();
  for (const p of postings) {
    const s = sums.get(p.amount.asset.code);
    if (s) s.minor += p.amount.minor;
    else sums.set(p.amount.asset.code, { asset: p.amount.asset, minor: p.amount.minor });
  }
  return sums;
}

/** Why the postings do not form a valid entry, or undefined when they do. */
export function unbalanced(postings: readonly Posting[]): string | undefined {
  if (postings.length < 2) return 'an entry needs at least two postings';
  for (const p of postings) if (p.amount.minor === 0n) return `zero posting to ${p.account}`;
  // A transfer, most entries: two postings of one asset that cancel need no sums by asset.
  if (postings.length === 2 && postings[0]!.amount.asset.code === postings[1]!.amount.asset.code && postings[0]!.amount.minor + postings[1]!.amount.minor === 0n) return undefined;
  for (const [code, s] of sumsByAsset(postings)) {
    if (s.minor !== 0n) return `${code} postings sum to ${formatMinor(s.minor, s.asset.scale)}, not 0`;
  }
  return undefined;
}
