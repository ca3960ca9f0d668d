// `railpilot compare <runA> <runB>`: two run folders side by side (one scenario under two
// settings, or two seeds): what each ran, the headline figures of each report.json (the set
// src/report/headline.ts defines, then each channel's own when there are several) with B's
// difference from A, exact for money, and which flows both ran ended differently. Comparing is its
// whole job, so it exits 0 however much differs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dec } from '../money/index.js';
import { HEADLINE, type FigureValue, type HeadlineFigure } from '../report/headline.js';
import type { Report } from '../report/index.js';
import { BadInput } from './errors.js';
import { runFolder } from './readRunFolder.js';
import { compareFlows, type Ending, type FlowComparison } from './compareFlows.js';
import { channelFigures } from './compareChannels.js';
import { identityDifference, readIdentity, showSetting, type RunIdentity, type SettingDifference } from './runIdentity.js';

/** What `compare` reads of each run folder. */
const INPUTS = ['manifest.json', 'scenario.json', 'report.json', 'outcomes.jsonl'] as const;

export interface FigureRow {
  readonly key: string;
  readonly label: string;
  readonly kind: HeadlineFigure['kind'];
  readonly a: FigureValue;
  readonly b: FigureValue;
  /** B minus A, exact (a decimal string for money); null when either run has no figure. */
  readonly difference: FigureValue;
}

export interface Comparison {
  readonly a: { readonly folder: string; readonly scenario: string; readonly seed: number };
  readonly b: { readonly folder: string; readonly scenario: string; readonly seed: number };
  readonly sameScenario: boolean;
  readonly sameSeed: boolean;
  readonly settings: readonly SettingDifference[];
  readonly figures: readonly FigureRow[];
  readonly flows: FlowComparison;
}

function readReport(folder: string): Report {
  const path = join(folder, 'report.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Report;
  } catch (e) {
    throw new BadInput(`${path}: not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
}

/** A figure of a report, checked to be what its kind says, else bad input naming the file and figure. */
function figureOf(f: HeadlineFigure, report: Report, path: string): FigureValue {
  let v: FigureValue | undefined;
  try {
    v = f.of(report);
  } catch {
    v = undefined;
  }
  const ok = f.kind === 'rub' ? typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) : v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!ok) throw new BadInput(`${path}: ${f.key} (${f.label}): expected ${f.kind === 'rub' ? 'a decimal string of RUB' : 'a number or null'}, got ${JSON.stringify(v) ?? 'nothing'}; expected the report railpilot run writes`);
  return v!;
}

/** B minus A in decimal arithmetic, so 0.992 - 0.637 is 0.355 and money stays to the kopeck. */
function difference(kind: HeadlineFigure['kind'], a: FigureValue, b: FigureValue): FigureValue {
  if (a === null || b === null) return null;
  const d = new Dec(b).minus(new Dec(a));
  return kind === 'rub' ? d.toFixed(2) : d.toNumber();
}

export async function compareRuns(folderA: string, folderB: string, limit: number): Promise<Comparison> {
  runFolder(folderA, INPUTS);
  runFolder(folderB, INPUTS);
  const ia: RunIdentity = readIdentity(folderA);
  const ib: RunIdentity = readIdentity(folderB);
  const id = identityDifference(ia, ib);
  const ra = readReport(folderA);
  const rb = readReport(folderB);
  const figures = [...HEADLINE, ...channelFigures(ra, rb)].map((f): FigureRow => {
    const a = figureOf(f, ra, join(folderA, 'report.json'));
    const b = figureOf(f, rb, join(folderB, 'report.json'));
    return { key: f.key, label: f.label, kind: f.kind, a, b, difference: difference(f.kind, a, b) };
  });
  const flows = await compareFlows(join(folderA, 'outcomes.jsonl'), join(folderB, 'outcomes.jsonl'), limit);
  return {
    a: { folder: folderA, scenario: ia.name, seed: ia.seed },
    b: { folder: folderB, scenario: ib.name, seed: ib.seed },
    sameScenario: !id.scenario,
    sameSeed: !id.seeds,
    settings: id.settings,
    figures,
    flows,
  };
}

const show = (v: FigureValue): string => (v === null ? 'n/a' : String(v));
const signed = (v: FigureValue): string => (v === null ? 'n/a' : /^-/.test(String(v)) ? String(v) : v === 0 || /^0(\.0+)?$/.test(String(v)) ? '0' : `+${v}`);
const ending = (e: Ending): string => (e.reason === null ? e.status : `${e.status} (${e.reason})`);

/** The comparison for people: what each ran, a table of figures, then the flows that ended differently. */
export function formatComparison(c: Comparison): string {
  const out: string[] = [
    `A: ${c.a.folder} (${c.a.scenario}, seed ${c.a.seed})`,
    `B: ${c.b.folder} (${c.b.scenario}, seed ${c.b.seed})`,
  ];
  if (c.a.scenario !== c.b.scenario) out.push('different scenarios');
  else if (c.settings.length > 0) out.push(`settings that differ: ${c.settings.map((s) => `${s.path} ${showSetting(s.a)} -> ${showSetting(s.b)}`).join(', ')}`);
  else if (!c.sameScenario) out.push('the same scenario name, a different scenario (no scenario.json to say where)');
  out.push(c.sameSeed ? 'the same seed' : 'different seeds', '');
  const rows = [['figure', 'A', 'B', 'B - A'], ...c.figures.map((f) => [f.label, show(f.a), show(f.b), signed(f.difference)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) out.push(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
  const f = c.flows;
  out.push('', `flows in both runs: ${f.shared}; ended differently: ${f.changedCount}; only in A: ${f.onlyInA}; only in B: ${f.onlyInB}`);
  for (const x of f.changed) out.push(`  ${x.flow} ${x.id}: A ${ending(x.a)}, B ${ending(x.b)}`);
  if (f.changedCount > f.changed.length) out.push(`  ... and ${f.changedCount - f.changed.length} more (--limit shows more)`);
  return out.join('\n');
}

/** --limit: how many differently-ended flows to list. */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 1e9) throw new BadInput(`--limit: expected a whole number of flows to list, got ${JSON.stringify(value)}`);
  return Number(value);
}
