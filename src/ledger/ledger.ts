// The double-entry ledger: balanced entries appended in order, balances derived from them, and
// two-phase holds in TigerBeetle's sense (pending, then posted, voided or expired, once only).
// Entries are handed to listeners as they are posted and not kept, so a run streams to disk.

import { formatAmount, type Amount } from '../money/index.js';
import type { AccountId, AccountKind } from './account.js';
import { transfer, unbalanced, type Diversion, type JournalEntry, type Posting } from './entry.js';

export interface EntryInput {
  readonly time: number;
  readonly flow: string;
  readonly kind: string;
  readonly postings: readonly Posting[];
  readonly memo?: string;
  readonly hold?: string;
}

export interface BalanceRow {
  readonly account: AccountId;
  readonly kind: AccountKind;
  readonly asset: string;
  readonly scale: number;
  readonly minor: bigint;
}

export type HoldState = 'pending' | 'posted' | 'voided' | 'expired';

export interface Hold {
  readonly id: string;
  readonly flow: string;
  readonly from: AccountId;
  readonly amount: Amount;
}

/**
 * Who may not receive value, asked at every credit: one place screens them all, so no entry of any
 * flow or rail can reach a listed party. A credit whose account `blocked` names a party goes to
 * `divertTo` instead, in the same entry, and the entry says so in `diverted` and its memo.
 */
export interface CreditScreen {
  /** The party owning `account` if it may not be credited at `time`. */
  blocked(account: AccountId, time: number): string | undefined;
  readonly divertTo: AccountId;
}

export type HoldResult = { ok: true; hold: Hold } | { ok: false; reason: 'funds.insufficient'; available: Amount };

export class Ledger {
  private readonly kinds = new Map<AccountId, AccountKind>();
  private readonly balances = new Map<AccountId, Map<string, bigint>>();
  private readonly pending = new Map<string, Hold>();
  private readonly scales = new Map<string, number>();
  private readonly listeners: ((entry: JournalEntry) => void)[] = [];
  private screen: CreditScreen | undefined;
  private seq = 0;

  /** @param holdsAccount where pending holds wait until they are posted, voided or expired. */
  constructor(readonly holdsAccount: AccountId) {
    this.open(holdsAccount, 'nonNegative');
  }

  open(account: AccountId, kind: AccountKind): void {
    const known = this.kinds.get(account);
    if (known !== undefined && known !== kind) throw new Error(`account ${account} is already open as ${known}`);
    this.kinds.set(account, kind);
  }

  isOpen(account: AccountId): boolean {
    return this.kinds.has(account);
  }

  kindOf(account: AccountId): AccountKind | undefined {
    return this.kinds.get(account);
  }

  /** From now on every credit, holds' releases included, passes `screen` (opening balances are set before). */
  screenCredits(screen: CreditScreen): void {
    this.screen = screen;
  }

  /** The listed party a credit to `account` at `time` would be turned away from, if any. */
  blockedOwner(account: AccountId, time: number): string | undefined {
    return this.screen?.blocked(account, time);
  }

  onEntry(listener: (entry: JournalEntry) => void): void {
    this.listeners.push(listener);
  }

  balance(account: AccountId, asset: string): bigint {
    return this.balances.get(account)?.get(asset) ?? 0n;
  }

  /** Every account's balance per asset, in account-name order. */
  allBalances(): BalanceRow[] {
    const rows: BalanceRow[] = [];
    for (const account of [...this.balances.keys()].sort()) {
      for (const [asset, minor] of [...this.balances.get(account)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
        rows.push({ account, kind: this.kinds.get(account)!, asset, scale: this.scales.get(asset)!, minor });
      }
    }
    return rows;
  }

  get pendingHolds(): number {
    return this.pending.size;
  }

  /**
   * Appends a balanced entry. An unbalanced entry, an unknown account or a non-negative account
   * driven below zero is a programmer error: callers check funds first (see `hold`).
   */
  post(input: EntryInput): JournalEntry {
    const problem = unbalanced(input.postings);
    if (problem) throw new Error(`entry ${input.kind} of ${input.flow}: ${problem}`);
    // Only holds move money through the holds account, so it always equals the pending holds.
    if (input.postings.some((p) => p.account === this.holdsAccount)) {
      throw new Error(`entry ${input.kind} of ${input.flow}: only holds move money through the holds account ${this.holdsAccount}`);
    }
    return this.append(input);
  }

  private append(original: EntryInput & { readonly diverted?: readonly Diversion[] }): JournalEntry {
    const input = this.divert(original);
    // The new balance of each (account, asset) the entry touches, checked before any is written.
    // An entry has a handful of postings: a list searched in place beats keys built and split.
    const next: { account: AccountId; asset: string; minor: bigint }[] = [];
    for (const p of input.postings) {
      if (!this.kinds.has(p.account)) throw new Error(`entry ${input.kind} of ${input.flow}: account ${p.account} is not open`);
      const asset = p.amount.asset.code;
      if (this.scales.get(asset) !== p.amount.asset.scale) this.scales.set(asset, p.amount.asset.scale);
      let same: (typeof next)[number] | undefined;
      for (const n of next) if (n.account === p.account && n.asset === asset) same = n;
      if (same) same.minor += p.amount.minor;
      else next.push({ account: p.account, asset, minor: this.balance(p.account, asset) + p.amount.minor });
    }
    for (const { account, minor } of next) {
      if (minor < 0n && this.kinds.get(account) === 'nonNegative') {
        throw new Error(`entry ${input.kind} of ${input.flow}: ${account} would go below zero`);
      }
    }
    for (const { account, asset, minor } of next) {
      let perAsset = this.balances.get(account);
      if (!perAsset) this.balances.set(account, (perAsset = new Map<string, bigint>()));
      perAsset.set(asset, minor);
    }
    const entry: { -readonly [K in keyof JournalEntry]: JournalEntry[K] } = {
      id: `E${++this.seq}`,
      time: input.time,
      flow: input.flow,
      kind: input.kind,
      postings: input.postings,
      memo: input.memo ?? '',
    };
    // Set only when there is one (no spread of a temporary object per entry).
    if (input.hold !== undefined) entry.hold = input.hold;
    if (input.diverted) entry.diverted = input.diverted;
    for (const l of this.listeners) l(entry);
    return entry;
  }

  /** `input` with each credit to a blocked party's account redirected by the screen. */
  private divert(input: EntryInput & { readonly diverted?: readonly Diversion[] }): EntryInput & { readonly diverted?: readonly Diversion[] } {
    const screen = this.screen;
    if (!screen) return input;
    // Most entries credit no listed party: ask first, and build a new entry only for one that does.
    let any = false;
    for (const p of input.postings) if (p.amount.minor > 0n && screen.blocked(p.account, input.time) !== undefined) any = true;
    if (!any) return input;
    const diverted: Diversion[] = [];
    const postings = input.postings.map((p) => {
      if (p.amount.minor <= 0n) return p;
      const party = screen.blocked(p.account, input.time);
      if (party === undefined) return p;
      diverted.push({ party, account: p.account, amount: p.amount });
      return { account: screen.divertTo, amount: p.amount };
    });
    if (diverted.length === 0 || input.diverted) return input;
    const why = [...new Set(diverted.map((d) => d.party))].map((party) => `${party} listed`).join(', ');
    return { ...input, postings, memo: `${input.memo ?? ''} [to ${screen.divertTo}: ${why}]`.trim(), diverted };
  }

  /** Reserves `amount` from `from` as a pending hold, or says why it cannot. */
  hold(id: string, time: number, flow: string, from: AccountId, amount: Amount, memo = ''): HoldResult {
    if (from === this.holdsAccount) throw new Error(`hold ${id}: cannot hold from the holds account itself`);
    if (amount.minor <= 0n) throw new Error(`hold ${id}: amount must be positive, got ${formatAmount(amount)}`);
    if (this.pending.has(id)) throw new Error(`hold ${id} already exists`);
    const available = this.balance(from, amount.asset.code);
    if (available < amount.minor) return { ok: false, reason: 'funds.insufficient', available: { asset: amount.asset, minor: available } };
    this.append({ time, flow, kind: 'hold.pending', postings: transfer(from, this.holdsAccount, amount), memo: memo || `hold ${id}`, hold: id });
    const hold: Hold = { id, flow, from, amount };
    this.pending.set(id, hold);
    return { ok: true, hold };
  }

  /**
   * Posts a pending hold: `amount` (at most the held amount) goes to `to`, `also` (a fee, say) to
   * its own account, and what is left returns to the account it came from, in the same entry.
   */
  postHold(id: string, time: number, to: AccountId, amount?: Amount, memo = '', also?: { readonly to: AccountId; readonly amount: Amount }): JournalEntry {
    // Check everything before resolving: a refused post must leave the hold pending.
    const hold = this.pending.get(id);
    if (!hold) throw new Error(`hold ${id} cannot be posted: it is not pending (unknown or already resolved)`);
    const posted = amount ?? hold.amount;
    const extra = also && also.amount.minor > 0n ? also : undefined;
    const total = posted.minor + (extra?.amount.minor ?? 0n);
    if (posted.asset.code !== hold.amount.asset.code || posted.minor <= 0n || total > hold.amount.minor || (extra && extra.amount.asset.code !== posted.asset.code)) {
      throw new Error(`hold ${id}: cannot post ${formatAmount(posted)}${extra ? ` and ${formatAmount(extra.amount)}` : ''} of ${formatAmount(hold.amount)}`);
    }
    for (const account of [to, ...(extra ? [extra.to] : [])]) {
      if (account === this.holdsAccount) throw new Error(`hold ${id}: cannot post into the holds account itself`);
      if (!this.kinds.has(account)) throw new Error(`hold ${id}: account ${account} is not open`);
    }
    this.resolve(id, 'posted');
    const postings = transfer(this.holdsAccount, to, posted);
    if (extra) postings.push(...transfer(this.holdsAccount, extra.to, extra.amount));
    const rest = hold.amount.minor - total;
    if (rest > 0n) postings.push(...transfer(this.holdsAccount, hold.from, { asset: posted.asset, minor: rest }));
    return this.append({ time, flow: hold.flow, kind: 'hold.posted', postings: merge(postings, this.holdsAccount), memo: memo || `post hold ${id}`, hold: id });
  }

  voidHold(id: string, time: number, memo = ''): JournalEntry {
    return this.release(id, time, 'voided', memo);
  }

  /** A hold whose time-out passed: released like a void, recorded as an expiry. */
  expireHold(id: string, time: number, memo = ''): JournalEntry {
    return this.release(id, time, 'expired', memo);
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  /** A pending hold, as it was placed. */
  pendingHold(id: string): Hold | undefined {
    return this.pending.get(id);
  }

  private release(id: string, time: number, state: 'voided' | 'expired', memo: string): JournalEntry {
    const hold = this.resolve(id, state);
    const party = this.blockedOwner(hold.from, time);
    if (party !== undefined) {
      // Never released to a listed party: posted, whole, to where the screen sends such value.
      const to = this.screen!.divertTo;
      return this.append({
        time,
        flow: hold.flow,
        kind: 'hold.posted',
        hold: id,
        postings: transfer(this.holdsAccount, to, hold.amount),
        memo: `${party} listed: hold ${id} posted to ${to}, not ${state}`,
        diverted: [{ party, account: hold.from, amount: hold.amount }],
      });
    }
    return this.append({
      time,
      flow: hold.flow,
      kind: `hold.${state}`,
      hold: id,
      postings: transfer(this.holdsAccount, hold.from, hold.amount),
      memo: memo || `${state === 'voided' ? 'void' : 'expire'} hold ${id}`,
    });
  }

  private resolve(id: string, to: HoldState): Hold {
    const hold = this.pending.get(id);
    if (!hold) throw new Error(`hold ${id} cannot be ${to}: it is not pending (unknown or already resolved)`);
    this.pending.delete(id);
    return hold;
  }
}

/** Folds several postings to the same account and asset into one, so exports stay readable. */
function merge(postings: Posting[], account: AccountId): Posting[] {
  const out: Posting[] = [];
  for (const p of postings) {
    const same = p.account === account ? out.find((q) => q.account === account && q.amount.asset.code === p.amount.asset.code) : undefined;
    if (same) {
      out[out.indexOf(same)] = { account, amount: { asset: p.amount.asset, minor: same.amount.minor + p.amount.minor } };
    } else out.push(p);
  }
  return out;
}
