// What the report needs from the journal that no outcome carries, counted as entries stream:
// each miner's block rewards (value entering the rail from outside it) and the central-bank
// credit each member bank drew in each clearing cycle. run.json and cycles.jsonl record them, so
// the report still reads records only.

import { formatAmount, type Amount } from '../money/index.js';
import type { JournalEntry } from '../ledger/index.js';
import type { RunRecord } from '../records/index.js';

/** "custody:miner-irkutsk" -> "miner-irkutsk": the party an account belongs to. */
const ownerOf = (account: string) => account.slice(account.indexOf(':') + 1);

export class EntryTally {
  private readonly rewards = new Map<string, { count: number; total: Amount }>();
  /** Credit drawn per cycle (the entry's flow is the cycle's id), then per member. */
  private readonly credit = new Map<string, Map<string, Amount>>();

  entry(e: JournalEntry): void {
    if (e.kind !== 'mining.reward' && e.kind !== 'clearing.credit') return;
    for (const p of e.postings) {
      // The credited side: the miner's custody, the member's central-bank account.
      if (p.amount.minor <= 0n) continue;
      const owner = ownerOf(p.account);
      if (e.kind === 'mining.reward') {
        const r = this.rewards.get(owner);
        this.rewards.set(owner, r ? { count: r.count + 1, total: { asset: r.total.asset, minor: r.total.minor + p.amount.minor } } : { count: 1, total: p.amount });
      } else {
        let byMember = this.credit.get(e.flow);
        if (!byMember) this.credit.set(e.flow, (byMember = new Map<string, Amount>()));
        const c = byMember.get(owner);
        byMember.set(owner, c ? { asset: c.asset, minor: c.minor + p.amount.minor } : p.amount);
      }
    }
  }

  /** The credit each member drew in `cycle`, as cycles.jsonl writes it; forgotten once asked. */
  creditOf(cycle: string): Record<string, string> {
    const byMember = this.credit.get(cycle);
    this.credit.delete(cycle);
    return Object.fromEntries([...(byMember ?? new Map<string, Amount>())].map(([m, a]) => [m, formatAmount(a)]));
  }

  /** Each miner's rewards, sorted by miner, as run.json writes them; null when nobody mined. */
  mining(): RunRecord['mining'] {
    if (this.rewards.size === 0) return null;
    return Object.fromEntries([...this.rewards].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, r]) => [m, { rewards: r.count, total: formatAmount(r.total) }]));
  }
}
