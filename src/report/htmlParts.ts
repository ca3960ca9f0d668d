// The small pieces every section of report.html is built from: escaping, headline cards, verdicts
// against a target, status colours, a chart's frame and a table. One place, so the sections
// (htmlPayments.ts, htmlChannels.ts, htmlReceipts.ts, htmlOrders.ts, htmlClearing.ts) look alike.

import { Dec, fixed, unsignedZero } from '../money/index.js';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One colour per final status, the same in every chart and in the headline. */
export const STATUS_COLORS = { settled: '#2a9d6f', refunded: '#e69f00', rejected: '#8d96a3', frozen: '#b5519b' } as const;

/** A part of a sum as a percentage of the whole, to four decimals, or null when the whole is zero. */
export function shareOf(part: string, whole: string): string | null {
  const w = new Dec(whole);
  return w.isZero() ? null : fixed(new Dec(part).div(w).mul(100), 4);
}

/** A percentage already computed (report.json's numbers), to three places, or n/a. */
export const pct3 = (x: number | null) => (x === null ? 'n/a' : `${unsignedZero(x.toFixed(3))}%`);

export function card(k: string, v: string, s: string): string {
  return `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="s">${s}</div></div>`;
}

/** A row of headline cards under a label naming the kind of flow they are about. */
export function cardGroup(label: string, cards: readonly string[]): string {
  return `<p class="group">${escapeHtml(label)}</p>\n<section class="cards" aria-label="${escapeHtml(label)}: headline figures">\n${cards.join('\n')}\n</section>`;
}

export function verdict(met: boolean | null, yes: string, no: string): string {
  if (met === null) return 'n/a';
  return met ? `<span class="ok">${yes}</span>` : `<span class="miss">${no}</span>`;
}

export function statusDot(status: keyof typeof STATUS_COLORS): string {
  return `<span class="dot" style="background:${STATUS_COLORS[status]}"></span>`;
}

/** A chart's canvas in its frame, with what it shows for screen readers and its caption. */
export function chartFigure(id: string, height: 'h160' | 'h240' | 'h320' | 'h360' | 'h420', aria: string, caption: string): string {
  return `<figure>
<div class="chart ${height}"><canvas id="${id}" role="img" aria-label="${escapeHtml(aria)}"></canvas></div>
<figcaption>${caption}</figcaption>
</figure>`;
}

/** A table; cells are HTML already; a head cell starting with '#' is a number column (right-aligned). */
export function htmlTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const num = head.map((h) => h.startsWith('#'));
  const th = head.map((h, i) => `<th${num[i] ? ' class="n"' : ''}>${num[i] ? h.slice(1) : h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${num[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Reasons and their counts, as a table under `what`; nothing when there are none. */
export function reasonTable(what: string, unit: string, byReason: Readonly<Record<string, number>>): string {
  const rows = Object.entries(byReason);
  if (rows.length === 0) return '';
  return htmlTable([what, `#${unit}`], rows.map(([reason, n]) => [`<code>${escapeHtml(reason)}</code>`, n]));
}
