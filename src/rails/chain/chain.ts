// A blockchain as the payment rail sees it: blocks at a fixed interval, a transfer included in the
// next block and final after N confirmations, a fee per transfer, and halts during which no block
// is produced. Congestion slows blocks and raises the fee a block demands: a transfer sent with a
// fee below that waits, underpriced, until the congestion passes. A transfer not yet included can
// be dropped (replaced) and its funds come back.

import { add, type Amount } from '../../money/index.js';
import { accountId, transfer, type AccountId, type JournalEntry, type Ledger } from '../../ledger/index.js';
import { mergeWindows, type EventQueue, type TimerId, type Window } from '../../sim/index.js';

export interface ChainParams {
  readonly id: string;
  readonly blockTimeMs: number;
  readonly confirmations: number;
  /** Paid by the sender per transfer, in the coin sent, when the chain is not congested; by coin. */
  readonly fees: ReadonlyMap<string, Amount>;
  /** Periods [from, to) in which the chain produces no blocks; touching or overlapping ones act as one. */
  readonly halts: readonly Window[];
  /** Periods [from, to) of congestion: a block every `blockTimeFactor` intervals, demanding `feeFactor` times the fee. */
  readonly congestion?: readonly Congestion[];
  /** Block heights are counted from here; any instant on the block grid. */
  readonly epoch: number;
}

export interface Congestion {
  readonly from: number;
  readonly to: number;
  readonly blockTimeFactor: number;
  readonly feeFactor: number;
}

export interface TransferHandlers {
  included(atBlock: number): void;
  confirmed(): void;
}

interface InFlight {
  readonly flow: string;
  readonly from: AccountId;
  readonly to: AccountId;
  readonly amount: Amount;
  readonly fee: Amount;
  included: boolean;
  timers: TimerId[];
}

/** The first point of the grid `origin + k * interval` strictly after `from`. */
const after = (from: number, origin: number, interval: number): number => origin + (Math.floor((from - origin) / interval) + 1) * interval;

/**
 * The first window holding `t` (from inclusive, to exclusive). A loop, not `find` with a closure:
 * a transfer asks once for each of its confirmations' blocks.
 */
function windowAt<W extends Window>(windows: readonly W[], t: number): W | undefined {
  for (const w of windows) if (w.from <= t && t < w.to) return w;
  return undefined;
}

export class Chain {
  readonly transit: AccountId;
  readonly feeAccount: AccountId;
  private readonly inFlight = new Map<string, InFlight>();
  /** Each flow's transfer still waiting for a block: the one a time-out may drop. */
  private readonly waiting = new Map<string, string>();
  private seq = 0;
  /** The halts merged, so the block after a halt is looked for after the whole of it. */
  private readonly halts: readonly Window[];

  constructor(readonly params: ChainParams, private readonly ledger: Ledger, private readonly queue: EventQueue) {
    this.halts = mergeWindows(params.halts);
    this.transit = accountId('chains', params.id, 'transit');
    this.feeAccount = accountId('external', 'chain-fees', params.id);
    ledger.open(this.transit, 'nonNegative');
    ledger.open(this.feeAccount, 'external');
  }

  /** The halt `t` falls in: a block at a halt's start is not produced, one at its end is. */
  private haltAt(t: number): Window | undefined {
    return windowAt(this.halts, t);
  }

  private congestionAt(t: number): Congestion | undefined {
    const c = this.params.congestion;
    return c ? windowAt(c, t) : undefined;
  }

  /** The fee a block produced at `t` demands of a transfer of `coin`. */
  feeAt(coin: string, t: number): Amount {
    const c = this.congestionAt(t);
    const fee = this.params.fees.get(coin);
    if (!fee) throw new Error(`chain ${this.params.id} carries no ${coin} (no fee for it)`);
    return c ? { asset: fee.asset, minor: fee.minor * BigInt(c.feeFactor) } : fee;
  }

  /** When the congestion in force at `t` ends (touching windows count as one), or undefined if none is. */
  congestedUntil(t: number): number | undefined {
    let c = this.congestionAt(t);
    if (!c) return undefined;
    for (let end = c.to; ; end = c.to) {
      c = this.congestionAt(end);
      if (!c) return end;
    }
  }

  /** The time of the first block produced strictly after `t`, on the normal grid or a congested one. */
  nextBlockAfter(t: number): number {
    const { epoch, blockTimeMs } = this.params;
    let cursor = t;
    // Each pass moves the cursor past a halt or a congestion window; windows are few and finite.
    for (let pass = 0; pass < 10_000; pass++) {
      const normal = after(cursor, epoch, blockTimeMs);
      const c = this.congestionAt(normal) ?? this.congestionAt(cursor);
      let b = normal;
      if (c) {
        // Within congestion, blocks come every blockTimeFactor intervals from its start.
        const slow = after(Math.max(cursor, c.from), c.from, blockTimeMs * c.blockTimeFactor);
        if (slow < c.to) b = slow;
        else if (normal < c.to) {
          cursor = c.to - 1;
          continue;
        }
      }
      const halt = this.haltAt(b);
      if (!halt) return b;
      cursor = Math.max(cursor, halt.to - 1);
    }
    throw new Error(`chain ${this.params.id}: no block found after ${t}`);
  }

  /** The first block after `t` whose demanded fee `fee` meets: congestion can leave a transfer waiting. */
  private nextBlockFor(t: number, fee: Amount): number {
    let b = this.nextBlockAfter(t);
    while (this.feeAt(fee.asset.code, b).minor > fee.minor) b = this.nextBlockAfter(b);
    return b;
  }

  /** The block in which a transfer sent at `t` with `fee` is included, and when it has its confirmations. */
  schedule(t: number, fee: Amount): { included: number; final: number } {
    const included = this.nextBlockFor(t, fee);
    let final = included;
    for (let i = 1; i < this.params.confirmations; i++) final = this.nextBlockAfter(final);
    return { included, final };
  }

  /**
   * Sends `amount` from `from` to `to`; the sender pays the fee on top. Funds wait in transit; the
   * fee leaves at inclusion, the amount arrives at finality. Returns the transfer id.
   */
  send(flow: string, from: AccountId, to: AccountId, amount: Amount, fee: Amount, handlers: TransferHandlers): string {
    const id = `${this.params.id}-tx${++this.seq}`;
    const now = this.queue.now;
    this.ledger.post({ time: now, flow, kind: 'chain.submitted', postings: transfer(from, this.transit, add(amount, fee)), memo: `${id} to ${to}` });
    const tx: InFlight = { flow, from, to, amount, fee, included: false, timers: [] };
    this.inFlight.set(id, tx);
    this.waiting.set(flow, id);
    const { included, final } = this.schedule(now, fee);
    tx.timers.push(
      this.queue.at(included, () => {
        tx.included = true;
        this.waiting.delete(flow);
        if (fee.minor > 0n) {
          this.ledger.post({ time: included, flow, kind: 'chain.fee', postings: transfer(this.transit, this.feeAccount, fee), memo: `${id} fee` });
        }
        handlers.included(included);
      }),
      this.queue.at(final, () => {
        this.inFlight.delete(id);
        this.ledger.post({ time: final, flow, kind: 'chain.confirmed', postings: transfer(this.transit, to, amount), memo: `${id} final after ${this.params.confirmations} confirmations` });
        handlers.confirmed();
      }),
    );
    return id;
  }

  /** Drops the transfer of `flow` still waiting for a block (see `drop`). */
  dropWaiting(flow: string): JournalEntry {
    const id = this.waiting.get(flow);
    if (id === undefined) throw new Error(`${flow} has no transfer waiting for a block on ${this.params.id}`);
    return this.drop(id);
  }

  /** Drops a transfer not yet in a block: amount and fee go back to the sender. */
  drop(id: string): JournalEntry {
    const tx = this.inFlight.get(id);
    if (!tx || tx.included) throw new Error(`transfer ${id} cannot be dropped: it is already in a block`);
    for (const t of tx.timers) this.queue.cancel(t);
    this.inFlight.delete(id);
    this.waiting.delete(tx.flow);
    return this.ledger.post({ time: this.queue.now, flow: tx.flow, kind: 'chain.dropped', postings: transfer(this.transit, tx.from, add(tx.amount, tx.fee)), memo: `${id} dropped before inclusion` });
  }
}
