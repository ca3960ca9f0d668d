// The page of report.html: its style sheet and its script, which draws the charts from the report data
// embedded in the page (the flow of funds, from htmlFlows.ts). Plain ES2020, run as it stands in the
// browser; amounts stay decimal strings except to size a bar or band.

import { FLOWS_SCRIPT } from './htmlFlows.js';
import { CHANNELS_SCRIPT } from './htmlChannels.js';
import { CLEARING_SCRIPT } from './htmlClearing.js';
import { ORDERS_SCRIPT } from './htmlOrders.js';
import { RECEIPTS_SCRIPT } from './htmlReceipts.js';
import { HELPERS_SCRIPT } from './htmlScriptHelpers.js';

export const STYLE = `
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
.h320 { height: 320px; } .h360 { height: 360px; } .h420 { height: 420px; } .h160 { height: 160px; } .h240 { height: 240px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
p.group { margin: 18px 0 -12px; font-size: 13px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.side { display: grid; grid-template-columns: 1fr; gap: 12px; align-items: start; }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; margin: 8px 0 14px; }
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
 * The page script: draws the charts of the sections present from the report data embedded in the page. Plain ES2020, run
 * as it stands in the browser. Amounts arrive as decimal strings; Number() is used only for the
 * size of a bar or band, and every label and tooltip prints the string.
 */
export const PAGE_SCRIPT = String.raw`
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
${HELPERS_SCRIPT}
  // When payments were ordered, stacked by how they ended, with the scenario's faults marked.
  (function timeline() {
    var el = document.getElementById('chart-timeline');
    if (!el) return; // no payments out: no such section
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
    new Chart(el, {
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

${FLOWS_SCRIPT}
  // Time from order to final state: bars per outcome, each spanning its bin; the line is the share credited so far.
  (function timeToFinal() {
    var el = document.getElementById('chart-time');
    if (!el) return;
    var h = r.timeToFinalHistogram, bins = h.bins, total = r.payments.total;
    var cumulative = [{ x: 0, y: 0 }], credited = 0;
    bins.forEach(function (b) { credited += b.settled; cumulative.push({ x: b.toMinutes, y: total ? (100 * credited) / total : 0 }); });
    minuteHistogram(el, h.binMinutes, bins, STATUSES.map(function (s) { return { label: s, key: s, color: COLOR[s] }; }), 'payments', 'minutes from order to final state', {
      line: { type: 'line', label: 'credited so far (% of all payments)', data: cumulative, yAxisID: 'share', borderColor: '#1d2330', backgroundColor: '#1d2330', borderWidth: 2, pointRadius: 0, order: 1 },
      axis: { position: 'right', min: 0, max: 100, grid: { display: false }, ticks: { callback: function (x) { return x + '%'; } }, title: { display: true, text: 'credited within the time' } },
      target: { type: 'line', yScaleID: 'share', yMin: 75, yMax: 75, borderColor: '#b3261e', borderWidth: 1.5, borderDash: [6, 4],
                label: { display: true, content: 'G20 target: 75% credited within one hour', position: 'end', backgroundColor: 'rgba(179,38,30,0.85)', font: { size: 12 } } }
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
        scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 16 } }, y: { title: { display: true, text: '% of value at start' } } },
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
${RECEIPTS_SCRIPT}
${ORDERS_SCRIPT}
${CHANNELS_SCRIPT}
${CLEARING_SCRIPT}
})();
`;
