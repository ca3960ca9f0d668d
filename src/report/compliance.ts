// What compliance saw over a run, from the lines of outcomes.jsonl alone: operations flagged for
// AML mandatory control and sanctions hits, over every kind of flow (payments out, receipts from
// abroad, correspondent payments, retail and miner orders).

import { Dec, defineAsset, formatMinor, parseMinor, type Asset, type Dec as Decimal } from '../money/index.js';
import { withinFortyDigits } from '../money/exactCost.js';
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
  /**
   * The flagged RUB in minor units while every amount read exactly at the scale (each line of a
   * run's does, and is compared and summed without a decimal); else, from then on, in decimals.
   */
  private amlMinor: bigint | undefined = 0n;
  private amlTotal = new Dec(0);
  private readonly amlByFlow = new Map<string, number>();
  private readonly hits: SanctionsCounts = { blocked: 0, frozen: 0 };
  private readonly hitsByFlow = new Map<string, SanctionsCounts>();
  private readonly threshold: Decimal;
  private readonly code: string;
  private readonly asset: Asset;
  private readonly thresholdMinor: bigint | undefined;

  /**
   * @param threshold the AML threshold as a line of outcomes.jsonl writes amounts ("1000000.00 RUB"):
   * an operation whose RUB is at least this is flagged (Law 115-FZ's mandatory control).
   */
  constructor(threshold: string, private readonly scale: number) {
    const [units, code] = threshold.split(' ');
    this.threshold = new Dec(units!);
    this.code = code!;
    this.asset = defineAsset(this.code, scale);
    const minor = parseMinor(units!, this.asset);
    this.thresholdMinor = typeof minor === 'bigint' ? minor : undefined;
    if (this.thresholdMinor === undefined) this.amlMinor = undefined;
  }

  /** One line of outcomes.jsonl: its RUB (taken from a payer, or credited to a seller or exporter) and its reason. */
  add(r: Pick<OutcomeRecord, 'flow' | 'rub' | 'reason'>): void {
    if (r.rub) {
      const [units, code] = r.rub.split(' ');
      if (code === this.code && this.flags(units!)) {
        this.amlCount++;
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

  /** Whether RUB `units` reach the threshold; if so, they are added to the flagged total. */
  private flags(units: string): boolean {
    const minor = this.amlMinor === undefined ? undefined : parseMinor(units, this.asset);
    if (typeof minor === 'bigint') {
      if (minor < this.thresholdMinor!) return false;
      const sum = this.amlMinor! + minor;
      if (withinFortyDigits(sum)) {
        this.amlMinor = sum;
        return true;
      }
    }
    const rub = new Dec(units);
    if (!rub.gte(this.threshold)) return false;
    // The decimal sum goes on from the exact one: the same value decimal.js would hold.
    if (this.amlMinor !== undefined) this.amlTotal = new Dec(`${this.amlMinor}e-${this.scale}`);
    this.amlMinor = undefined;
    this.amlTotal = this.amlTotal.plus(rub);
    return true;
  }

  section(): ComplianceSection {
    const total = this.amlMinor === undefined ? this.amlTotal.toFixed(this.scale) : formatMinor(this.amlMinor, this.scale);
    return {
      amlFlags: { count: this.amlCount, totalRub: total, byFlow: sorted(this.amlByFlow) },
      sanctions: { ...this.hits, byFlow: sorted(this.hitsByFlow) },
    };
  }
}
