// Metrics of the domestic half of the pilot, gathered as orders finish: purchases and sales by
// outcome and reason, cap rejections per investor category and miners' proceeds (operations
// flagged for AML mandatory control are counted over every flow, in compliance.ts). Money stays
// exact (bigint minor units).

import { formatMinor } from '../money/index.js';
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
    minerProceedsRub: Object.fromEntries([...m.minerProceeds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, rub(v)])),
    amlFlags,
  };
}

export type DomesticSection = ReturnType<typeof domesticSection>;
