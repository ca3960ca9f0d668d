// A member bank of NPCS holding participants' RUB accounts. It places two-phase holds for
// conversion orders; a hold not posted or voided within its time-out expires and the funds return
// (to the frozen account if the payer is listed by then: the ledger screens every release).

import type { Amount } from '../../money/index.js';
import { divertedParty, type AccountId, type JournalEntry, type Ledger } from '../../ledger/index.js';
import type { EventQueue, TimerId } from '../../sim/index.js';

export type HoldOutcome = { ok: true; holdId: string } | { ok: false; reason: 'funds.insufficient' };

export class Banks {
  private readonly expiries = new Map<string, TimerId>();
  /** Holds whose expiry went to the frozen account, and the listed payer. */
  private readonly frozenOnExpiry = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly queue: EventQueue,
    /** TigerBeetle's pending-transfer timeout: how long a hold may stay pending. */
    readonly holdTimeoutMs: number,
  ) {}

  /**
   * Places a hold now; if still pending when the time-out passes, it expires and the funds return.
   * Pending for t < placed + timeout: the expiry is queued first, so at that instant it runs before
   * any request the flow sends after the hold.
   */
  placeHold(flow: string, account: AccountId, amount: Amount, timeoutMs = this.holdTimeoutMs): HoldOutcome {
    const holdId = `${flow}-h${++this.seq}`;
    const result = this.ledger.hold(holdId, this.queue.now, flow, account, amount);
    if (!result.ok) return { ok: false, reason: result.reason };
    this.expiries.set(
      holdId,
      this.queue.after(timeoutMs, () => {
        this.expiries.delete(holdId);
        const party = divertedParty(this.ledger.expireHold(holdId, this.queue.now));
        if (party !== undefined) this.frozenOnExpiry.set(holdId, party);
      }),
    );
    return { ok: true, holdId };
  }

  /** The account a pending hold was placed on. */
  accountOf(holdId: string): AccountId {
    const hold = this.ledger.pendingHold(holdId);
    if (!hold) throw new Error(`hold ${holdId} is not pending at the bank`);
    return hold.from;
  }

  /** The simulated time, for entries booked beside a hold's post. */
  get now(): number {
    return this.queue.now;
  }

  isPending(holdId: string): boolean {
    return this.expiries.has(holdId);
  }

  /**
   * Whether the hold, released now, ends in the frozen account: pending with its payer listed (the
   * ledger's screen decides), or already expired there.
   */
  releaseFreezes(holdId: string): boolean {
    const hold = this.ledger.pendingHold(holdId);
    if (hold) return this.ledger.blockedOwner(hold.from, this.queue.now) !== undefined;
    return this.frozenOnExpiry.has(holdId);
  }

  /** The listed payer whose expired hold went to the frozen account, if that is how it ended. */
  expiredFrozen(holdId: string): string | undefined {
    return this.frozenOnExpiry.get(holdId);
  }

  /**
   * Posts `amount` of the hold to `to` (all of it by default) and `also` to its account; the rest
   * returns to the payer.
   */
  postHold(holdId: string, to: AccountId, memo: string, amount?: Amount, also?: { readonly to: AccountId; readonly amount: Amount }): JournalEntry {
    this.settle(holdId);
    return this.ledger.postHold(holdId, this.queue.now, to, amount, memo, also);
  }

  /** Releases the hold to the payer; the entry says if the release went to the frozen account. */
  voidHold(holdId: string, memo: string): JournalEntry {
    this.settle(holdId);
    return this.ledger.voidHold(holdId, this.queue.now, memo);
  }

  private settle(holdId: string): void {
    const timer = this.expiries.get(holdId);
    if (timer === undefined) throw new Error(`hold ${holdId} is not pending at the bank`);
    this.queue.cancel(timer);
    this.expiries.delete(holdId);
  }
}
