// report.html's channels side by side (the pilot per settlement mode and coin, receipts, the
// correspondent baseline): a table on the G20 yardsticks, the time-to-credit distributions
// overlaid on a log time axis (minutes and weeks on one chart), the cost split per channel and
// the settlement risk each carries. Shown when the run has more than one channel.

import { baselineSentence } from './baselineNote.js';
import { Dec } from '../money/index.js';
import { percent, type Report } from './report.js';
import { channelCounts, seconds } from './markdownFlows.js';
import { groupDigits } from './htmlFlows.js';
import { chartFigure, escapeHtml, htmlTable, pct3, shareOf } from './htmlParts.js';

/** The cost parts a channel can have, as the charts name them. */
export const COST_PARTS = {
  exchangeSpread: 'exchange spread',
  chainFee: 'chain fee',
  offrampSpread: 'off-ramp spread',
  npcsFee: 'NPCS fee',
  correspondentFees: 'correspondent fees',
  fxSpread: 'bank FX spread',
  fxResidue: 'FX residue',
} as const;

export const sideBySide = (r: Report) => r.channels.length > 1;

/** Each channel's cost parts as percentages of its settled principal, in decimals (the page only draws them). */
export function channelCostView(r: Report) {
  return r.channels.map((c) => ({
    channel: c.channel,
    parts: Object.fromEntries(Object.keys(COST_PARTS).map((k) => [k, shareOf(c.costRub[k as keyof typeof COST_PARTS], c.settledPrincipalRub)])),
  }));
}

/**
 * Whether the risk chart needs a log axis: when the channels' RUB-hours at risk differ by more
 * than a hundredfold (a correspondent leg of weeks beside minutes). Then channels with none are
 * left out (a log axis has no zero); otherwise every channel is drawn, a zero included.
 */
export function riskOnLogAxis(r: Report): boolean {
  const values = r.channels.map((c) => new Dec(c.settlementRisk.rubHours)).filter((x) => x.gt(0));
  if (values.length < 2) return false;
  const max = values.reduce((a, b) => (b.gt(a) ? b : a));
  const min = values.reduce((a, b) => (b.lt(a) ? b : a));
  return max.div(min).gt(100);
}

/** The range of credited times, for the caption: "minutes and days fit on one chart". */
function timeRange(t: NonNullable<Report['channelTimes']>): string {
  const unit = (s: number) => (s <= 120 ? 'seconds' : s <= 7200 ? 'minutes' : s <= 172800 ? 'hours' : s <= 1209600 ? 'days' : 'weeks');
  const first = t.bins[0]!;
  const last = t.bins.at(-1)!;
  const lo = unit(first.toSeconds ?? first.fromSeconds);
  const hi = unit(last.toSeconds ?? last.fromSeconds * 2);
  return lo === hi ? `so the shapes of each channel's ${lo} compare at a glance` : `so ${lo} and ${hi} fit on one chart`;
}

export function channelsHtml(r: Report): string {
  if (!sideBySide(r)) return '';
  const rows = r.channels.map((c) => [
    escapeHtml(c.channel),
    ...channelCounts(c),
    seconds(c.settledSeconds.p50),
    percent(c.creditedWithinOneHourShare),
    pct3(c.costPercentOfPrincipal),
    groupDigits(c.settlementRisk.peakRub),
    groupDigits(c.settlementRisk.rubHours),
  ]);
  const log = riskOnLogAxis(r);
  const drawn = log ? r.channels.filter((c) => /[1-9]/.test(c.settlementRisk.rubHours)) : r.channels;
  const anyRisk = r.channels.some((c) => /[1-9]/.test(c.settlementRisk.rubHours));
  // Charts of credited payments only when some were: an empty chart would still carry a caption.
  const timed = r.channelTimes !== null && r.channelTimes.bins.length > 0;
  const costed = r.channels.some((c) => /[1-9]/.test(c.settledPrincipalRub));
  return `<h2 id="channels">Channels side by side</h2>
${htmlTable(['channel', '#payments', '#settled', '#refunded', '#rejected', '#frozen', '#p50 to credit', '#credited &lt;1 h', '#cost, % of principal', '#peak RUB at risk', '#RUB-hours at risk'], rows)}
<p class="note">Each channel on the G20 yardsticks (75% credited within an hour, cost at most 1%). Settlement risk as CPSS (1996) measures it: RUB paid that can no longer be recalled while the bought leg is not yet final; the peak at once for the most exposed participant, and RUB-hours over the run.${r.channels.some((c) => c.settlement === 'inbound') ? ' Receipts from abroad put no RUB at risk.' : ''}</p>${baselineSentence(r) ? `\n<p class="note baseline">${escapeHtml(baselineSentence(r))}</p>` : ''}
${
  r.channelTimes && timed
    ? chartFigure(
        'chart-channel-times',
        'h320',
        'time to credit per channel, overlaid, on a logarithmic time axis',
        `How long credited payments took from order to the beneficiary’s credit, per channel, each as a share of that channel’s credited payments. The time axis is logarithmic, ${timeRange(r.channelTimes)}; each point is a bin of about double the length of the one before it.`,
      )
    : ''
}
${
  costed
    ? chartFigure('chart-channel-cost', 'h240', 'cost per channel as a share of its settled principal, by part', 'What settling cost in each channel, as a share of the principal its settled payments delivered (valued at mid), split into its parts; the red line is the G20 retail target of at most 1%.')
    : '<p class="note">No payment was credited in any channel, so there is no time to credit or cost of settling to compare.</p>'
}
${
  anyRisk
    ? chartFigure(
        'chart-channel-risk',
        drawn.length > 3 ? 'h240' : 'h160',
        `settlement risk per channel, RUB-hours${log ? ', logarithmic axis' : ''}`,
        `RUB-hours at risk per channel over the run (RUB paid irrevocably, times the hours until the bought leg was final)${log ? ', on a logarithmic axis' : ''}.${drawn.length < r.channels.length ? ` Left out, as they put no RUB at risk: ${r.channels.filter((c) => !drawn.includes(c)).map((c) => escapeHtml(c.channel)).join(', ')}.` : ''}`,
      )
    : ''
}`;
}

/** The three charts of the channels section. */
export const CHANNELS_SCRIPT = String.raw`
  (function channels() {
    var palette = ['#2a9d6f', '#2a6fdb', '#edae49', '#7b4ea3', '#d1495b', '#3d5a80'];
    function colorOf(name, i) { return name === 'correspondent' ? '#b3261e' : palette[i % palette.length]; }
    var el = document.getElementById('chart-channel-times');
    if (el) {
      var t = r.channelTimes;
      // A bin drawn at its geometric middle: the open first and last bins at twice or half their one edge.
      var mids = t.bins.map(function (b) {
        if (b.toSeconds === null) return b.fromSeconds * 2;
        return b.fromSeconds === 0 ? b.toSeconds / 2 : Math.sqrt(b.fromSeconds * b.toSeconds);
      });
      new Chart(el, {
        type: 'line',
        data: { datasets: t.channels.filter(function (c) { return c.credited > 0; }).map(function (c, i) {
          var color = colorOf(c.channel, i);
          return { label: c.channel + ' (' + c.credited + ' credited)', borderColor: color, backgroundColor: color + '33', fill: true, borderWidth: 2, pointRadius: 2, tension: 0.25,
            data: c.counts.map(function (n, j) { return { x: mids[j], y: (100 * n) / c.credited, n: n, bin: j }; }) };
        }) },
        options: {
          parsing: false,
          scales: {
            x: { type: 'logarithmic', min: mids[0] / 1.5, max: mids[mids.length - 1] * 1.5,
                 afterBuildTicks: function (axis) { axis.ticks = DURATION_TICKS.filter(function (s) { return s >= axis.min && s <= axis.max; }).map(function (s) { return { value: s }; }); },
                 ticks: { callback: function (s) { return durationLabel(s); }, maxRotation: 0 }, title: { display: true, text: 'time from order to credit (logarithmic)' } },
            y: { beginAtZero: true, ticks: { callback: function (x) { return x + '%'; } }, title: { display: true, text: 'share of the channel’s credited payments' } }
          },
          plugins: { legend: { position: 'top', align: 'end' }, tooltip: { callbacks: { label: function (ctx) {
            var b = t.bins[ctx.raw.bin];
            return ctx.dataset.label.replace(/ \(.*/, '') + ': ' + ctx.raw.n + ' took ' + (b.fromSeconds === 0 ? 'at most ' + durationLabel(b.toSeconds) : b.toSeconds === null ? 'more than ' + durationLabel(b.fromSeconds) : durationLabel(b.fromSeconds) + ' to ' + durationLabel(b.toSeconds));
          } } } }
        }
      });
    }
    el = document.getElementById('chart-channel-cost');
    if (el) {
      var parts = [['exchangeSpread', 'exchange spread', '#d1495b'], ['chainFee', 'chain fee', '#7b4ea3'], ['offrampSpread', 'off-ramp spread', '#edae49'], ['npcsFee', 'NPCS fee', '#3d5a80'],
        ['correspondentFees', 'correspondent fees', '#b3261e'], ['fxSpread', 'bank FX spread', '#e69f00'], ['fxResidue', 'FX residue', '#6c757d']];
      var costs = v.channelCost;
      parts = parts.filter(function (p) { return costs.some(function (c) { return c.parts[p[0]] !== null && Number(c.parts[p[0]]) !== 0; }); });
      new Chart(el, {
        type: 'bar',
        data: { labels: costs.map(function (c) { return c.channel; }), datasets: parts.map(function (p) {
          return { label: p[1], backgroundColor: p[2], stack: 'cost', data: costs.map(function (c) { return c.parts[p[0]] === null ? 0 : Number(c.parts[p[0]]); }) };
        }) },
        options: {
          indexAxis: 'y',
          scales: { x: { stacked: true, ticks: { callback: function (x) { return x + '%'; } }, title: { display: true, text: 'share of the principal delivered, at mid' } }, y: { stacked: true, grid: { display: false } } },
          plugins: { legend: { position: 'top', align: 'end' },
            tooltip: { callbacks: { label: function (ctx) { var row = r.channels[ctx.dataIndex]; var k = parts[ctx.datasetIndex][0]; return parts[ctx.datasetIndex][1] + ': ' + rub(row.costRub[k]) + ' (' + Number(costs[ctx.dataIndex].parts[k]).toFixed(3) + '%)'; } } },
            annotation: { annotations: { target: { type: 'line', xMin: 1, xMax: 1, borderColor: '#b3261e', borderWidth: 2 } } } }
        }
      });
    }
    el = document.getElementById('chart-channel-risk');
    if (el) {
      var risky = v.riskLog ? r.channels.filter(function (c) { return /[1-9]/.test(c.settlementRisk.rubHours); }) : r.channels;
      new Chart(el, {
        type: 'bar',
        data: { labels: risky.map(function (c) { return c.channel; }), datasets: [{ label: 'RUB-hours at risk', data: risky.map(function (c) { return Number(c.settlementRisk.rubHours); }),
          backgroundColor: risky.map(function (c, i) { return colorOf(c.channel, i); }) }] },
        options: {
          indexAxis: 'y',
          scales: { x: v.riskLog ? { type: 'logarithmic', title: { display: true, text: 'RUB-hours at risk (logarithmic)' },
                         ticks: { maxRotation: 0, callback: function (x) { var p = Math.log10(x); return Math.abs(p - Math.round(p)) < 1e-9 ? grouped(String(x)) : ''; } } }
                    : { beginAtZero: true, title: { display: true, text: 'RUB-hours at risk' } },
                    y: { grid: { display: false } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (ctx) { var c = risky[ctx.dataIndex]; return grouped(c.settlementRisk.rubHours) + ' RUB-hours; peak ' + rub(c.settlementRisk.peakRub); } } } }
        }
      });
    }
  })();
`;
