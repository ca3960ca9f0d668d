// The yearly cap as it stood when a purchase was refused for it: what the investor had used
// (purchases filled and committed) and what purchases in flight had reserved, at the instant this
// order asked for room. Rebuilt from the run's trace in its order: room is reserved on entering
// `reservingCap` (the amount arrives with CAP_RESERVED), committed by PURCHASE_FILLED or
// PURCHASE_FROZEN, freed by any other way out of `holdingFunds` or `filling` (see the machine).

import type { Amount, FineAmount } from '../money/index.js';
import { FINE_DECIMALS } from '../money/index.js';
import type { InvestorCategory } from '../rails/compliance/caps.js';
import { moscowYear } from '../rails/regime/regime.js';
import type { CapStep, PaymentStory } from './explainCollect.js';

export interface CapUse {
  readonly category: InvestorCategory;
  readonly cap: Amount;
  /** Committed by the investor's purchases this year before the order asked. */
  readonly used: FineAmount;
  /** How many purchases that is. */
  readonly filled: number;
  /** Reserved by the investor's purchases still in flight when it asked. */
  readonly inFlight: FineAmount;
  /** The order's quoted cost: what it asked to count. */
  readonly order: Amount;
  /** The quoted cost in 10^-18 of its asset, to add to the cap's use when both are in one currency. */
  readonly orderAtto: bigint;
}

const COMMITS = new Set(['PURCHASE_FILLED', 'PURCHASE_FROZEN']);

/** One purchase's reservations: from which trace position, to which, with what value, committed or freed. */
function reservations(steps: readonly CapStep[]): { from: number; to: number; atto: bigint; committed: boolean }[] {
  const out: { from: number; to: number; atto: bigint; committed: boolean }[] = [];
  let open: { from: number; atto: bigint } | undefined;
  for (const s of steps) {
    const r = s.record;
    if (r.to === 'reservingCap') open = { from: s.index, atto: 0n };
    else if (r.from === 'reservingCap' && r.event === 'CAP_RESERVED' && open) {
      const value = (r.cause as { value?: FineAmount | null } | undefined)?.value;
      open.atto = value?.atto ?? 0n;
    } else if (r.from === 'reservingCap') open = undefined;
    else if (open && (r.from === 'holdingFunds' || r.from === 'filling') && r.to !== 'filling') {
      out.push({ ...open, to: s.index, committed: COMMITS.has(r.event) });
      open = undefined;
    }
  }
  if (open) out.push({ ...open, to: Infinity, committed: false });
  return out;
}

/** The cap's use when the story's purchase was refused for it, or undefined when the run cannot tell. */
export function capUse(story: PaymentStory): CapUse | undefined {
  const o = story.outcome;
  if (o.flow !== 'retailPurchase' || !story.capSteps || !story.orders) return undefined;
  const category = o.order.participant.investor?.category;
  const cap = category === undefined ? null : story.scenario.caps[category];
  if (!category || !cap) return undefined;
  const own = story.capSteps.filter((s) => s.flow === story.id);
  const asked = own.filter((s) => s.record.to === 'reservingCap').at(-1);
  const cost = (asked?.record.cause as { quote?: { cost?: Amount } } | undefined)?.quote?.cost;
  if (!asked || !cost) return undefined;
  const year = moscowYear(o.order.initiatedAt);
  const byFlow = new Map<string, CapStep[]>();
  for (const s of story.capSteps) {
    const other = story.orders.get(s.flow);
    if (s.flow === story.id || !other || other.participant !== o.order.participant.id || moscowYear(other.initiatedAt) !== year) continue;
    let list = byFlow.get(s.flow);
    if (!list) byFlow.set(s.flow, (list = []));
    list.push(s);
  }
  let used = 0n;
  let inFlight = 0n;
  let filled = 0;
  for (const steps of byFlow.values()) {
    for (const r of reservations(steps)) {
      if (r.committed && r.to < asked.index) {
        used += r.atto;
        filled++;
      } else if (r.from < asked.index && r.to > asked.index) inFlight += r.atto;
    }
  }
  return {
    category,
    cap,
    used: { asset: cap.asset, atto: used },
    filled,
    inFlight: { asset: cap.asset, atto: inFlight },
    order: cost,
    orderAtto: cost.minor * 10n ** BigInt(FINE_DECIMALS - cost.asset.scale),
  };
}
