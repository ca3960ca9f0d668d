// run.json read the way the report's sections ask: the domestic section's view of the law in force, and the stablecoins' price index at a given minute.

import type { DomesticFacts, RunRecord } from '../records/index.js';
import { Dec, type Dec as Decimal } from '../money/index.js';

export function domesticFacts(run: RunRecord): DomesticFacts {
  const r = run.regime;
  return {
    regime: { preset: { name: r.preset }, rules: r.rules, caps: r.caps, aml: r.aml },
  };
}

/** A coin's RUB index at `minute` (ms / 60000): the last sample at or before it. */
export function priceIndexAt(index: NonNullable<RunRecord['priceIndex']>, coin: string, minute: number): Decimal {
  const samples = index[coin];
  if (!samples || samples.length === 0 || samples[0]![0] > minute) throw new Error(`run.json: priceIndex.${coin} has no sample at or before minute ${minute}`);
  // Binary search: the last sample whose minute is at most `minute`.
  let lo = 0;
  let hi = samples.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (samples[mid]![0] <= minute) lo = mid;
    else hi = mid - 1;
  }
  return new Dec(samples[lo]![1]);
}
