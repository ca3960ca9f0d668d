// What flows' time bounds are made of: every wait in a machine is bounded (latencies are clamped
// to three times typical, chains give up on a transfer after the inclusion time-out, halts end),
// so each flow declares its bound (its module's `bound`) and the finality invariant holds it to
// it. The sums are deliberately loose: they bound, they do not predict.

/** Latencies are drawn up to this many times their typical value (src/sim/latency.ts). */
export const LATENCY_CEILING = 3;

export interface BoundParams {
  readonly screeningMs: number;
  readonly bankMs: number;
  readonly exchangeMs: number;
  readonly maxQuoteAttempts: number;
  /** The slowest chain: time-out for inclusion, time to finality, all halts together. */
  readonly inclusionTimeoutMs: number;
  readonly finalityMs: number;
  readonly haltsMs: number;
  /** The slowest off-ramp's typical payout delay. */
  readonly offrampDelayMs: number;
}

/** Quotes tried up to the attempts: each a quote, a hold at the bank and a fill. */
export function quotingMs(p: BoundParams): number {
  return p.maxQuoteAttempts * LATENCY_CEILING * (p.exchangeMs + p.bankMs + p.exchangeMs);
}

/** A transfer's way to finality on the slowest chain, through every halt. */
export function chainLegMs(p: BoundParams): number {
  return p.finalityMs + p.haltsMs;
}
