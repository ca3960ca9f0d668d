// Messages between a flow and the rails, delivered on the simulated clock after a latency. A
// fault can deliver a message twice; the receiver recognises the repeat of a message it has
// handled and drops it, so a duplicate can never post anything twice (the idempotency the
// invariants check).

import type { EventQueue } from './eventQueue.js';
import type { RandomStream } from './random.js';
import { afterLatency } from './latency.js';

export interface DuplicateFault {
  /** Share of messages delivered twice while the fault lasts, 0 to 1. */
  readonly share: number;
  readonly from: number;
  readonly to: number;
}

export class Messenger {
  duplicatesDropped = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly latency: RandomStream,
    private readonly faultDraws: RandomStream,
    private readonly faults: readonly DuplicateFault[],
  ) {}

  /** Runs `handler` once after about `typicalMs`, however many times the message arrives. */
  send(typicalMs: number, handler: () => void): void {
    const now = this.queue.now;
    const fault = this.faults.find((f) => f.from <= now && now < f.to);
    if (!fault || this.faultDraws.float() >= fault.share) {
      afterLatency(this.queue, this.latency, typicalMs, handler);
      return;
    }
    // Both copies carry the same message; the receiver handles the first and drops the second.
    let copies = 0;
    const arrive = () => {
      if (++copies === 1) return handler();
      this.duplicatesDropped++;
    };
    afterLatency(this.queue, this.latency, typicalMs, arrive);
    afterLatency(this.queue, this.latency, typicalMs, arrive);
  }
}
