// What one payment out adds to the report's sums: its RUB size at mid and, settled, its cost by
// part (the exchange's spread, the chain fee, the off-ramp's spread, NPCS's fee, the FX residue).
// Computed in bigint with decimal.js's rounding (exact40.ts), the same values decimal.js gives.

import type { Dec as Decimal } from '../money/index.js';
import type { PaymentOutcomeView as PaymentOutcome } from '../records/index.js';
import { ScaledMemo, ZERO, div, minus, times, amountUnits, type Scaled } from './exact40.js';

/** Price of one `base` in `quote` at mid, from the scenario's markets. */
export type MidPrice = (base: string, quote: string) => Decimal;

/** A payment's parts, each the value decimal.js computes at 40 digits half-even. */
export interface OutcomeParts {
  readonly principal: Scaled;
  readonly settled: { paid: Scaled; npcs: Scaled; spread: Scaled; fee: Scaled; offramp: Scaled; residue: Scaled } | null;
}

/** Equal prices, most often the very same object. */
const same = (a: Decimal, b: Decimal): boolean => a === b || a.eq(b);

function partsOf(o: PaymentOutcome, mid: MidPrice, scaled: ScaledMemo): OutcomeParts {
  const p = o.payment;
  // The payment's size in RUB at mid: the local amount in coin at the off-ramp's mid, then in
  // RUB; at the prices of the payout when it settled, at the starting mids otherwise.
  const coinLocal = o.marks?.coinLocal ?? mid(p.coin, p.amount.asset.code);
  const coinRub = o.marks?.coinRub ?? mid(p.coin, 'RUB');
  const amount = amountUnits(p.amount);
  const principal = times(div(amount, scaled.of(coinLocal)), scaled.of(coinRub));
  if (o.status !== 'settled') return { principal, settled: null };
  // Each part at the prices of its moment (the exchange's mid at the fill, the off-ramp's when
  // it priced the coin); what the principal's RUB value did between then and the payout is
  // the FX residue, zero when prices hold still.
  const paid = amountUnits(o.paid!);
  const fillMid = o.fillMid ?? mid(p.coin, 'RUB');
  const fill = scaled.of(fillMid);
  const npcs = o.npcsFee ? amountUnits(o.npcsFee) : ZERO;
  const spread = minus(minus(paid, npcs), times(amountUnits(o.bought!), fill));
  const fee = times(amountUnits(o.chainFee!), fill);
  const quotedMid = o.quotedOfframpMid ?? coinLocal;
  // The same operations on equal values give the same value: when prices held still (the usual
  // case), the principal at the fill's prices is the principal, without a second division.
  const principalAtFill = same(quotedMid, coinLocal) && same(fillMid, coinRub) ? principal : times(div(amount, scaled.of(quotedMid)), fill);
  const offramp = minus(times(amountUnits(o.delivered!), fill), principalAtFill);
  const residue = minus(minus(minus(minus(minus(paid, npcs), spread), fee), offramp), principal);
  return { principal, settled: { paid, npcs, spread, fee, offramp, residue } };
}

/**
 * The last payment's parts, for the metrics that fold the same outcome (the run's and its
 * channel's): computed once, not once for each. One per fold; the parts depend only on the
 * outcome and the mids, so a different outcome object or mid function computes afresh. The
 * prices' values are read once per price object.
 */
export class PartsMemo {
  private last: { o: PaymentOutcome; mid: MidPrice; parts: OutcomeParts } | undefined;
  readonly scaled = new ScaledMemo();

  of(o: PaymentOutcome, mid: MidPrice): OutcomeParts {
    const last = this.last;
    if (last?.o === o && last.mid === mid) return last.parts;
    const parts = partsOf(o, mid, this.scaled);
    this.last = { o, mid, parts };
    return parts;
  }
}
