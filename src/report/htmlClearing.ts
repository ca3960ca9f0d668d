// report.html's section on NPCS clearing: per cycle, gross obligations against the nets that
// settled (the gap is the liquidity netting saved), and the central-bank credit each member drew,
// summed over the run's cycles; with each member's totals. Shown only with clearing.

import { percent, type Report } from './report.js';
import { groupDigits } from './htmlFlows.js';
import { chartFigure, escapeHtml, htmlTable } from './htmlParts.js';

export function clearingHtml(r: Report): string {
  const c = r.clearing;
  if (!c) return '';
  const drew = c.members.filter((m) => /[1-9]/.test(m.creditRub));
  return `<h2 id="clearing">NPCS clearing</h2>
<p class="note">${c.cycles} cycles netted ${c.obligations} interbank obligations: gross ${groupDigits(c.grossRub)} RUB, settled as nets of ${groupDigits(c.netRub)} RUB through central-bank accounts, so netting saved ${groupDigits(c.liquiditySavedRub)} RUB of liquidity (${percent(c.savedShare)}).</p>
${
  c.perCycle.length > 0
    ? chartFigure(
        'chart-clearing-cycles',
        'h320',
        'gross obligations against settled nets, per clearing cycle',
        'Each cycle that netted anything, at the time it ended: the gross obligations between member banks (light) against the net debits that actually settled (dark); the gap is the liquidity netting saved in that cycle.',
      )
    : ''
}
${
  drew.length > 0
    ? chartFigure(
        'chart-clearing-credit',
        'h320',
        'central-bank credit drawn per member, summed over the cycles',
        `Central-bank credit each member drew to cover a net debit its reserves could not, summed cycle by cycle: ${drew.map((m) => `${escapeHtml(m.member)} ${groupDigits(m.creditRub)} RUB`).join(', ')} in all, over ${c.byStatus.settledWithCredit} cycles.`,
      )
    : '<p class="note">No member needed central-bank credit: every net debit was covered by the member\'s reserves.</p>'
}
${htmlTable(
  ['member', '#paid, RUB', '#received, RUB', '#peak net debit, RUB', '#credit drawn, RUB'],
  c.members.map((m) => [escapeHtml(m.member), groupDigits(m.paidRub), groupDigits(m.receivedRub), groupDigits(m.peakNetDebitRub), groupDigits(m.creditRub)]),
)}`;
}

/** Gross against net per cycle, and each member's credit summed over the cycles, on the cycles' end times. */
export const CLEARING_SCRIPT = String.raw`
  (function clearing() {
    var c = r.clearing;
    if (!c) return;
    var cycles = c.perCycle;
    var sameDay = cycles.length > 0 && cycles[0].at.slice(0, 10) === cycles[cycles.length - 1].at.slice(0, 10);
    var labels = cycles.map(function (x) { return sameDay ? x.at.slice(11, 16) : x.at.slice(5, 16).replace('T', ' '); });
    var el = document.getElementById('chart-clearing-cycles');
    if (el) new Chart(el, {
      type: 'bar',
      data: { labels: labels, datasets: [
        { label: 'gross obligations', data: cycles.map(function (x) { return Number(x.grossRub); }), backgroundColor: '#a8c3e8' },
        { label: 'settled as nets', data: cycles.map(function (x) { return Number(x.netRub); }), backgroundColor: '#2a6fdb' }
      ] },
      options: {
        scales: { x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 }, title: { display: true, text: 'cycle ended at (UTC)' } },
                  y: { beginAtZero: true, title: { display: true, text: 'RUB' } } },
        plugins: { legend: { position: 'top', align: 'end' }, tooltip: { callbacks: { label: function (ctx) {
          var x = cycles[ctx.dataIndex];
          return ctx.dataset.label + ': ' + rub(ctx.datasetIndex === 0 ? x.grossRub : x.netRub) + (ctx.datasetIndex === 1 ? ' (saved ' + rub(x.savedRub) + ')' : '');
        } } } }
      }
    });
    el = document.getElementById('chart-clearing-credit');
    if (!el) return;
    var palette = ['#d1495b', '#2a6fdb', '#edae49', '#2a9d6f', '#7b4ea3', '#3d5a80', '#8a2f74', '#6c757d'];
    var members = c.members.filter(function (m) { return /[1-9]/.test(m.creditRub); }).map(function (m) { return m.member; });
    new Chart(el, {
      type: 'line',
      data: { labels: labels, datasets: members.map(function (m, i) {
        var sum = 0;
        return { label: m, stepped: true, pointRadius: 2, borderWidth: 2, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
          data: cycles.map(function (x) { sum += Number(x.creditByMemberRub[m] || 0); return sum; }) };
      }) },
      options: {
        scales: { x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 }, title: { display: true, text: 'cycle ended at (UTC)' } },
                  y: { beginAtZero: true, title: { display: true, text: 'credit drawn so far, RUB' } } },
        plugins: { legend: { position: 'top', align: 'end' } }
      }
    });
  })();
`;
