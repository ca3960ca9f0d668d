// A price that moves on the seeded stream: a geometric random walk stepped once a simulated
// minute, so the price at a moment depends only on the seed and the moment, not on who asked.
// Memory grows with what is asked, not with the span walked: the path keeps a checkpoint (price
// and stream state) every BLOCK minutes and only a few recent blocks in full, so a typo'd year
// costs time bounded by --max-span, never gigabytes; an earlier minute is replayed from its
// checkpoint, the same draws in the same order, so it reads back exactly as it was.

import { Dec, type Dec as Decimal } from '../money/index.js';
import type { RandomStream } from './random.js';

const STEP_MS = 60_000;
/** Minutes per block: one checkpoint per simulated day or so. */
const BLOCK = 1024;
/** Full blocks kept: a report reads back mostly near the moment the run has reached. */
const KEPT_BLOCKS = 8;

interface Checkpoint {
  /** The price at the block's first minute. */
  readonly price: Decimal;
  /** The stream as it stands before the draw for the block's second minute. */
  readonly stream: RandomStream;
}

export class PricePath {
  /** Checkpoint of each block reached so far; [0] holds the initial price. */
  private readonly checkpoints: Checkpoint[];
  /** Recently used blocks in full, most recent last. */
  private readonly blocks = new Map<number, Decimal[]>();
  private readonly sigma: number;

  /** @param volatilityBps standard deviation of the log price over one hour, in basis points. */
  constructor(
    readonly start: number,
    readonly initial: Decimal,
    volatilityBps: number,
    stream: RandomStream,
  ) {
    this.checkpoints = [{ price: initial, stream }];
    this.sigma = (volatilityBps / 10_000) * Math.sqrt(STEP_MS / 3_600_000);
  }

  get moves(): boolean {
    return this.sigma !== 0;
  }

  /** The price at `t`, the same whatever was asked before (the stream is this path's alone). */
  at(t: number): Decimal {
    if (this.sigma === 0) return this.initial;
    const target = Math.max(0, Math.floor((t - this.start) / STEP_MS));
    const b = Math.floor(target / BLOCK);
    return this.block(b)[target - b * BLOCK]!;
  }

  private step(price: Decimal, stream: RandomStream): Decimal {
    // Twelve significant digits of the float factor, as for amounts: no platform-specific tail.
    return price.mul(new Dec(Math.exp(this.sigma * stream.normal()).toPrecision(12)));
  }

  private block(b: number): Decimal[] {
    const kept = this.blocks.get(b);
    if (kept) {
      this.blocks.delete(b);
      this.blocks.set(b, kept);
      return kept;
    }
    // Walk forward from the last checkpoint reached, block by block, keeping only checkpoints.
    while (this.checkpoints.length <= b) this.fill(this.checkpoints.length - 1);
    const steps = this.fill(b);
    this.blocks.set(b, steps);
    if (this.blocks.size > KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    return steps;
  }

  /** Block `b`'s prices from its checkpoint; records block b+1's checkpoint when it is new. */
  private fill(b: number): Decimal[] {
    const from = this.checkpoints[b]!;
    // The last checkpoint owns the live stream (nothing replays past it); earlier ones replay a copy.
    const last = b === this.checkpoints.length - 1;
    const stream = last ? from.stream : from.stream.clone();
    if (last) this.checkpoints[b] = { price: from.price, stream: from.stream.clone() };
    const steps = [from.price];
    for (let i = 1; i < BLOCK; i++) steps.push(this.step(steps[i - 1]!, stream));
    if (last) this.checkpoints.push({ price: this.step(steps[BLOCK - 1]!, stream), stream });
    return steps;
  }
}
