// report.html's flow of funds: the sankey chart and the table beside it, both drawn from the one
// graph of report.json (`flowOfFunds`, see flowOfFunds.ts), so the page shows every band the data
// holds, gains included, and each outcome's bands out add up to its bands in.

import type { Report } from './report.js';
import type { FlowOfFunds } from './flowOfFunds.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "314899444.05" -> "314,899,444.05", on the string itself (no float in between). */
export function groupDigits(decimal: string): string {
  const [whole = '', frac] = decimal.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac === undefined ? '' : '.' + frac);
}

/**
 * The sankey, as part of the page script (htmlScript.ts): `r.flowOfFunds` drawn as it is. A node's
 * label carries the exact string of what passes through it; a band's tooltip its exact amount.
 */
export const FLOWS_SCRIPT = String.raw`
  // Where the payers' RUB went: sources -> outcome -> destination, band widths at mid in RUB.
  (function flows() {
    var el = document.getElementById('chart-flows');
    if (!el) return; // no payment out took RUB: the page says so instead
    var g = r.flowOfFunds;
    var BASE = { payers: '#4a6fa5', settled: COLOR.settled, refunded: COLOR.refunded, frozen: COLOR.frozen,
      beneficiaries: '#2a9d6f', exchangeSpread: '#d1495b', chainFees: '#7b4ea3', offrampSpread: '#edae49', npcsFees: '#3d5a80',
      fxResidue: '#6c757d', refunds: '#e69f00', forfeited: '#8a2f74', refundLoss: '#b3261e', frozenCoin: '#b5519b' };
    // A gain is drawn in the colour of the part it is the negative of.
    function color(id) { return BASE[id] || BASE[id.replace(/Gain$/, '')] || '#888'; }
    var labels = {}, priority = {}, label = {}, position = {};
    g.nodes.forEach(function (n, i) {
      label[n.id] = n.label;
      // Sources' labels in the left margin, destinations' in the right one, each beside its own
      // node; the outcomes' left of theirs, over the payers' bands: no two labels share a column.
      // Each on two lines (name, amount), so it stays narrower than the gap between columns.
      labels[n.id] = n.label + '\n' + grouped(n.rub);
      position[n.id] = n.kind === 'destination' ? 'right' : 'left';
      priority[n.id] = i;
    });
    // Slivers (costs, a fraction of a percent) are given room enough that their labels do not touch.
    var destinations = g.nodes.filter(function (n) { return n.kind === 'destination'; }).length;
    el.parentNode.style.height = Math.max(420, 80 + destinations * 76) + 'px';
    new Chart(el, {
      type: 'sankey',
      data: { datasets: [{
        label: 'RUB at mid',
        data: g.links.map(function (f) { return { from: f.from, to: f.to, flow: Number(f.rub) }; }),
        colorFrom: function (c) { return color(c.dataset.data[c.dataIndex].from); },
        colorTo: function (c) { return color(c.dataset.data[c.dataIndex].to); },
        colorMode: 'to', alpha: 0.55,
        labels: labels, size: 'max', nodeWidth: 12, nodePadding: 60, nodeMinSize: 4,
        nodeLabels: { backgroundColor: 'rgba(255,255,255,0.85)', borderRadius: 3, padding: 3, position: position },
        priority: priority,
        font: { size: 12.5 }
      }] },
      options: {
        layout: { padding: { left: 118, right: 290, top: 12, bottom: 24 } },
        plugins: { legend: { display: false }, tooltip: { callbacks: {
          title: function () { return ''; },
          label: function (c) {
            var f = g.links[c.dataIndex];
            return label[f.from] + ' \u2192 ' + label[f.to] + ': ' + rub(f.rub);
          }
        } } }
      }
    });
  })();
`;

/** The flow of funds in exact figures: every band of the chart, by outcome, then every node's total. */
export function flowTable(r: Report): string {
  const g = r.flowOfFunds;
  const label = new Map(g.nodes.map((n) => [n.id, n.label]));
  const row = (cells: string[], value: string, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}<td class="n">${groupDigits(value)}</td></tr>`;
  return [
    '<div><table class="flows"><thead><tr><th>from</th><th>to</th><th class="n">RUB at mid</th></tr></thead><tbody>',
    ...g.links.map((l) => row([label.get(l.from)!, label.get(l.to)!], l.rub)),
    '</tbody></table>',
    '<table class="nodes"><thead><tr><th>node</th><th class="n">RUB through it</th></tr></thead><tbody>',
    ...g.nodes.map((n) => row([n.label], n.rub, n.kind === 'outcome' ? 'sum' : '')),
    '</tbody></table></div>',
  ].join('\n');
}

/**
 * The flow-of-funds chart and what it shows, or a line saying no payment out took any RUB. The
 * caption names a gain and rejected payments only when this run has them.
 */
export function flowsFigure(g: FlowOfFunds, rejected = 0): string {
  if (g.links.length === 0) return '<p class="note">No payment out took any RUB from its payer: every one was rejected before its conversion.</p>';
  const gains = g.nodes.some((n) => n.kind === 'source' && n.id !== 'payers');
  return `<figure>
<div class="chart h420"><canvas id="chart-flows" role="img" aria-label="flow of funds from payers to where the value ended"></canvas></div>
<figcaption>Where the payers' rubles went. From the left: what the conversions took from payers, into how the payment ended; on the right, where that value ended up.${gains ? " A part that came out negative (prices moving in the payer's favour) is a gain, entering from the left." : ''} Band widths are RUB at mid, so the costs, a fraction of a percent, are thin slivers: hover a band for its amount, or read the table.${rejected > 0 ? ` The ${rejected} rejected payment${rejected === 1 ? '' : 's'} took nothing and do${rejected === 1 ? 'es' : ''} not appear.` : ''} Every outcome's bands out add up to its bands in, to the kopeck.</figcaption>
</figure>`;
}
