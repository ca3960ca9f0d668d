// Messages between a flow and the rails, delivered on the simulated clock after a latency. A
// fault can deliver a message twice; the receiver keeps the ids it has handled and drops a
// repeat, so a duplicate can never post anything twice (the idempotency the invariants check).

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
  private seq = 0;
  /** Ids of messages delivered once whose second copy is still on its way. */
  private readonly awaitingCopy = new Set<number>();
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
    const id = ++this.seq;
    let copies = 0;
    const arrive = () => {
      copies++;
      if (copies === 1) {
        this.awaitingCopy.add(id);
        handler();
        return;
      }
      // The receiver has seen this id: the repeat is dropped, and the id forgotten.
      this.awaitingCopy.delete(id);
      this.duplicatesDropped++;
    };
    afterLatency(this.queue, this.latency, typicalMs, arrive);
    afterLatency(this.queue, this.latency, typicalMs, arrive);
  }
}
