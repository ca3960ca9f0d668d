// Latency of an external system answering on the simulated clock: a typical time times a
// log-normal draw, clamped so every wait stays bounded (a flow's time to final must be).

import type { EventQueue } from './eventQueue.js';
import type { RandomStream } from './random.js';

/** Median 1x; clamped to [0.5x, 3x]. */
const SIGMA = 0.3;
const MIN = 0.5;
const MAX = 3;

/** The fastest a system with this typical latency ever answers, in ms: the lower clamp. */
export function fastestMs(typicalMs: number): number {
  return Math.round(typicalMs * MIN);
}

export function afterLatency(queue: EventQueue, stream: RandomStream, typicalMs: number, fn: () => void): void {
  const f = Math.min(MAX, Math.max(MIN, stream.logNormalFactor(SIGMA)));
  queue.after(Math.round(typicalMs * f), fn);
}
