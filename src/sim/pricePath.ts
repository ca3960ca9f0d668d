// A price that moves on the seeded stream: a geometric random walk stepped once a simulated
// minute, so the price at a moment depends only on the seed and the moment, not on who asked.

import { Dec, type Dec as Decimal } from '../money/index.js';
import type { RandomStream } from './random.js';

const STEP_MS = 60_000;

export class PricePath {
  private step = 0;
  private value: Decimal;
  private readonly sigma: number;

  /** @param volatilityBps standard deviation of the log price over one hour, in basis points. */
  constructor(
    readonly start: number,
    readonly initial: Decimal,
    volatilityBps: number,
    private readonly stream: RandomStream,
  ) {
    this.value = initial;
    this.sigma = (volatilityBps / 10_000) * Math.sqrt(STEP_MS / 3_600_000);
  }

  /** The price at `t`; times must not go backwards (the simulated clock never does). */
  at(t: number): Decimal {
    if (this.sigma === 0) return this.initial;
    const target = Math.max(0, Math.floor((t - this.start) / STEP_MS));
    if (target < this.step) throw new Error(`price path asked for ${t}, before a time it already passed`);
    for (; this.step < target; this.step++) {
      // Twelve significant digits of the float factor, as for amounts: no platform-specific tail.
      this.value = this.value.mul(new Dec(Math.exp(this.sigma * this.stream.normal()).toPrecision(12)));
    }
    return this.value;
  }
}
