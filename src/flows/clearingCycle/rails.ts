// The rails behind a clearing cycle's ports: NPCS's clearing book netted and settled on the
// simulated clock. Answers are queued events, never direct calls, so the machine sees them as
// facts arriving later, as it does from every other rail.

import type { EventQueue } from '../../sim/index.js';
import type { ClearingBook } from '../../rails/npcs/clearing.js';
import type { ClearingPorts, ClearingReply } from './machine.js';

export class ClearingRails implements ClearingPorts {
  /** The nets of each cycle netted and not yet settled. */
  private readonly nets = new Map<string, Map<string, bigint>>();

  /** @param nettingMs how long NPCS takes to compute the nets; 0 is allowed. */
  constructor(
    private readonly book: ClearingBook,
    private readonly queue: EventQueue,
    private readonly nettingMs: number,
  ) {
    if (!Number.isFinite(nettingMs) || nettingMs < 0) throw new Error(`nettingMs must be zero or more, got ${nettingMs}`);
  }

  net(cycleId: string, reply: ClearingReply): void {
    if (this.nets.has(cycleId)) throw new Error(`clearing cycle ${cycleId} is already netted`);
    // The book is closed at the request, not at the answer: the cycle ends when its time is up,
    // and obligations recorded while NPCS computes belong to the next cycle.
    const { net, obligations, gross, netDebits, saved } = this.book.close();
    this.nets.set(cycleId, net);
    this.queue.after(this.nettingMs, () => reply({ type: 'NETTED', obligations, gross, netDebits, saved }));
  }

  settle(cycleId: string, reply: ClearingReply): void {
    const net = this.nets.get(cycleId);
    if (!net) throw new Error(`clearing cycle ${cycleId} cannot settle: it was not netted`);
    this.queue.after(0, () => {
      this.nets.delete(cycleId);
      const { creditDrawn } = this.book.settle(cycleId, net, this.queue.now);
      reply({ type: 'SETTLED', creditDrawn });
    });
  }
}
