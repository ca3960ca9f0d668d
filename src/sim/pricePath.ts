// A price that moves on the seeded stream: a geometric random walk stepped once a simulated
// minute, so the price at a moment depends only on the seed and the moment, not on who asked.
// Every step taken is kept, so a report can read the path back at any earlier moment.

import { Dec, type Dec as Decimal } from '../money/index.js';
import type { RandomStream } from './random.js';

const STEP_MS = 60_000;

export class PricePath {
  /** The price at each whole minute since `start` reached so far; [0] is the initial price. */
  private readonly steps: Decimal[];
  private readonly sigma: number;

  /** @param volatilityBps standard deviation of the log price over one hour, in basis points. */
  constructor(
    readonly start: number,
    readonly initial: Decimal,
    volatilityBps: number,
    private readonly stream: RandomStream,
  ) {
    this.steps = [initial];
    this.sigma = (volatilityBps / 10_000) * Math.sqrt(STEP_MS / 3_600_000);
  }

  get moves(): boolean {
    return this.sigma !== 0;
  }

  /** The price at `t`, the same whatever was asked before (the stream is this path's alone). */
  at(t: number): Decimal {
    if (this.sigma === 0) return this.initial;
    const target = Math.max(0, Math.floor((t - this.start) / STEP_MS));
    while (this.steps.length <= target) {
      // Twelve significant digits of the float factor, as for amounts: no platform-specific tail.
      this.steps.push(this.steps.at(-1)!.mul(new Dec(Math.exp(this.sigma * this.stream.normal()).toPrecision(12))));
    }
    return this.steps[target]!;
  }
}
