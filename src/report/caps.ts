// Cap use per investor category against the cap in force, from run.json: how many investors
// bought, how close they came to their yearly cap (the peak share and bands of shares), how many
// reached it, and how many purchases the cap refused. Shares are computed in bigints and decimals.

import { Dec, fineOf } from '../money/index.js';
import { amountOrNull, type InvestorCategory, type RunRecord } from '../records/index.js';

/** Shares of the cap used, in bands: how close capped investors came. */
export const CAP_BANDS = ['<=25%', '<=50%', '<=75%', '<=90%', '90-100%', 'at cap'] as const;

function band(share: Dec): (typeof CAP_BANDS)[number] {
  if (share.gte(1)) return 'at cap';
  if (share.gt(0.9)) return '90-100%';
  if (share.gt(0.75)) return '<=90%';
  if (share.gt(0.5)) return '<=75%';
  return share.gt(0.25) ? '<=50%' : '<=25%';
}

/**
 * @param refused purchases the cap refused, per category (reason `cap.exceeded`).
 * @param buyers investors with a filled purchase, per category, capped or not.
 */
export function capsSection(run: RunRecord, refused: Readonly<Record<InvestorCategory, number>>, buyers: Readonly<Record<InvestorCategory, ReadonlySet<string>>>) {
  const categories = (['nonQualified', 'qualified'] as const).map((category) => {
    const cap = amountOrNull(run.caps[category]);
    // Each investor once, in the calendar year they came closest to their cap.
    const peak = new Map<string, Dec>();
    for (const e of run.capUse) {
      if (e.category !== category || e.used === '0' || cap === null || cap.minor === 0n) continue;
      const share = new Dec(e.used).div(fineOf(cap).atto.toString());
      const seen = peak.get(e.investor);
      if (!seen || share.gt(seen)) peak.set(e.investor, share);
    }
    const shares = [...peak.values()];
    const bands = Object.fromEntries(CAP_BANDS.map((b) => [b, 0])) as Record<(typeof CAP_BANDS)[number], number>;
    for (const s of shares) bands[band(s)]++;
    const top = shares.reduce<Dec | null>((m, s) => (m === null || s.gt(m) ? s : m), null);
    return {
      category,
      /** The yearly cap in force ("600000.00 RUB"), null for none. */
      capInForce: run.caps[category],
      investorsWhoBought: buyers[category].size,
      reachedCap: bands['at cap'],
      refusedAtCap: refused[category],
      /** The highest share of the cap one investor used in one year (0..1, six places). */
      peakShare: top === null ? null : top.toDecimalPlaces(6, Dec.ROUND_DOWN).toNumber(),
      bands,
    };
  });
  return { source: run.regime.caps.source, categories };
}

export type CapsSection = ReturnType<typeof capsSection>;
