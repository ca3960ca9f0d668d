// Caps: what investors bought in a year against the cap of their category.

import { amountOf, failOnce, showAtto, type Invariant } from './kit.js';
import type { RunFacts } from './records.js';

/** 8. Caps: no investor's purchases in a calendar year exceed the cap in force. */
export function capsRespected(facts: RunFacts): Invariant {
  const v = failOnce('caps');
  const used = new Map<string, { sum: bigint; asset: string; category: string }>();
  return {
    name: 'caps',
    promise: "no investor's purchases in a calendar year exceed the cap in force for their category",
    outcome(o) {
      if (o.capValue === null || o.category === null || o.capYear === null) return;
      v.count();
      const [value, asset] = amountOf(o.capValue);
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
