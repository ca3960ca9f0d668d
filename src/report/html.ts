// The outcome report as one self-contained web page (report.html): headline figures against the
// G20 yardsticks, then charts of when payments were ordered and how they ended, where the payers'
// RUB went, how long payments took, and what settling cost, and the state diagram. Everything the
// page needs is inside it (the charting library is inlined from node_modules, the diagram is SVG
// drawn at report time), and a Content-Security-Policy forbids it to load anything, so it opens
// offline and cannot call out. Money stays decimal strings here; only the page turns amounts into
// floats, to size bars, and its tooltips show the exact strings.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Dec, fixed, unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { seconds } from './markdown.js';

interface InlineLibrary {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly code: string;
}

/** Chart.js and two plugins from its maintainers: the sankey chart type, and lines and boxes on a chart. */
const LIBRARIES = [
  { name: 'chart.js', file: 'chart.umd.min.js' },
  { name: 'chartjs-chart-sankey', file: 'chartjs-chart-sankey.min.js' },
  { name: 'chartjs-plugin-annotation', file: 'chartjs-plugin-annotation.min.js' },
] as const;

let libraries: InlineLibrary[] | undefined;

/**
 * The libraries' browser builds, read from node_modules once per process. Each package's main
 * entry is resolved (their `exports` do not all list the browser build or package.json) and the
 * build is its sibling in dist/.
 */
function inlineLibraries(): InlineLibrary[] {
  if (libraries) return libraries;
  const require = createRequire(import.meta.url);
  libraries = LIBRARIES.map(({ name, file }) => {
    const main = require.resolve(name);
    let pkg: { name?: string; version?: string; license?: string } = {};
    for (let up = dirname(main); up !== dirname(up); up = dirname(up)) {
      try {
        pkg = JSON.parse(readFileSync(join(up, 'package.json'), 'utf8')) as typeof pkg;
      } catch {
        continue;
      }
      if (pkg.name === name) break;
    }
    if (pkg.name !== name) throw new Error(`cannot find the package.json of ${name} above ${main}`);
    return { name, version: pkg.version ?? '?', license: pkg.license ?? '?', code: readFileSync(join(dirname(main), file), 'utf8') };
  });
  return libraries;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Script text that cannot end its <script> element early or open an HTML comment in it. */
const scriptSafe = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** JSON for a <script type="application/json"> element: `<` escaped, so no `</script>` inside. */
const jsonSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** "314899444.05" -> "314,899,444.05", on the string itself (no float in between). */
export function groupDigits(decimal: string): string {
  const [whole = '', frac] = decimal.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac === undefined ? '' : '.' + frac);
}

/** A part of a sum as a percentage of the whole, to four decimals, or null when the whole is zero. */
function share(part: string, whole: string): string | null {
  const w = new Dec(whole);
  return w.isZero() ? null : fixed(new Dec(part).div(w).mul(100), 4);
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** RUB at mid, exact decimal string. */
  readonly rub: string;
}

/** Node keys of the flow-of-funds chart, with the labels people read. */
export const FLOW_NODES: Readonly<Record<string, string>> = {
  payers: 'Paid by payers',
  settled: 'Settled payments',
  refunded: 'Refunded payments',
  frozen: 'Frozen payments',
  exchangeSpread: 'Exchange spread',
  chainFees: 'Chain fees',
  offrampSpread: 'Off-ramp spread',
  npcsFees: 'NPCS fees',
  beneficiaries: 'Delivered to beneficiaries',
  refunds: 'Refunded to payers',
  refundLoss: 'Lost on refunds',
  frozenCoin: 'Frozen (at mid)',
};

/** The flow of funds as edges payers -> outcome -> where the value ended; empty flows left out. */
export function flowEdges(r: Report): FlowEdge[] {
  const f = r.flowOfFundsRub;
  const edges: FlowEdge[] = [
    { from: 'payers', to: 'settled', rub: f.settled.paid },
    { from: 'payers', to: 'refunded', rub: f.refunded.paid },
    { from: 'payers', to: 'frozen', rub: f.frozen.paid },
    { from: 'settled', to: 'beneficiaries', rub: f.settled.deliveredToBeneficiaries },
    { from: 'settled', to: 'exchangeSpread', rub: f.settled.exchangeSpread },
    { from: 'settled', to: 'chainFees', rub: f.settled.chainFees },
    { from: 'settled', to: 'offrampSpread', rub: f.settled.offrampSpread },
    { from: 'settled', to: 'npcsFees', rub: f.settled.npcsFees },
    { from: 'refunded', to: 'refunds', rub: f.refunded.refundedToPayers },
    { from: 'refunded', to: 'refundLoss', rub: f.refunded.lostOnRefunds },
    { from: 'frozen', to: 'frozenCoin', rub: f.frozen.frozenAtMid },
    { from: 'frozen', to: 'exchangeSpread', rub: f.frozen.exchangeSpread },
    { from: 'frozen', to: 'chainFees', rub: f.frozen.chainFees },
    { from: 'frozen', to: 'npcsFees', rub: f.frozen.npcsFees },
  ];
  return edges.filter((e) => new Dec(e.rub).gt(0));
}

/** One colour per final status, the same in every chart and in the headline. */
export const STATUS_COLORS = { settled: '#2a9d6f', refunded: '#e69f00', rejected: '#8d96a3', frozen: '#b5519b' } as const;

/** Exact RUB into each node of the flow chart (the payers' node is what they paid). */
function nodeTotals(r: Report): Record<string, string> {
  const f = r.flowOfFundsRub;
  const plus = (...xs: string[]) => fixed(xs.reduce((a, x) => a.plus(x), new Dec(0)), 2);
  return {
    settled: f.settled.paid,
    refunded: f.refunded.paid,
    frozen: f.frozen.paid,
    beneficiaries: f.settled.deliveredToBeneficiaries,
    exchangeSpread: plus(f.settled.exchangeSpread, f.frozen.exchangeSpread),
    chainFees: plus(f.settled.chainFees, f.frozen.chainFees),
    offrampSpread: f.settled.offrampSpread,
    npcsFees: plus(f.settled.npcsFees, f.frozen.npcsFees),
    refunds: f.refunded.refundedToPayers,
    refundLoss: f.refunded.lostOnRefunds,
    frozenCoin: f.frozen.frozenAtMid,
  };
}

/** What the page script draws, beyond the report itself: derived here so that money stays decimal. */
function viewOf(r: Report) {
  const c = r.costRub;
  return {
    statusColors: STATUS_COLORS,
    flows: flowEdges(r),
    flowNodes: FLOW_NODES,
    nodeTotals: nodeTotals(r),
    costPercent: {
      exchangeSpread: share(c.parts.exchangeSpread, c.settledPrincipal),
      chainFee: share(c.parts.chainFee, c.settledPrincipal),
      offrampSpread: share(c.parts.offrampSpread, c.settledPrincipal),
      npcsFee: share(c.parts.npcsFee, c.settledPrincipal),
    },
  };
}

const STYLE = `
:root { --ink: #1d2330; --muted: #5b6472; --line: #d9dde3; --good: #1b7f4b; --bad: #b3261e; --card: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid var(--line); }
p { margin: 6px 0; }
.lead { font-size: 16px; max-width: 80ch; }
.meta, figcaption, .note { color: var(--muted); font-size: 13.5px; }
figcaption { max-width: 95ch; margin-top: 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 20px 0 8px; }
.card { background: var(--card); border-radius: 8px; padding: 12px 14px; }
.card .k { font-size: 12.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .s { font-size: 13px; color: var(--muted); }
.ok { color: var(--good); font-weight: 600; }
.miss { color: var(--bad); font-weight: 600; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: baseline; }
figure { margin: 8px 0 0; }
.chart { position: relative; width: 100%; }
.chart canvas { display: block; }
.h320 { height: 320px; } .h360 { height: 360px; } .h420 { height: 420px; } .h160 { height: 160px; }
.side { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 20px; align-items: start; }
@media (max-width: 860px) { .side { grid-template-columns: 1fr; } }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
td:first-child { white-space: nowrap; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; }
tr.sum td { font-weight: 600; }
/* The diagram may be wider than the text column: it takes the window's width, up to its own. */
.diagram { width: min(calc(100vw - 32px), 1460px); position: relative; left: 50%; transform: translateX(-50%); border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fff; }
.diagram svg { display: block; width: 100%; height: auto; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
`;

/**
 * The page script: draws four charts from the report data embedded in the page. Plain ES2020, run
 * as it stands in the browser. Amounts arrive as decimal strings; Number() is used only for the
 * size of a bar or band, and every label and tooltip prints the string.
 */
const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var r = data.report, v = data.view;
  var STATUSES = ['settled', 'refunded', 'rejected', 'frozen'];
  var COLOR = v.statusColors;
  var MINUTE = 60000;

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#333';

  function grouped(s) {
    var parts = String(s).split('.');
    var sign = parts[0].charAt(0) === '-' ? '-' : '';
    var whole = sign ? parts[0].slice(1) : parts[0];
    return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (parts.length > 1 ? '.' + parts[1] : '');
  }
  function rub(s) { return grouped(s) + ' RUB'; }

  // When payments were ordered, stacked by how they ended, with the scenario's faults marked.
  (function timeline() {
    var t = r.timeline, bins = t.bins;
    var first = Date.parse(bins[0].from), last = bins[bins.length - 1].from;
    var sameDay = bins[0].from.slice(0, 10) === last.slice(0, 10);
    var labels = bins.map(function (b) { return sameDay ? b.from.slice(11, 16) : b.from.slice(5, 16).replace('T', ' '); });
    var at = function (iso) { return (Date.parse(iso) - first) / (t.binMinutes * MINUTE) - 0.5; };
    var annotations = {};
    t.events.forEach(function (e, i) {
      if (e.to) {
        annotations['e' + i] = { type: 'box', xMin: at(e.from), xMax: at(e.to), backgroundColor: 'rgba(179,38,30,0.08)', borderWidth: 0,
          label: { display: true, content: e.label, position: { x: 'start', y: 'start' }, color: '#b3261e', font: { size: 12 } } };
      } else {
        annotations['e' + i] = { type: 'line', xMin: at(e.from), xMax: at(e.from), borderColor: '#b5519b', borderWidth: 1.5, borderDash: [5, 4],
          label: { display: true, content: e.label, position: 'end', yAdjust: 22, backgroundColor: 'rgba(255,255,255,0.9)', color: '#8a2f74', font: { size: 12 } } };
      }
    });
    // Headroom above the tallest bar, where the labels of the faults go.
    var tallest = Math.max.apply(null, bins.map(function (b) { return STATUSES.reduce(function (n, s) { return n + b[s]; }, 0); }));
    new Chart(document.getElementById('chart-timeline'), {
      type: 'bar',
      data: { labels: labels, datasets: STATUSES.map(function (s) {
        return { label: s, data: bins.map(function (b) { return b[s]; }), backgroundColor: COLOR[s], stack: 'payments' };
      }) },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 },
               title: { display: true, text: 'ordered at (UTC), in ' + t.binMinutes + '-minute slots' } },
          y: { stacked: true, beginAtZero: true, suggestedMax: Math.ceil(tallest * (t.events.length ? 1.3 : 1.05)), ticks: { precision: 0 }, title: { display: true, text: 'payments ordered' } }
        },
        plugins: { annotation: { annotations: annotations }, legend: { position: 'top', align: 'end' } }
      }
    });
  })();

  // Where the payers' RUB went: payers -> outcome -> destination, band widths at mid in RUB.
  (function flows() {
    var el = document.getElementById('chart-flows');
    if (!el) return; // no money moved: the page says so instead
    var NODE_COLOR = { payers: '#4a6fa5', settled: COLOR.settled, refunded: COLOR.refunded, frozen: COLOR.frozen,
      beneficiaries: '#2a9d6f', exchangeSpread: '#d1495b', chainFees: '#7b4ea3', offrampSpread: '#edae49', npcsFees: '#3d5a80',
      refunds: '#e69f00', refundLoss: '#b3261e', frozenCoin: '#b5519b' };
    // A node's label carries its amount: the exact string of what flowed into it (out of it, for the payers).
    var labels = {};
    Object.keys(v.flowNodes).forEach(function (k) {
      var exact = k === 'payers' ? r.flowOfFundsRub.paidByPayers : (v.nodeTotals[k] || null);
      // The payers' label stands alone left of the chart, on two lines to keep that margin narrow.
      labels[k] = v.flowNodes[k] + (exact ? (k === 'payers' ? '\n' : ': ') + grouped(exact) : '');
    });
    new Chart(el, {
      type: 'sankey',
      data: { datasets: [{
        label: 'RUB at mid',
        data: v.flows.map(function (f) { return { from: f.from, to: f.to, flow: Number(f.rub) }; }),
        colorFrom: function (c) { return NODE_COLOR[c.dataset.data[c.dataIndex].from]; },
        colorTo: function (c) { return NODE_COLOR[c.dataset.data[c.dataIndex].to]; },
        colorMode: 'to', alpha: 0.55,
        labels: labels, size: 'max', nodeWidth: 12, nodePadding: 36, nodeMinSize: 4,
        // Every label left of its node: the payers' in the margin, the outcomes' over the payers'
        // bands, the destinations' over the outcomes' bands, so no two meet at the same height.
        nodeLabels: { backgroundColor: 'rgba(255,255,255,0.8)', borderRadius: 3, padding: 3, position: 'left' },
        priority: { payers: 0, settled: 1, refunded: 2, frozen: 3, beneficiaries: 1, exchangeSpread: 2, chainFees: 3, offrampSpread: 4, npcsFees: 5, refunds: 6, refundLoss: 7, frozenCoin: 8 },
        font: { size: 12.5 }
      }] },
      options: {
        layout: { padding: { left: 118, right: 8, top: 4, bottom: 10 } },
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          title: function () { return ''; },
          label: function (c) {
            var f = v.flows[c.dataIndex];
            return v.flowNodes[f.from] + ' \u2192 ' + v.flowNodes[f.to] + ': ' + rub(f.rub);
          }
        } } }
      }
    });
  })();

  // Time from order to final state: bars per outcome; the line is the share credited so far.
  (function timeToFinal() {
    var h = r.timeToFinalHistogram, bins = h.bins, w = h.binMinutes, total = r.payments.total;
    var labels = bins.map(function (b) { return b.fromMinutes + '\u2013' + b.toMinutes; });
    var cumulative = [{ x: 0, y: 0 }], credited = 0;
    bins.forEach(function (b) { credited += b.settled; cumulative.push({ x: b.toMinutes, y: total ? (100 * credited) / total : 0 }); });
    var datasets = STATUSES.map(function (s) {
      return { type: 'bar', label: s, data: bins.map(function (b) { return b[s]; }), backgroundColor: COLOR[s], stack: 'payments', xAxisID: 'x', yAxisID: 'y', order: 2 };
    });
    datasets.push({ type: 'line', label: 'credited so far (% of all payments)', data: cumulative, xAxisID: 'minutes', yAxisID: 'share',
      borderColor: '#1d2330', backgroundColor: '#1d2330', borderWidth: 2, pointRadius: 0, stepped: false, order: 1 });
    new Chart(document.getElementById('chart-time'), {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 10 },
               title: { display: true, text: 'minutes from order to final state (' + w + '-minute bins)' } },
          minutes: { type: 'linear', min: 0, max: bins.length * w, display: false },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'payments' } },
          share: { position: 'right', min: 0, max: 100, grid: { display: false }, ticks: { callback: function (x) { return x + '%'; } },
                   title: { display: true, text: 'credited within the time' } }
        },
        plugins: {
          legend: { position: 'top', align: 'end' },
          annotation: { annotations: {
            hour: { type: 'line', xScaleID: 'minutes', xMin: 60, xMax: 60, borderColor: '#b3261e', borderWidth: 2,
                    label: { display: true, content: 'one hour', position: 'start', backgroundColor: '#b3261e', font: { size: 12 } } },
            target: { type: 'line', yScaleID: 'share', yMin: 75, yMax: 75, borderColor: '#b3261e', borderWidth: 1.5, borderDash: [6, 4],
                      label: { display: true, content: 'G20 target: 75% credited within one hour', position: 'end', backgroundColor: 'rgba(179,38,30,0.85)', font: { size: 12 } } }
          } }
        }
      }
    });
  })();

  // Each stablecoin's RUB value over the run, relative to its start.
  (function coins() {
    var el = document.getElementById('chart-coins');
    if (!el) return;
    var palette = ['#2a6fdb', '#d1495b', '#2a9d6f', '#edae49', '#7b4ea3'];
    var series = r.stablecoins;
    new Chart(el, {
      type: 'line',
      data: {
        labels: series[0].series.map(function (x) { return x.at.slice(5, 16).replace('T', ' '); }),
        datasets: series.map(function (c, i) {
          var start = Number(c.startRub);
          return { label: c.coin, data: c.series.map(function (x) { return (100 * Number(x.rub)) / start; }), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2, stepped: true };
        })
      },
      options: {
        scales: { y: { title: { display: true, text: '% of value at start' } } },
        plugins: { legend: { position: 'top', align: 'end' }, tooltip: { callbacks: { label: function (ctx) {
          var c = series[ctx.datasetIndex];
          return c.coin + ': ' + c.series[ctx.dataIndex].rub + ' RUB';
        } } } }
      }
    });
  })();

  // The all-in cost of settled payments in its three parts, against the 1% retail target.
  (function cost() {
    var el = document.getElementById('chart-cost');
    if (!el) return; // nothing settled: the page says so instead
    var c = r.costRub, p = v.costPercent;
    var parts = [
      { key: 'exchangeSpread', label: 'exchange spread', color: '#d1495b' },
      { key: 'chainFee', label: 'chain fee', color: '#7b4ea3' },
      { key: 'offrampSpread', label: 'off-ramp spread', color: '#edae49' },
      { key: 'npcsFee', label: 'NPCS fee', color: '#3d5a80' }
    ].filter(function (x) { return x.key !== 'npcsFee' || Number(c.parts.npcsFee) !== 0; }); // a fee only where a scenario assumes one
    var total = c.percentOfPrincipal === null ? 0 : c.percentOfPrincipal;
    var max = Math.max(1.25, Math.ceil(total * 1.25 * 4) / 4);
    new Chart(el, {
      type: 'bar',
      data: { labels: ['settled payments'], datasets: parts.map(function (x) {
        return { label: x.label, data: [p[x.key] === null ? 0 : Number(p[x.key])], backgroundColor: x.color, stack: 'cost', barPercentage: 0.7, categoryPercentage: 1 };
      }) },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, min: 0, max: max, ticks: { callback: function (x) { return x + '%'; } }, title: { display: true, text: 'share of the principal delivered, at mid' } },
          y: { stacked: true, grid: { display: false } }
        },
        plugins: {
          legend: { position: 'top', align: 'end' },
          tooltip: { callbacks: { label: function (ctx) {
            var x = parts[ctx.datasetIndex];
            return x.label + ': ' + rub(c.parts[x.key]) + ' (' + (p[x.key] === null ? 'n/a' : Number(p[x.key]).toFixed(3) + '%') + ')';
          } } },
          annotation: { annotations: {
            target: { type: 'line', xMin: c.g20RetailTargetPercent, xMax: c.g20RetailTargetPercent, borderColor: '#b3261e', borderWidth: 2,
                      label: { display: true, content: 'G20 retail target: ' + c.g20RetailTargetPercent + '%', position: 'start', backgroundColor: '#b3261e', font: { size: 12 } } }
          } }
        }
      }
    });
  })();
})();
`;

/** "2024-09-02 09:00:00 to 17:08:49 UTC", the date written once when the run stays within a day. */
function span(start: string, end: string): string {
  const day = (iso: string) => iso.slice(0, 10);
  const time = (iso: string) => iso.slice(11, 19);
  return day(start) === day(end) ? `${day(start)} ${time(start)} to ${time(end)} UTC` : `${day(start)} ${time(start)} to ${day(end)} ${time(end)} UTC`;
}

function card(k: string, v: string, s: string): string {
  return `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="s">${s}</div></div>`;
}

function verdict(met: boolean | null, yes: string, no: string): string {
  if (met === null) return 'n/a';
  return met ? `<span class="ok">${yes}</span>` : `<span class="miss">${no}</span>`;
}

function statusDot(status: keyof typeof STATUS_COLORS): string {
  return `<span class="dot" style="background:${STATUS_COLORS[status]}"></span>`;
}

/** The flow of funds in exact figures; an outcome no payment had is left out. */
function flowTable(r: Report): string {
  const f = r.flowOfFundsRub;
  const row = (label: string, value: string, cls = '') => `<tr${cls ? ` class="${cls}"` : ''}><td>${label}</td><td class="n">${groupDigits(value)}</td></tr>`;
  const group = (status: 'settled' | 'refunded' | 'frozen', parts: [string, string][]) =>
    new Dec(f[status].paid).isZero() ? [] : [row(`${statusDot(status)}${status} payments`, f[status].paid, 'sum'), ...parts.map(([label, value]) => row(`&nbsp;&nbsp;${label}`, value))];
  return [
    '<div><table><thead><tr><th>RUB at mid</th><th class="n">amount</th></tr></thead><tbody>',
    row('Paid by payers', f.paidByPayers, 'sum'),
    ...group('settled', [
      ['delivered to beneficiaries', f.settled.deliveredToBeneficiaries],
      ['exchange spread', f.settled.exchangeSpread],
      ['chain fees', f.settled.chainFees],
      ['off-ramp spread', f.settled.offrampSpread],
      ...(new Dec(f.settled.npcsFees).isZero() ? [] : [['NPCS fees', f.settled.npcsFees] as [string, string]]),
      ...(new Dec(f.settled.fxResidue).isZero() ? [] : [['FX residue (prices moving in flight)', f.settled.fxResidue] as [string, string]]),
    ]),
    ...group('refunded', [
      ['refunded to payers', f.refunded.refundedToPayers],
      ['lost on refunds', f.refunded.lostOnRefunds],
    ]),
    ...group('frozen', [
      ['frozen (the coin, or under PvP the held RUB, at mid)', f.frozen.frozenAtMid],
      ['exchange spread', f.frozen.exchangeSpread],
      ['chain fees', f.frozen.chainFees],
    ]),
    '</tbody></table></div>',
  ].join('\n');
}

function reasonsTable(r: Report): string {
  const rows = Object.entries(r.payments.byReason);
  if (rows.length === 0) return '';
  return `<table><thead><tr><th>why a payment did not settle</th><th class="n">payments</th></tr></thead><tbody>${rows
    .map(([reason, n]) => `<tr><td><code>${escapeHtml(reason)}</code></td><td class="n">${n}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** Channels side by side (pilot modes and coins, receipts, the correspondent baseline), when there is more than one path. */
function channelsHtml(r: Report): string {
  if (r.channels.length === 0 || (r.channels.length === 1 && r.channels[0]!.rail === 'pilot' && r.channels[0]!.settlement === 'sequential')) return '';
  const pct = (x: number | null) => (x === null ? 'n/a' : `${unsignedZero(x.toFixed(3))}%`);
  const rows = r.channels
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.channel)}</td><td class="n">${c.payments}</td><td class="n">${c.byStatus.settled ?? 0}</td><td class="n">${c.byStatus.refunded ?? 0}</td><td class="n">${c.byStatus.rejected ?? 0}</td><td class="n">${c.byStatus.frozen ?? 0}</td>` +
        `<td class="n">${seconds(c.settledSeconds.p50)}</td><td class="n">${percent(c.creditedWithinOneHourShare)}</td><td class="n">${pct(c.costPercentOfPrincipal)}</td><td class="n">${groupDigits(c.settlementRisk.peakRub)}</td><td class="n">${groupDigits(c.settlementRisk.rubHours)}</td></tr>`,
    )
    .join('');
  return `<h2>Channels side by side</h2>
<table><thead><tr><th>channel</th><th class="n">payments</th><th class="n">settled</th><th class="n">refunded</th><th class="n">rejected</th><th class="n">frozen</th><th class="n">p50 to credit</th><th class="n">credited &lt;1 h</th><th class="n">cost</th><th class="n">peak RUB at risk</th><th class="n">RUB-hours at risk</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">Each channel on the G20 yardsticks (75% credited within an hour, cost at most 1%). Settlement risk as CPSS (1996) measures it: RUB paid that can no longer be recalled while the bought leg is not yet final; the peak at once for the most exposed participant, and RUB-hours over the run. Receipts from abroad put no RUB at risk.</p>`;
}

/** The stablecoins' RUB value over the run, when prices move. */
function coinsFigure(r: Report): string {
  if (r.stablecoins.length === 0) return '';
  const baskets = r.stablecoins.filter((c) => 'basket' in c && c.basket);
  return `<h2>Stablecoins over the run</h2>
<figure>
<div class="chart h320"><canvas id="chart-coins" role="img" aria-label="RUB value of each stablecoin over the run"></canvas></div>
<figcaption>RUB per coin at mid at the start of each timeline slot, as a percentage of its value at the start: a pegged coin moves with its peg's rate against RUB (and any depeg of the scenario), a basket coin with its members' rates.${baskets.map((c) => ` ${escapeHtml(c.coin)} is ${Object.entries((c as { basket: Record<string, string> }).basket).map(([m, w]) => `${escapeHtml(m)} ${(Number(w) * 100).toFixed(0)}%`).join(', ')}.`).join('')}</figcaption>
</figure>`;
}

/** NPCS clearing: gross against net, and each member's figures. */
function clearingHtml(r: Report): string {
  const c = r.clearing;
  if (!c) return '';
  const rows = c.members
    .map((m) => `<tr><td>${escapeHtml(m.member)}</td><td class="n">${groupDigits(m.paidRub)}</td><td class="n">${groupDigits(m.receivedRub)}</td><td class="n">${groupDigits(m.peakNetDebitRub)}</td><td class="n">${groupDigits(m.creditRub)}</td></tr>`)
    .join('');
  return `<h2>NPCS clearing</h2>
<section class="cards" aria-label="clearing figures">
${card('gross obligations', groupDigits(c.grossRub), `${c.obligations} interbank obligations over ${c.cycles} cycles`)}
${card('settled as nets', groupDigits(c.netRub), 'through central-bank accounts')}
${card('liquidity saved', percent(c.savedShare), `${groupDigits(c.liquiditySavedRub)} RUB`)}
${card('central-bank credit', groupDigits(c.centralBankCreditRub), `${c.byStatus.settledWithCredit} cycles needed it`)}
</section>
<table><thead><tr><th>member</th><th class="n">paid, RUB</th><th class="n">received, RUB</th><th class="n">peak net debit</th><th class="n">credit drawn</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** What the marks on the timeline mean, said only when the scenario has faults or listings. */
const EVENTS_CAPTION =
  'Shaded spans are faults of the scenario (a halted chain); a dashed line is a party put on the sanctions list during the run. Payments ordered while a chain is halted cannot get into a block: they time out, unwind and are refunded. Payments to a party listed later are rejected at screening, or frozen if they were already in flight.';

/** The flow-of-funds chart and what it shows, or a line saying no money moved. */
function flowsFigure(flows: readonly FlowEdge[]): string {
  if (flows.length === 0) return '<p class="note">No money moved: every payment was rejected before its conversion.</p>';
  return `<figure>
<div class="chart h420"><canvas id="chart-flows" role="img" aria-label="flow of funds from payers to where the value ended"></canvas></div>
<figcaption>Where the payers' rubles went. From the left: what the conversions took from payers, split by how the payment ended; on the right, where that value ended up. Band widths are RUB at mid, so the costs, a fraction of a percent, are thin slivers: hover a band for its amount, or read the table. Rejected payments moved no money and do not appear. In the table each figure is rounded to the kopeck on its own, so a group's parts can miss its total by a kopeck.</figcaption>
</figure>`;
}

/** The cost chart and what it shows, or a line saying nothing settled. */
function costFigure(r: Report): string {
  const c = r.costRub;
  if (c.percentOfPrincipal === null) return '<p class="note">No payment settled, so there is no cost of settling to show.</p>';
  return `<figure>
<div class="chart h160"><canvas id="chart-cost" role="img" aria-label="all-in cost as a share of principal against the 1% target"></canvas></div>
<figcaption>The all-in cost of the payments that settled, as a share of what their beneficiaries received (valued at mid): the exchange's spread on buying the coin, the chain's transfer fee, and the off-ramp's spread on paying out. Together ${unsignedZero(c.percentOfPrincipal.toFixed(3))}% (${groupDigits(c.total)} RUB on ${groupDigits(c.settledPrincipal)} RUB), against the G20 retail target of at most ${c.g20RetailTargetPercent}%. Losses of refunded payments are not in it: they are in the flow of funds above.</figcaption>
</figure>`;
}

/** report.html: the report as a page that works offline; `diagramSvg` is the state diagram (see stateDiagram.ts). */
export function reportHtml(r: Report, diagramSvg: string): string {
  const by = r.payments.byStatus;
  const total = r.payments.total;
  const t = r.timeToFinalSeconds.all;
  const w = r.withinOneHour;
  const c = r.costRub;
  const ofAll = (n: number) => (total === 0 ? '' : ` (${percent(n / total)})`);
  const libs = inlineLibraries();
  const outcomes = (['settled', 'refunded', 'rejected', 'frozen'] as const).map((s) => `${statusDot(s)}${s} ${by[s] ?? 0}`).join(' &nbsp; ');
  const costMet = c.percentOfPrincipal === null ? null : c.percentOfPrincipal <= c.g20RetailTargetPercent;
  const hourMet = w.settledShare === null ? null : w.settledShare >= w.g20Target;
  const e = escapeHtml;
  const flows = flowEdges(r);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${e(r.scenario.name)}: railpilot report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${e(r.scenario.name)}</h1>
<p class="lead">${e(r.scenario.description)}</p>
<p class="meta">Seed ${r.scenario.seed}; simulated ${span(r.scenario.start, r.scenario.end)}. Amounts in RUB are valued at the scenario's mid prices.</p>
</header>

<section class="cards" aria-label="headline figures">
${card('payments', String(total), `ordered over the run`)}
${card(`${statusDot('settled')}settled`, String(by.settled ?? 0) + ofAll(by.settled ?? 0), `refunded ${by.refunded ?? 0}, rejected ${by.rejected ?? 0}, frozen ${by.frozen ?? 0}`)}
${card('time to final', seconds(t.p50), `median; 95th percentile ${seconds(t.p95)}`)}
${card('credited within 1 h', percent(w.settledShare), `of all payments; G20 target ${percent(w.g20Target, 0)}: ${verdict(hourMet, 'met', 'not met')}`)}
${card('all-in cost', c.percentOfPrincipal === null ? 'n/a' : `${unsignedZero(c.percentOfPrincipal.toFixed(3))}%`, `of settled principal; G20 target at most ${c.g20RetailTargetPercent}%: ${verdict(costMet, 'met', 'not met')}`)}
</section>
<p class="note">Final within one hour, whatever the outcome: ${percent(w.finalShare)}. Sanctions: ${r.sanctions.blockedBeforeFunds} payments blocked before any money moved, ${r.sanctions.frozenInFlight} frozen in flight.</p>

<h2>Payments over the run</h2>
<figure>
<div class="chart h320"><canvas id="chart-timeline" role="img" aria-label="payments ordered per ${r.timeline.binMinutes}-minute slot, by outcome"></canvas></div>
<figcaption>Each bar counts the payments ordered in one ${r.timeline.binMinutes}-minute slot, coloured by how they ended.${r.timeline.events.length > 0 ? ' ' + EVENTS_CAPTION : ''}</figcaption>
</figure>
${reasonsTable(r)}

<h2>Flow of funds</h2>
<div class="side">
${flowsFigure(flows)}
${flowTable(r)}
</div>

<h2>Time to final state</h2>
<figure>
<div class="chart h360"><canvas id="chart-time" role="img" aria-label="histogram of minutes from order to final state"></canvas></div>
<figcaption>How long payments took from order to their final state, by outcome: a bar counts the payments that took more than its lower bound and at most its upper bound, in minutes. The black line is the share of all payments credited to the beneficiary by that time; where it crosses the red one-hour line is the figure the G20 compares with its 75% target (here ${percent(w.settledShare)}). Median ${seconds(t.p50)}, 95th percentile ${seconds(t.p95)}.</figcaption>
</figure>

<h2>Cost of settled payments</h2>
${costFigure(r)}

${channelsHtml(r)}
${coinsFigure(r)}
${clearingHtml(r)}

<h2>How a payment flows</h2>
<figure>
<div class="diagram">${diagramSvg}</div>
<figcaption>Every state a cross-border payment can be in, drawn by Graphviz from the state machine itself. Each arrow is an event (or a time-out, “after …”) that moves a payment on; a condition in brackets must hold. Double-bordered boxes are final: in this run ${outcomes.replace(/ &nbsp; /g, ', ')}.</figcaption>
</figure>

<footer>
<p>Yardsticks: ${e(r.yardsticks.source)}. Ledger: ${r.ledger.entries} journal entries, each balanced per asset (see journal.ledger and report.json beside this file).</p>
<p>Made by railpilot. Charts drawn with ${libs.map((l) => `${e(l.name)} ${e(l.version)} (${e(l.license)})`).join(', ')}, inlined below; state diagram laid out by Graphviz (@viz-js/viz).</p>
</footer>
</main>
<script type="application/json" id="report-data">${jsonSafe({ report: r, view: viewOf(r) })}</script>
${libs.map((l) => `<script>/* ${e(l.name)} ${e(l.version)} */\n${scriptSafe(l.code)}\n</script>`).join('\n')}
<script>${scriptSafe(PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
