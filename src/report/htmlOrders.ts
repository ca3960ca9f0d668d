// report.html's sections on retail investors (purchases and sales: fills and refusals by reason
// over time; "Caps": cap use per category against the cap in force; AML flags) and on miners
// (coin mined, sales, what the registry refused). Each shown only when the run has such orders.

import { percent, type Report } from './report.js';
import { groupDigits } from './htmlFlows.js';
import { chartFigure, escapeHtml, htmlTable, reasonTable } from './htmlParts.js';
import type { OrderGroupSection } from './orders.js';

const CATEGORY = { nonQualified: 'non-qualified investors', qualified: 'qualified investors' } as const;

/** One group of orders: its chart of orders placed over time by outcome, and why some were refused. */
function groupHtml(id: string, what: string, g: OrderGroupSection): string {
  const refused = g.orders - g.filled;
  return `${chartFigure(
    id,
    'h320',
    `${what} placed per ${g.placed.binMinutes}-minute slot, by outcome`,
    `${g.orders} ${what}: ${g.filled} filled (${groupDigits(g.filledRub)} RUB), ${refused} not. Each bar counts the ${what} placed in one ${g.placed.binMinutes}-minute slot: filled ones in green, refused ones under the reason they were refused.`,
  )}
${reasonTable(`why ${what} were refused`, 'orders', g.byReason)}`;
}

function capsHtml(caps: NonNullable<NonNullable<Report['retail']>['caps']>): string {
  const rows = caps.categories.map((c) => [
    CATEGORY[c.category],
    c.capInForce === null ? 'no cap' : `${groupDigits(c.capInForce.split(' ')[0]!)} ${c.capInForce.split(' ')[1]} a year`,
    c.investorsWhoBought,
    c.reachedCap,
    c.refusedAtCap,
    percent(c.peakShare),
  ]);
  const anyUse = caps.categories.some((c) => c.capInForce !== null && c.investorsWhoBought > 0);
  return `<h2 id="caps">Caps</h2>
${htmlTable(['category', 'cap in force', '#investors who bought', '#reached the cap', '#purchases refused at the cap', '#most of the cap one investor used'], rows)}
${
  anyUse
    ? chartFigure(
        'chart-caps',
        'h240',
        'investors by how much of their yearly cap they used, per category',
        `Investors with a cap who bought, by the share of their yearly cap they used (each investor once, in the calendar year they came closest to it). Caps: ${escapeHtml(caps.source)}.`,
      )
    : `<p class="note">No capped investor bought anything. Caps: ${escapeHtml(caps.source)}.</p>`
}`;
}

export function retailHtml(r: Report): string {
  const x = r.retail;
  if (!x) return '';
  const aml = x.amlFlags;
  return `<h2 id="retail">Retail investors</h2>
${x.purchases ? `<h3>Purchases (RUB to crypto)</h3>\n${groupHtml('chart-retail-purchases', 'purchases', x.purchases)}` : ''}
${x.sales ? `<h3>Sales (crypto to RUB)</h3>\n${groupHtml('chart-retail-sales', 'sales', x.sales)}` : ''}
${x.caps ? capsHtml(x.caps) : ''}
<p class="note">AML: ${aml.count} operation${aml.count === 1 ? '' : 's'} of at least ${escapeHtml(r.domestic.regime.aml.threshold)} flagged for mandatory control (reported, not blocked)${aml.count > 0 ? `, ${groupDigits(aml.totalRub)} RUB in all (${Object.entries(aml.byFlow).map(([f, n]) => `${escapeHtml(f)} ${n}`).join(', ')})` : ''}.</p>`;
}

export function minersHtml(r: Report): string {
  const x = r.miners;
  if (!x) return '';
  return `<h2 id="miners">Miners</h2>
${htmlTable(
  ['miner', '#block rewards', '#coin mined', '#sales', '#sold', '#refused', '#RUB received'],
  x.miners.map((m) => [escapeHtml(m.miner), m.rewards, m.mined ?? '0', m.sales, m.sold, m.rejected, groupDigits(m.receivedRub)]),
)}
<p class="note">Mined coin enters the rail from outside it (block rewards) into each miner's custody. ${x.registryRefused} sale${x.registryRefused === 1 ? ' was' : 's were'} refused by the mining law's registry rules (before they applied, or from a miner not registered).</p>
${x.sales ? groupHtml('chart-miner-sales', 'sales by miners', x.sales) : ''}`;
}

/** Charts of orders over time, one per group, and the caps' bands. */
export const ORDERS_SCRIPT = String.raw`
  (function orders() {
    var FILLED = { purchased: COLOR.settled, sold: COLOR.settled, frozen: COLOR.frozen };
    var REFUSED = ['#8d96a3', '#e69f00', '#d1495b', '#5b6472', '#edae49', '#7b4ea3', '#3d5a80', '#c0c5cc'];
    function placed(id, g) {
      var el = document.getElementById(id);
      if (!el || !g) return;
      var t = g.placed, keys = Object.keys(t.bins[0].counts), refused = 0;
      keys.sort(function (a, b) { return (FILLED[a] ? 0 : 1) - (FILLED[b] ? 0 : 1) || (a < b ? -1 : 1); });
      new Chart(el, {
        type: 'bar',
        data: { labels: slotLabels(t.bins), datasets: keys.map(function (k) {
          return { label: k, data: t.bins.map(function (b) { return b.counts[k]; }), backgroundColor: FILLED[k] || REFUSED[refused++ % REFUSED.length], stack: 'orders' };
        }) },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 }, title: { display: true, text: 'placed at (UTC), in ' + t.binMinutes + '-minute slots' } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'orders placed' } }
          },
          plugins: { legend: { position: 'top', align: 'end' } }
        }
      });
    }
    if (r.retail) { placed('chart-retail-purchases', r.retail.purchases); placed('chart-retail-sales', r.retail.sales); }
    if (r.miners) placed('chart-miner-sales', r.miners.sales);
    var el = document.getElementById('chart-caps');
    if (!el) return;
    var cats = r.retail.caps.categories.filter(function (c) { return c.capInForce !== null && c.investorsWhoBought > 0; });
    var bands = Object.keys(cats[0].bands);
    var palette = ['#2a6fdb', '#d1495b'];
    new Chart(el, {
      type: 'bar',
      data: { labels: bands, datasets: cats.map(function (c, i) {
        return { label: (c.category === 'qualified' ? 'qualified' : 'non-qualified') + ' (cap ' + (c.capInForce || 'none') + ')', data: bands.map(function (b) { return c.bands[b]; }), backgroundColor: palette[i % 2] };
      }) },
      options: {
        scales: { x: { title: { display: true, text: 'share of the yearly cap used' }, grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'investors' } } },
        plugins: { legend: { position: 'top', align: 'end' } }
      }
    });
  })();
`;
