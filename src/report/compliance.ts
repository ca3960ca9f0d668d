// What compliance saw over a run, from the lines of outcomes.jsonl alone: operations flagged for
// AML mandatory control and sanctions hits, over every kind of flow (payments out, receipts from
// abroad, correspondent payments, retail and miner orders).

import { Dec, type Dec as Decimal } from '../money/index.js';
import type { OutcomeRecord } from '../records/index.js';

export interface SanctionsCounts {
  /** Stopped at screening, before any value moved. */
  blocked: number;
  /** Stopped in flight: the value sits in the frozen account. */
  frozen: number;
}

export interface ComplianceSection {
  readonly amlFlags: { count: number; totalRub: string; byFlow: Record<string, number> };
  readonly sanctions: SanctionsCounts & { byFlow: Record<string, SanctionsCounts> };
}

const sorted = <T>(m: ReadonlyMap<string, T>): Record<string, T> => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));

export class ComplianceTally {
  private amlCount = 0;
  private amlTotal = new Dec(0);
  private readonly amlByFlow = new Map<string, number>();
  private readonly hits: SanctionsCounts = { blocked: 0, frozen: 0 };
  private readonly hitsByFlow = new Map<string, SanctionsCounts>();
  private readonly threshold: Decimal;
  private readonly code: string;

  /**
   * @param threshold the AML threshold as a line of outcomes.jsonl writes amounts ("1000000.00 RUB"):
   * an operation whose RUB is at least this is flagged (Law 115-FZ's mandatory control).
   */
  constructor(threshold: string, private readonly scale: number) {
    const [units, code] = threshold.split(' ');
    this.threshold = new Dec(units!);
    this.code = code!;
  }

  /** One line of outcomes.jsonl: its RUB (taken from a payer, or credited to a seller or exporter) and its reason. */
  add(r: Pick<OutcomeRecord, 'flow' | 'rub' | 'reason'>): void {
    if (r.rub) {
      const [units, code] = r.rub.split(' ');
      const rub = new Dec(units!);
      if (code === this.code && rub.gte(this.threshold)) {
        this.amlCount++;
        this.amlTotal = this.amlTotal.plus(rub);
        this.amlByFlow.set(r.flow, (this.amlByFlow.get(r.flow) ?? 0) + 1);
      }
    }
    const kind = r.reason?.startsWith('sanctions.blocked:') ? 'blocked' : r.reason?.startsWith('sanctions.frozen:') ? 'frozen' : undefined;
    if (kind) {
      this.hits[kind]++;
      let c = this.hitsByFlow.get(r.flow);
      if (!c) this.hitsByFlow.set(r.flow, (c = { blocked: 0, frozen: 0 }));
      c[kind]++;
    }
  }

  section(): ComplianceSection {
    return {
      amlFlags: { count: this.amlCount, totalRub: this.amlTotal.toFixed(this.scale), byFlow: sorted(this.amlByFlow) },
      sanctions: { ...this.hits, byFlow: sorted(this.hitsByFlow) },
    };
  }
}
