// runs.parquet written as the runs arrive, a row group at a time, so a sweep holds at most one
// row group's rows (1,000 for the first group, then 10,000) however many runs it makes. Columns:
// point, every --set parameter, seed, every headline figure, the invariants. The file is written
// under a temporary name and renamed into place when finished: never half-written.

import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { parse as parseYaml } from 'yaml';
import { HEADLINE } from '../report/headline.js';
import type { EnsembleRow, SweepPlanInfo } from '../report/ensemble.js';

/** A Parquet schema element, as the writer's own hyparquet version spells it. */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/**
 * Rows per row group: the writer's own default for the first group (so a sweep of up to 11,000
 * runs writes the bytes a one-shot write of the same rows would), then 10,000 rather than its
 * 100,000, to bound what is held before it is written.
 */
const FIRST_GROUP = 1000;
const GROUP = 10_000;

/** A column: its schema element and how a row gives its value. */
interface Column {
  readonly element: SchemaElement;
  readonly value: (r: EnsembleRow) => unknown;
}

const required = (name: string, type: SchemaElement['type'], value: Column['value'], extra: Partial<SchemaElement> = {}): Column => ({
  element: { name, type, repetition_type: 'REQUIRED', ...extra },
  value,
});

/** A parameter column's type: numbers and booleans as themselves, anything else as text. */
function parameterColumn(path: string, texts: readonly string[], points: readonly Record<string, string>[]): Column {
  const parsed = new Map(texts.map((t) => [t, parseYaml(t) as unknown]));
  const of = (r: EnsembleRow) => parsed.get(points[r.point]![path]!);
  const values = [...parsed.values()];
  if (values.every((v) => typeof v === 'number')) return required(path, 'DOUBLE', of);
  if (values.every((v) => typeof v === 'boolean')) return required(path, 'BOOLEAN', of);
  // A quoted scalar ('"0.04"') is stored as the string it means, anything else as typed.
  return required(path, 'BYTE_ARRAY', (r) => { const v = of(r); return typeof v === 'string' ? v : points[r.point]![path]!; }, { converted_type: 'UTF8' });
}

/** Every column of runs.parquet: RUB as DECIMAL(18,2) from exact kopecks, counts as INT32, shares and seconds as DOUBLE. */
function columnsOf(plan: SweepPlanInfo, points: readonly Record<string, string>[]): Column[] {
  const columns: Column[] = [required('point', 'INT32', (r) => r.point)];
  for (const p of plan.parameters) columns.push(parameterColumn(p.path, p.values, points));
  columns.push(required('seed', 'INT64', (r) => BigInt(r.seed)));
  for (const f of HEADLINE) {
    const raw = (r: EnsembleRow) => r.figures?.[f.key] ?? null;
    const element = (type: SchemaElement['type'], extra: Partial<SchemaElement> = {}): SchemaElement => ({ name: f.key, type, repetition_type: 'OPTIONAL', ...extra });
    if (f.kind === 'rub') {
      const kopecks = (r: EnsembleRow) => { const v = raw(r); return v === null ? null : BigInt(new Decimal(v).mul(100).toFixed(0)); };
      columns.push({ element: element('INT64', { converted_type: 'DECIMAL', scale: 2, precision: 18 }), value: kopecks });
    } else columns.push({ element: element(f.kind === 'count' ? 'INT32' : 'DOUBLE'), value: raw });
  }
  columns.push(required('invariants_ok', 'BOOLEAN', (r) => r.broken.length === 0));
  columns.push({
    element: { name: 'broken_invariants', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    value: (r) => (r.broken.length === 0 ? null : r.broken.map((b) => b.name).join(',')),
  });
  return columns;
}

/** runs.parquet, fed rows in (point, seed) order; `finish` puts it in place, `abort` removes it. */
export class RunsParquet {
  private readonly columns: Column[];
  private readonly tmp: string;
  private readonly writer: ParquetWriter;
  private buffered: unknown[][];
  private groups = 0;

  constructor(private readonly dir: string, plan: SweepPlanInfo, points: readonly Record<string, string>[]) {
    this.columns = columnsOf(plan, points);
    this.tmp = join(dir, `.runs.parquet.tmp-${process.pid}`);
    const schema: SchemaElement[] = [{ name: 'root', num_children: this.columns.length }, ...this.columns.map((c) => c.element)];
    this.writer = new ParquetWriter({ writer: fileWriter(this.tmp), schema });
    this.buffered = this.columns.map(() => []);
  }

  add(row: EnsembleRow): void {
    this.columns.forEach((c, i) => this.buffered[i]!.push(c.value(row)));
    if (this.buffered[0]!.length >= (this.groups === 0 ? FIRST_GROUP : GROUP)) this.flush();
  }

  private flush(): void {
    if (this.buffered[0]!.length === 0) return;
    const columnData: ColumnSource[] = this.columns.map((c, i) => ({ name: c.element.name, data: this.buffered[i]! }));
    // One write per group: the writer splits a write into groups of its own default sizes.
    void this.writer.write({ columnData, rowGroupSize: this.buffered[0]!.length });
    this.groups += 1;
    this.buffered = this.columns.map(() => []);
  }

  finish(): void {
    this.flush();
    void this.writer.finish();
    renameSync(this.tmp, join(this.dir, 'runs.parquet'));
  }

  abort(): void {
    rmSync(this.tmp, { force: true });
  }
}
