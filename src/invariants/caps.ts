// Caps: what investors bought in a year against the cap of their category.

import { amountOf, failOnce, showAtto, type Invariant } from './kit.js';
import type { RunFacts } from './records.js';

/**
 * 8. Caps: no investor's purchases in a calendar year exceed the cap in force. Each purchase's
 * capValue is its exact value (to 10^-18, rounded up) and the sum is exact, so purchases worth
 * fractions of a cent add up; a purchase that paid RUB yet counted zero had its value rounded away.
 */
export function capsRespected(facts: RunFacts): Invariant {
  const v = failOnce('caps');
  const used = new Map<string, { sum: bigint; asset: string; category: string }>();
  return {
    name: 'caps',
    promise: "no investor's purchases in a calendar year exceed the cap in force for their category, each counted at its exact value",
    outcome(o) {
      if (o.capValue === null || o.category === null || o.capYear === null) return;
      v.count();
      const [value, asset] = amountOf(o.capValue);
      if (value === 0n && o.rub !== null && amountOf(o.rub)[0] > 0n) v.fail(`${o.id} paid ${o.rub} but counted ${o.capValue} against ${o.party}'s cap`);
      const key = `${o.party} ${o.capYear}`;
      const u = used.get(key) ?? { sum: 0n, asset, category: o.category };
      u.sum += value;
      used.set(key, u);
    },
    finish() {
      for (const [key, u] of used) {
        const cap = facts.caps[u.category as 'qualified' | 'nonQualified'];
        if (cap === null || cap === undefined) continue;
        const [limit, asset] = amountOf(cap);
        if (asset !== u.asset) v.fail(`${key}: purchases counted in ${u.asset}, the cap is in ${asset}`);
        else if (u.sum > limit) v.fail(`${key} (${u.category}) bought ${showAtto(u.sum)} ${asset} against a cap of ${cap}`);
      }
      return v.verdict();
    },
  };
}
