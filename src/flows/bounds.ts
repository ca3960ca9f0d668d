// How long each flow may take at most, from the parameters of a run: every wait in a machine is
// bounded (latencies are clamped to three times typical, chains give up on a transfer after the
// inclusion time-out, halts end), so each flow declares its bound and the finality invariant
// holds it to it. The sums are deliberately loose: they bound, they do not predict.

/** Latencies are drawn up to this many times their typical value (src/sim/latency.ts). */
const LATENCY_CEILING = 3;

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

export function flowBounds(p: BoundParams): Record<string, number> {
  const c = LATENCY_CEILING;
  const quoting = p.maxQuoteAttempts * c * (p.exchangeMs + p.bankMs + p.exchangeMs);
  const chainLeg = p.finalityMs + p.haltsMs;
  return {
    // Screen, quote up to the attempts, wait for a block up to the time-out, reach finality
    // (through any halt), pay out; or return the coin on chain (after waiting out a fee spike for
    // up to the inclusion time-out) and sell it back.
    crossBorderPayment: c * p.screeningMs + quoting + p.inclusionTimeoutMs + chainLeg + c * p.offrampDelayMs + p.inclusionTimeoutMs + chainLeg + c * p.exchangeMs,
    // Screen, wait for a block up to the time-out, reach finality, screen on arrival, sell.
    crossBorderReceipt: c * p.screeningMs + p.inclusionTimeoutMs + chainLeg + c * p.screeningMs + c * p.exchangeMs,
    retailPurchase: c * p.screeningMs + quoting,
    cryptoSale: c * p.screeningMs + c * p.exchangeMs,
  };
}
