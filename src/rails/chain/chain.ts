// A blockchain as the payment rail sees it: blocks at a fixed interval, a transfer included in the
// next block and final after N confirmations, a fee per transfer, and halts during which no block
// is produced. A transfer not yet included can be dropped (replaced) and its funds come back.

import { add, type Amount } from '../../money/index.js';
import { accountId, transfer, type AccountId, type Ledger } from '../../ledger/index.js';
import type { EventQueue, TimerId } from '../../sim/index.js';

export interface ChainParams {
  readonly id: string;
  readonly blockTimeMs: number;
  readonly confirmations: number;
  /** Paid by the sender per transfer, in the coin sent. */
  readonly fee: Amount;
  /** Periods [from, to) in which the chain produces no blocks. */
  readonly halts: readonly { from: number; to: number }[];
  /** Block heights are counted from here; any instant on the block grid. */
  readonly epoch: number;
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

export class Chain {
  readonly transit: AccountId;
  readonly feeAccount: AccountId;
  private readonly inFlight = new Map<string, InFlight>();
  private seq = 0;

  constructor(readonly params: ChainParams, private readonly ledger: Ledger, private readonly queue: EventQueue) {
    this.transit = accountId('chains', params.id, 'transit');
    this.feeAccount = accountId('external', 'chain-fees', params.id);
    ledger.open(this.transit, 'nonNegative');
    ledger.open(this.feeAccount, 'external');
  }

  private haltAt(t: number): { from: number; to: number } | undefined {
    return this.params.halts.find((h) => h.from <= t && t < h.to);
  }

  /** The time of the first block produced strictly after `t`. */
  nextBlockAfter(t: number): number {
    const { epoch, blockTimeMs } = this.params;
    let b = epoch + (Math.floor((t - epoch) / blockTimeMs) + 1) * blockTimeMs;
    for (let halt = this.haltAt(b); halt; halt = this.haltAt(b)) {
      b = epoch + Math.ceil((halt.to - epoch) / blockTimeMs) * blockTimeMs;
    }
    return b;
  }

  /** The block in which a transfer sent at `t` is included, and when it has its confirmations. */
  schedule(t: number): { included: number; final: number } {
    const included = this.nextBlockAfter(t);
    let final = included;
    for (let i = 1; i < this.params.confirmations; i++) final = this.nextBlockAfter(final);
    return { included, final };
  }

  /**
   * Sends `amount` from `from` to `to`; the sender pays the fee on top. Funds wait in transit; the
   * fee leaves at inclusion, the amount arrives at finality. Returns the transfer id.
   */
  send(flow: string, from: AccountId, to: AccountId, amount: Amount, handlers: TransferHandlers): string {
    const id = `${this.params.id}-tx${++this.seq}`;
    const fee = this.params.fee;
    const now = this.queue.now;
    this.ledger.post({ time: now, flow, kind: 'chain.submitted', postings: transfer(from, this.transit, add(amount, fee)), memo: `${id} to ${to}` });
    const tx: InFlight = { flow, from, to, amount, fee, included: false, timers: [] };
    this.inFlight.set(id, tx);
    const { included, final } = this.schedule(now);
    tx.timers.push(
      this.queue.at(included, () => {
        tx.included = true;
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

  /** Drops a transfer not yet in a block: amount and fee go back to the sender. */
  drop(id: string): void {
    const tx = this.inFlight.get(id);
    if (!tx || tx.included) throw new Error(`transfer ${id} cannot be dropped: it is already in a block`);
    for (const t of tx.timers) this.queue.cancel(t);
    this.inFlight.delete(id);
    this.ledger.post({ time: this.queue.now, flow: tx.flow, kind: 'chain.dropped', postings: transfer(this.transit, tx.from, add(tx.amount, tx.fee)), memo: `${id} dropped before inclusion` });
  }
}
