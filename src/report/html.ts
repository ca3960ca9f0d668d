// The outcome report as one self-contained web page (report.html): headline figures per kind of
// flow the run has, then a section per kind (payments out, channels side by side, receipts from
// abroad, retail investors and their caps, miners, NPCS clearing; see the html*.ts files), the
// stablecoins' values, and the state diagram. Everything the
// page needs is inside it (the charting library is inlined, handed in by the CLI, the diagram is SVG
// drawn at report time), and a Content-Security-Policy forbids it to load anything, so it opens
// offline and cannot call out. Money stays decimal strings here; only the page turns amounts into
// floats, to size bars, and its tooltips show the exact strings.

import type { Report } from './report.js';
import { groupDigits } from './htmlFlows.js';
import { PAGE_SCRIPT, STYLE } from './htmlScript.js';
import { STATUS_COLORS, escapeHtml, shareOf } from './htmlParts.js';
import { headlineCards } from './htmlCards.js';
import { paymentsHtml } from './htmlPayments.js';
import { channelCostView, channelsHtml, riskOnLogAxis } from './htmlChannels.js';
import { receiptsHtml } from './htmlReceipts.js';
import { minersHtml, retailHtml } from './htmlOrders.js';
import { clearingHtml } from './htmlClearing.js';
import { diagramsHtml, type FlowDiagram } from './htmlDiagrams.js';

export { groupDigits, escapeHtml, STATUS_COLORS };

/** A browser build the page inlines, with what the page's footer credits: read by the CLI (cli/inlineLibraries.ts). */
export interface InlineLibrary {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly code: string;
}

/** Script text that cannot end its <script> element early or open an HTML comment in it. */
export const scriptSafe = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** JSON for a <script type="application/json"> element: `<` escaped, so no `</script>` inside. */
export const jsonSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The head of a self-contained page: a Content-Security-Policy that lets it load nothing, and no favicon request. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>`;
}

/** What the page script draws, beyond the report itself: derived here so that money stays decimal. */
function viewOf(r: Report) {
  const c = r.costRub;
  return {
    statusColors: STATUS_COLORS,
    costPercent: {
      exchangeSpread: shareOf(c.parts.exchangeSpread, c.settledPrincipal),
      chainFee: shareOf(c.parts.chainFee, c.settledPrincipal),
      offrampSpread: shareOf(c.parts.offrampSpread, c.settledPrincipal),
      npcsFee: shareOf(c.parts.npcsFee, c.settledPrincipal),
    },
    channelCost: channelCostView(r),
    riskLog: riskOnLogAxis(r),
  };
}


/** "2024-09-02 09:00:00 to 17:08:49 UTC", the date written once when the run stays within a day. */
function span(start: string, end: string): string {
  const day = (iso: string) => iso.slice(0, 10);
  const time = (iso: string) => iso.slice(11, 19);
  return day(start) === day(end) ? `${day(start)} ${time(start)} to ${time(end)} UTC` : `${day(start)} ${time(start)} to ${day(end)} ${time(end)} UTC`;
}

/** What moves the coins of this run: a peg's rate, a depeg of the scenario, a basket's members. */
function coinsMove(r: Report): string {
  const baskets = r.stablecoins.filter((c) => 'basket' in c && c.basket).length;
  const depeg = r.timeline.events.some((e) => e.kind === 'depeg');
  const parts = [
    ...(baskets < r.stablecoins.length ? [`a pegged coin moves with its peg's rate against RUB${depeg ? ' and with the depeg of the scenario' : ''}`] : []),
    ...(baskets > 0 ? ["a basket coin with its members' rates"] : []),
  ];
  return `: ${parts.join(', ')}`;
}

/** The stablecoins' RUB value over the run, when prices move. */
function coinsFigure(r: Report): string {
  if (r.stablecoins.length === 0) return '';
  const baskets = r.stablecoins.filter((c) => 'basket' in c && c.basket);
  return `<h2>Stablecoins over the run</h2>
<figure>
<div class="chart h320"><canvas id="chart-coins" role="img" aria-label="RUB value of each stablecoin over the run"></canvas></div>
<figcaption>RUB per coin at mid at the start of each timeline slot, as a percentage of its value at the start${coinsMove(r)}.${baskets.map((c) => ` ${escapeHtml(c.coin)} is ${Object.entries((c as { basket: Record<string, string> }).basket).map(([m, w]) => `${escapeHtml(m)} ${(Number(w) * 100).toFixed(0)}%`).join(', ')}.`).join('')}</figcaption>
</figure>`;
}

/**
 * report.html: the report as a page that works offline; `diagrams` are the state diagrams of the
 * flows the run used (see htmlDiagrams.ts), `libs` Chart.js and its plugins, inlined in this order.
 */
export function reportHtml(r: Report, diagrams: readonly FlowDiagram[], libs: readonly InlineLibrary[]): string {
  const e = escapeHtml;

  return `${pageHead(`${r.scenario.name}: railpilot report`)}
<body>
<main>
<header>
<h1>${e(r.scenario.name)}</h1>
<p class="lead">${e(r.scenario.description)}</p>
<p class="meta">Seed ${r.scenario.seed}; simulated ${span(r.scenario.start, r.scenario.end)}. Amounts in RUB are valued at the scenario's mid prices.</p>
</header>

${headlineCards(r)}

${paymentsHtml(r)}
${channelsHtml(r)}
${receiptsHtml(r)}
${retailHtml(r)}
${minersHtml(r)}
${clearingHtml(r)}
${coinsFigure(r)}

${diagramsHtml(diagrams, r)}

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
