// Metrics of the domestic half of the pilot, gathered as orders finish: purchases and sales by
// outcome and reason, cap rejections per investor category and miners' proceeds (operations
// flagged for AML mandatory control are counted over every flow, in compliance.ts). Money stays
// exact (bigint minor units).

import { fineOf, formatMinor } from '../money/index.js';
import type { DomesticFacts, OrderOutcomeView as OrderOutcome } from '../records/index.js';
import type { ComplianceSection } from './compliance.js';

interface FlowCounts {
  byStatus: Record<string, number>;
  byReason: Record<string, number>;
}

export class OrderMetrics {
  readonly flows = new Map<string, FlowCounts>();
  readonly capRejections = { qualified: 0, nonQualified: 0 };
  /** Investors with at least one filled purchase, per category: capped or not (run.json's cap use lists only the capped). */
  readonly buyers = { qualified: new Set<string>(), nonQualified: new Set<string>() };
  /** RUB received from sales, per miner. */
  readonly minerProceeds = new Map<string, bigint>();

  /** @param rubScale RUB's declared scale, for the figures this section prints. */
  constructor(readonly rubScale = 2) {}

  add(o: OrderOutcome): void {
    let c = this.flows.get(o.flow);
    if (!c) this.flows.set(o.flow, (c = { byStatus: {}, byReason: {} }));
    c.byStatus[o.status] = (c.byStatus[o.status] ?? 0) + 1;
    if (o.reason) c.byReason[o.reason] = (c.byReason[o.reason] ?? 0) + 1;
    if (o.reason === 'cap.exceeded') this.capRejections[o.order.participant.investor!.category]++;
    if (o.flow === 'retailPurchase' && o.status === 'purchased') this.buyers[o.order.participant.investor!.category].add(o.order.participant.id);
    if (o.flow === 'cryptoSale' && o.status === 'sold' && o.order.participant.kind === 'miner') {
      const id = o.order.participant.id;
      this.minerProceeds.set(id, (this.minerProceeds.get(id) ?? 0n) + o.rub!.minor);
    }
  }
}

/** Shares of the cap used, in bands, per category: how close capped investors came. */
const BANDS = [0.25, 0.5, 0.75, 0.9, 1] as const;

/**
 * Investors who bought, per category, in bands of how much of their cap they used: each investor
 * once, in the band of the calendar year they came closest to their cap.
 */
export function capUsage(run: DomesticFacts): Record<string, { investors: number; bands: Record<string, number> }> {
  const peak = new Map<string, { category: string; share: number }>();
  for (const e of run.caps.entries()) {
    // Only investors who bought: a refused first purchase leaves an empty row behind.
    if (e.used === 0n) continue;
    const category = run.participants.get(e.investor)?.investor?.category;
    if (!category) continue;
    const cap = run.caps.capOf(category);
    if (cap === null || cap.minor === 0n) continue;
    // Use is counted in 10^-18 of the cap's currency.
    const share = Number((e.used * 1_000_000n) / fineOf(cap).atto) / 1_000_000;
    const seen = peak.get(e.investor);
    if (!seen || share > seen.share) peak.set(e.investor, { category, share });
  }
  const out: Record<string, { investors: number; bands: Record<string, number> }> = {};
  for (const { category, share } of peak.values()) {
    const band = BANDS.find((b) => share <= b) ?? 1;
    const label = band === 1 ? (share >= 1 ? 'at cap' : '90-100%') : `<=${band * 100}%`;
    const row = (out[category] ??= { investors: 0, bands: {} });
    row.investors++;
    row.bands[label] = (row.bands[label] ?? 0) + 1;
  }
  return out;
}

export function domesticSection(m: OrderMetrics, run: DomesticFacts, amlFlags: ComplianceSection['amlFlags']) {
  // In RUB's declared scale: whole rubles at scale 0.
  const rub = (minor: bigint) => formatMinor(minor, m.rubScale);
  return {
    regime: {
      preset: run.regime.preset.name,
      rules: run.regime.rules.map((r) => ({ ...r })),
      caps: run.regime.caps,
      aml: run.regime.aml,
    },
    flows: Object.fromEntries([...m.flows.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    capRejections: { ...m.capRejections },
    capUsage: capUsage(run),
    minerProceedsRub: Object.fromEntries([...m.minerProceeds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, rub(v)])),
    amlFlags,
  };
}

export type DomesticSection = ReturnType<typeof domesticSection>;
