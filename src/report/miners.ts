// Miners over a run: the coin each mined (block rewards, from run.json), what each sold through the
// sale mechanism and what the registry refused (the mining law's rules: not yet in force, or a
// miner not registered), from their orders' outcomes.

import { formatMinor } from '../money/index.js';
import type { RunRecord } from '../records/index.js';
import type { OrderGroup } from './orders.js';

/** report.json's miners section; null when nobody mined or sold as a miner. */
export function minersSection(mining: RunRecord['mining'], sales: OrderGroup, rubScale: number) {
  const sold = sales.section(rubScale);
  if (mining === null && sold === null) return null;
  const ids = [...new Set([...Object.keys(mining ?? {}), ...sales.byParticipant.keys()])].sort();
  const registryRefused = Object.entries(sales.byReason).reduce((n, [reason, c]) => n + (reason.startsWith('regime.') ? c : 0), 0);
  return {
    miners: ids.map((miner) => {
      const m = mining?.[miner];
      const p = sales.byParticipant.get(miner);
      return {
        miner,
        rewards: m?.rewards ?? 0,
        mined: m?.total ?? null,
        sales: p?.orders ?? 0,
        sold: p?.filled ?? 0,
        rejected: p?.rejected ?? 0,
        receivedRub: formatMinor(p?.rubMinor ?? 0n, rubScale),
      };
    }),
    /** Sales the mining law's registry rules refused (reasons `regime.…`). */
    registryRefused,
    sales: sold,
  };
}

export type MinersSection = NonNullable<ReturnType<typeof minersSection>>;
