// The headline figures and the two charts, each drawn with the previous run beside it as a grey
// "before" ghost, so a change of assumption shows as a difference. Money stays decimal text;
// only bar lengths are floats.

import type { Report } from '../../src/report/report.js';
import { h } from './dom.js';

export const STATUSES = ['settled', 'refunded', 'rejected', 'frozen'] as const;

interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: (r: Report) => string;
}

const minutes = (s: number | null) => (s === null ? 'n/a' : `${(s / 60).toFixed(1)} min`);
const share = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const rub = (s: string) => `${s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009')} RUB`;

const FIGURES: readonly Figure[] = [
  { key: 'payments', label: 'payments', value: (r) => String(r.payments.total) },
  ...STATUSES.map((s) => ({ key: s, label: s, value: (r: Report) => String(r.payments.byStatus[s] ?? 0) })),
  { key: 'p50', label: 'median time to final', value: (r) => minutes(r.timeToFinalSeconds.all.p50) },
  { key: 'p95', label: '95th percentile time to final', value: (r) => minutes(r.timeToFinalSeconds.all.p95) },
  { key: 'within1h', label: 'final within one hour (G20 target 75%)', value: (r) => share(r.withinOneHour.finalShare) },
  { key: 'cost', label: 'cost of settled payments (G20 target 1%)', value: (r) => (r.costRub.percentOfPrincipal === null ? 'n/a' : `${r.costRub.percentOfPrincipal}%`) },
  { key: 'refundLoss', label: 'lost on refunds', value: (r) => rub(r.lossesRub.refunded.loss) },
  { key: 'frozenValue', label: 'frozen by sanctions', value: (r) => rub(r.lossesRub.frozen.frozenValue) },
];

/** The figures of `now`, each with its value `before` when there was a previous run. */
export function drawFigures(box: HTMLElement, now: Report, before: Report | undefined): void {
  box.replaceChildren(
    ...FIGURES.map((f) => {
      const value = f.value(now);
      const old = before ? f.value(before) : undefined;
      const changed = old !== undefined && old !== value;
      return h(
        'div',
        { class: `figure${changed ? ' changed' : ''}` },
        h('div', { class: `label ${f.key}` }, f.label),
        h('div', { class: 'value', 'data-figure': f.key }, value),
        old !== undefined ? h('div', { class: 'before', 'data-before': f.key }, `before: ${old}`) : null,
      );
    }),
  );
}

/** Horizontal bars: each row's value now, and under it a thin grey bar for before. */
function bars(rows: readonly { label: string; now: number; before?: number; text: string; color: string }[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1e-9, ...rows.flatMap((r) => [r.now, r.before ?? 0]));
  const width = 420;
  const left = 110;
  const rowHeight = 30;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(left + width + 150));
  svg.setAttribute('height', String(rows.length * rowHeight + 4));
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    svg.append(el);
  };
  rows.forEach((r, i) => {
    const y = i * rowHeight + 2;
    add('text', { x: 0, y: y + 13, 'font-size': 12 }, r.label);
    add('rect', { x: left, y, width: Math.max(1, (r.now / max) * width), height: 16, fill: r.color });
    add('text', { x: left + (r.now / max) * width + 6, y: y + 13, 'font-size': 12 }, r.text);
    if (r.before !== undefined) add('rect', { x: left, y: y + 19, width: Math.max(1, (r.before / max) * width), height: 6, fill: '#bbbbbb', 'data-ghost': r.label });
  });
  return svg;
}

const COLORS: Record<string, string> = { settled: '#2a9d6f', refunded: '#e69f00', rejected: '#8d96a3', frozen: '#b5519b' };

export function drawCharts(statusBox: HTMLElement, costBox: HTMLElement, now: Report, before: Report | undefined): void {
  statusBox.replaceChildren(
    bars(STATUSES.map((s) => ({ label: s, now: (now.payments.byStatus[s] ?? 0), ...(before ? { before: (before.payments.byStatus[s] ?? 0) } : {}), text: String((now.payments.byStatus[s] ?? 0)), color: COLORS[s]! }))),
  );
  const parts = Object.entries(now.costRub.parts) as [keyof Report['costRub']['parts'], string][];
  costBox.replaceChildren(
    bars(parts.map(([k, v]) => ({ label: k, now: Number(v), ...(before ? { before: Number(before.costRub.parts[k]) } : {}), text: rub(v), color: '#0b5cad' }))),
  );
}
