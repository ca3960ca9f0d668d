// Two settings side by side on the same scenario and seed (the counterfactual): the setting
// pinned as A, the one running now as B, which assumptions differ, and each figure's difference.
// Money differences are exact: kopecks as bigint, never floats.

import type { Report } from '../../src/report/report.js';
import type { Controls } from '../worker/messages.js';
import { h, table } from './dom.js';
import { STATUSES } from './figures.js';

export interface Pinned {
  readonly scenario: string;
  readonly controls: Controls;
  readonly report: Report;
}

const LABELS: Record<keyof Controls, string> = {
  regime: 'regime preset',
  settlement: 'settlement',
  halt: 'chain halt',
  haltMinutes: 'halt length (min)',
  depegPercent: 'depeg (%)',
  spreadBps: 'exchange spread (bps)',
  npcsFeeBps: 'NPCS fee (bps)',
  chainFee: 'chain fee',
};

/** Which assumptions differ between A and B, in words. */
export function controlDifferences(a: Controls, b: Controls): string[] {
  const shown = (v: unknown) => (v === '' ? 'as in the file' : String(v));
  return (Object.keys(LABELS) as (keyof Controls)[]).filter((k) => String(a[k]) !== String(b[k])).map((k) => `${LABELS[k]}: ${shown(a[k])} (A) → ${shown(b[k])} (B)`);
}

/** `b - a` for decimal strings with the same number of decimals (RUB amounts), exactly. */
function moneyDiff(a: string, b: string): string {
  const minor = (s: string) => BigInt(s.replace('.', ''));
  const scale = (a.split('.')[1] ?? '').length;
  const d = minor(b) - minor(a);
  const abs = (d < 0n ? -d : d).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${abs.slice(0, -scale)}.${abs.slice(-scale)}` : abs;
  return `${d < 0n ? '-' : d > 0n ? '+' : ''}${text}`;
}

function numDiff(a: number | null, b: number | null, digits: number): string {
  if (a === null || b === null) return 'n/a';
  const t = (b - a).toFixed(digits);
  const n = Number(t);
  return n > 0 ? `+${t}` : n === 0 ? (0).toFixed(digits) : t;
}

export function drawComparison(box: HTMLElement, a: Pinned | undefined, b: { scenario: string; controls: Controls; report: Report } | undefined): void {
  if (!a || !b) {
    box.replaceChildren(h('p', {}, 'Nothing pinned yet.'));
    return;
  }
  if (a.scenario !== b.scenario) {
    box.replaceChildren(h('p', {}, `A is ${a.scenario}; now ${b.scenario} runs. Pin again to compare settings of this scenario.`));
    return;
  }
  const ra = a.report;
  const rb = b.report;
  const minutes = (s: number | null) => (s === null ? null : s / 60);
  const percent = (x: number | null) => (x === null ? null : x * 100);
  const num = (label: string, x: number | null, y: number | null, digits: number) => [label, x === null ? 'n/a' : x.toFixed(digits), y === null ? 'n/a' : y.toFixed(digits), numDiff(x, y, digits)];
  const rows = [
    num('payments', ra.payments.total, rb.payments.total, 0),
    ...STATUSES.map((s) => num(s, ra.payments.byStatus[s] ?? 0, rb.payments.byStatus[s] ?? 0, 0)),
    num('median time to final (min)', minutes(ra.timeToFinalSeconds.all.p50), minutes(rb.timeToFinalSeconds.all.p50), 1),
    num('p95 time to final (min)', minutes(ra.timeToFinalSeconds.all.p95), minutes(rb.timeToFinalSeconds.all.p95), 1),
    num('final within one hour (%)', percent(ra.withinOneHour.finalShare), percent(rb.withinOneHour.finalShare), 1),
    num('cost of settled payments (%)', ra.costRub.percentOfPrincipal, rb.costRub.percentOfPrincipal, 4),
    ['cost of settled payments (RUB)', ra.costRub.total, rb.costRub.total, moneyDiff(ra.costRub.total, rb.costRub.total)],
    ['lost on refunds (RUB)', ra.lossesRub.refunded.loss, rb.lossesRub.refunded.loss, moneyDiff(ra.lossesRub.refunded.loss, rb.lossesRub.refunded.loss)],
    ['frozen (RUB)', ra.lossesRub.frozen.frozenValue, rb.lossesRub.frozen.frozenValue, moneyDiff(ra.lossesRub.frozen.frozenValue, rb.lossesRub.frozen.frozenValue)],
  ];
  const differs = controlDifferences(a.controls, b.controls);
  const t = table(['figure', 'A (pinned)', 'B (now)', 'B − A'], rows);
  t.id = 'comparison-table';
  box.replaceChildren(
    h('p', {}, `${ra.scenario.name}, seed ${ra.scenario.seed} in both.`),
    differs.length === 0 ? h('p', {}, 'The two settings are the same.') : h('ul', { class: 'differences' }, ...differs.map((d) => h('li', {}, d))),
    t,
  );
}
