// An ensemble of runs (a sweep over seeds and a parameter grid) as plain data (ensemble.json): per
// grid point, the mean, p5, p50, p95 and a 95% confidence interval of the mean across seeds of
// the figures that judge the pilot, and, for two or more points, the same of the paired
// differences against the first point, seed by seed. Arithmetic is exact decimal on rows sorted
// by (point, seed), so the bytes depend on the runs alone, never on the order they finished in.

import { Decimal } from 'decimal.js';
import { HEADLINE, type FigureKind, type Headline } from './headline.js';
import { G20 } from './yardsticks.js';

/** Wide enough that sums of thousands of kopeck amounts and their squares stay exact. */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
type D = InstanceType<typeof D>;

/** The figures an ensemble summarises: time, cost, losses, settlement risk, outcomes. */
export const ENSEMBLE_KEYS = ['credited_within_1h_share', 'cost_percent', 'cost_rub', 'losses_rub', 'settlement_risk_rub_hours', 'settled', 'refunded', 'rejected', 'frozen'] as const;
export type EnsembleKey = (typeof ENSEMBLE_KEYS)[number];

/** Decimals each kind is written with: counts' means to 3, shares to 6, percentages to 4, RUB to 2. */
const PLACES: Record<FigureKind, number> = { count: 3, seconds: 3, share: 6, percent: 4, rub: 2 };

export const kindOf = (key: string): FigureKind => HEADLINE.find((f) => f.key === key)!.kind;
export const labelOf = (key: string): string => HEADLINE.find((f) => f.key === key)!.label;

/** The G20 target a figure is judged against, where there is one (charts draw it). */
export const TARGETS: Partial<Record<EnsembleKey, { value: number; label: string }>> = {
  credited_within_1h_share: { value: G20.withinOneHourShare, label: `G20: ${G20.withinOneHourShare * 100}% within 1 h` },
  cost_percent: { value: G20.retailCostShare * 100, label: `G20: cost <= ${G20.retailCostShare * 100}%` },
};

/** One sweep run as the ensemble sees it. */
export interface EnsembleRow {
  readonly point: number;
  readonly seed: number;
  readonly figures: Headline | null;
  readonly broken: readonly { name: string; detail: string }[];
}

export interface Stats {
  /** Runs with a value (a share is null in a run without payments). */
  readonly n: number;
  readonly mean: string | null;
  readonly p5: string | null;
  readonly p50: string | null;
  readonly p95: string | null;
  /** 95% confidence interval of the mean (normal approximation, sample standard deviation); null under 2 runs. */
  readonly ci95: readonly [string, string] | null;
}

export interface SweepPlanInfo {
  readonly scenario: string;
  readonly file: string;
  readonly scenarioSha256: string;
  /** The seeds, consecutive ones as ranges (`1..1000`, `3,7,11`), and how many. */
  readonly seeds: string;
  readonly seedCount: number;
  readonly parameters: readonly { path: string; values: readonly string[] }[];
}

export interface Ensemble {
  readonly scenario: { name: string; file: string; sha256: string };
  readonly seeds: { count: number; spec: string };
  readonly parameters: SweepPlanInfo['parameters'];
  readonly runs: number;
  readonly figures: Record<EnsembleKey, { kind: FigureKind; label: string; target: number | null }>;
  readonly points: readonly { point: number; parameters: Record<string, string>; runs: number; brokenRuns: number; stats: Record<EnsembleKey, Stats> }[];
  /** Point minus point 0, on the seeds both ran to a value; empty with one point. */
  readonly pairedDifferences: readonly { point: number; against: number; stats: Record<EnsembleKey, Stats> }[];
  readonly broken: readonly { point: number; seed: number; parameters: Record<string, string>; invariant: string; detail: string }[];
  readonly yardsticks: { source: string };
}

/** Nearest-rank percentile of ascending values. */
const rank = (sorted: readonly D[], p: number): D => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function stats(values: readonly D[], places: number): Stats {
  const n = values.length;
  if (n === 0) return { n, mean: null, p5: null, p50: null, p95: null, ci95: null };
  const text = (d: D) => {
    const t = d.toFixed(places, Decimal.ROUND_HALF_EVEN);
    return /^-0(\.0*)?$/.test(t) ? t.slice(1) : t;
  };
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mean = sorted.reduce((a, v) => a.plus(v), new D(0)).div(n);
  let ci95: Stats['ci95'] = null;
  if (n >= 2) {
    const variance = sorted.reduce((a, v) => a.plus(v.minus(mean).pow(2)), new D(0)).div(n - 1);
    const half = variance.sqrt().div(new D(n).sqrt()).mul('1.959963984540054');
    ci95 = [text(mean.minus(half)), text(mean.plus(half))];
  }
  return { n, mean: text(mean), p5: text(rank(sorted, 5)), p50: text(rank(sorted, 50)), p95: text(rank(sorted, 95)), ci95 };
}

type Value = Headline[string] | undefined;
const decimal = (v: Value): D | null => (v === null || v === undefined ? null : new D(v));

const statsOf = (pick: (key: EnsembleKey) => D[]) =>
  Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, stats(pick(k), PLACES[kindOf(k)])])) as Record<EnsembleKey, Stats>;

/** One grid point's runs as the statistics need them: seeds in order and each summarised figure's values. */
interface PointColumns {
  readonly point: number;
  readonly seeds: number[];
  readonly values: Record<EnsembleKey, Value[]>;
  brokenRuns: number;
}

const emptyColumns = (point: number): PointColumns => ({
  point,
  seeds: [],
  values: Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, []])) as unknown as Record<EnsembleKey, Value[]>,
  brokenRuns: 0,
});

/**
 * An ensemble built from rows given one at a time in (point, seed) order, so a sweep holds one
 * grid point's figures (and point 0's, which every paired difference is taken against), never
 * every run's: exact nearest-rank percentiles need a point's values, nothing needs more.
 */
export class EnsembleBuilder {
  private readonly done: Ensemble['points'][number][] = [];
  private readonly paired: Ensemble['pairedDifferences'][number][] = [];
  private readonly broken: Ensemble['broken'][number][] = [];
  private base: PointColumns | undefined;
  private current: PointColumns;
  private runs = 0;
  private lastSeed = -1;

  constructor(
    private readonly plan: SweepPlanInfo,
    private readonly points: readonly Record<string, string>[],
  ) {
    this.current = emptyColumns(0);
  }

  add(row: EnsembleRow): void {
    if (row.point < this.current.point || (row.point === this.current.point && row.seed <= this.lastSeed) || row.point >= this.points.length) {
      throw new Error(`ensemble: run of point ${row.point}, seed ${row.seed} out of (point, seed) order or outside the grid`);
    }
    while (this.current.point < row.point) this.close();
    this.lastSeed = row.seed;
    this.runs += 1;
    const c = this.current;
    c.seeds.push(row.seed);
    for (const k of ENSEMBLE_KEYS) c.values[k].push(row.figures?.[k]);
    if (row.broken.length > 0) c.brokenRuns += 1;
    const parameters = this.points[row.point]!;
    for (const b of row.broken) this.broken.push({ point: row.point, seed: row.seed, parameters, invariant: b.name, detail: b.detail });
  }

  /** Summarises the current point, keeps it if it is point 0, and moves on to the next. */
  private close(): void {
    const c = this.current;
    const values = (k: EnsembleKey) => c.values[k].map(decimal).filter((v): v is D => v !== null);
    this.done.push({ point: c.point, parameters: this.points[c.point]!, runs: c.seeds.length, brokenRuns: c.brokenRuns, stats: statsOf(values) });
    if (c.point === 0) this.base = c;
    else this.paired.push({ point: c.point, against: 0, stats: statsOf((k) => this.differences(c, k)) });
    this.current = emptyColumns(c.point + 1);
    this.lastSeed = -1;
  }

  /** Point minus point 0 on the seeds both ran to a value, in seed order (both lists ascend). */
  private differences(c: PointColumns, k: EnsembleKey): D[] {
    const base = this.base!;
    const out: D[] = [];
    for (let i = 0, j = 0; i < c.seeds.length; i++) {
      while (j < base.seeds.length && base.seeds[j]! < c.seeds[i]!) j++;
      if (base.seeds[j] !== c.seeds[i]) continue;
      const [a, b] = [decimal(c.values[k][i]), decimal(base.values[k][j])];
      if (a !== null && b !== null) out.push(a.minus(b));
    }
    return out;
  }

  finish(): Ensemble {
    while (this.current.point < this.points.length) this.close();
    const plan = this.plan;
    return {
      scenario: { name: plan.scenario, file: plan.file, sha256: plan.scenarioSha256 },
      seeds: { count: plan.seedCount, spec: plan.seeds },
      parameters: plan.parameters,
      runs: this.runs,
      figures: Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, { kind: kindOf(k), label: labelOf(k), target: TARGETS[k]?.value ?? null }])) as Ensemble['figures'],
      points: this.done,
      pairedDifferences: this.paired,
      broken: this.broken,
      yardsticks: { source: G20.source },
    };
  }
}

export const byPointThenSeed = (a: EnsembleRow, b: EnsembleRow) => a.point - b.point || a.seed - b.seed;

/** The ensemble of `rows` in any order; `points` names each point's values. */
export function buildEnsemble(plan: SweepPlanInfo, points: readonly Record<string, string>[], rows: readonly EnsembleRow[]): Ensemble {
  const builder = new EnsembleBuilder(plan, points);
  for (const r of [...rows].sort(byPointThenSeed)) builder.add(r);
  return builder.finish();
}

export function ensembleJson(e: Ensemble): string {
  return JSON.stringify(e, null, 2) + '\n';
}
