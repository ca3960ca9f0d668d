// The outcome report as one self-contained web page (report.html): headline figures against the
// G20 yardsticks, then charts of when payments were ordered and how they ended, where the payers'
// RUB went, how long payments took, and what settling cost, and the state diagram. Everything the
// page needs is inside it (the charting library is inlined, handed in by the CLI, the diagram is SVG
// drawn at report time), and a Content-Security-Policy forbids it to load anything, so it opens
// offline and cannot call out. Money stays decimal strings here; only the page turns amounts into
// floats, to size bars, and its tooltips show the exact strings.

import { Dec, fixed, unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { seconds } from './markdown.js';
import { flowTable, flowsFigure, groupDigits } from './htmlFlows.js';
import { PAGE_SCRIPT, STYLE } from './htmlScript.js';
import { diagramsHtml, type FlowDiagram } from './htmlDiagrams.js';
import { baselineSentence } from './baselineNote.js';

export { groupDigits };

/** A browser build the page inlines, with what the page's footer credits: read by the CLI (cli/inlineLibraries.ts). */
export interface InlineLibrary {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly code: string;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Script text that cannot end its <script> element early or open an HTML comment in it. */
export const scriptSafe = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** JSON for a <script type="application/json"> element: `<` escaped, so no `</script>` inside. */
export const jsonSafe = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A part of a sum as a percentage of the whole, to four decimals, or null when the whole is zero. */
function share(part: string, whole: string): string | null {
  const w = new Dec(whole);
  return w.isZero() ? null : fixed(new Dec(part).div(w).mul(100), 4);
}

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

/** One colour per final status, the same in every chart and in the headline. */
export const STATUS_COLORS = { settled: '#2a9d6f', refunded: '#e69f00', rejected: '#8d96a3', frozen: '#b5519b' } as const;

/** What the page script draws, beyond the report itself: derived here so that money stays decimal. */
function viewOf(r: Report) {
  const c = r.costRub;
  return {
    statusColors: STATUS_COLORS,
    costPercent: {
      exchangeSpread: share(c.parts.exchangeSpread, c.settledPrincipal),
      chainFee: share(c.parts.chainFee, c.settledPrincipal),
      offrampSpread: share(c.parts.offrampSpread, c.settledPrincipal),
      npcsFee: share(c.parts.npcsFee, c.settledPrincipal),
    },
  };
}


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
<p class="note">Each channel on the G20 yardsticks (75% credited within an hour, cost at most 1%). Settlement risk as CPSS (1996) measures it: RUB paid that can no longer be recalled while the bought leg is not yet final; the peak at once for the most exposed participant, and RUB-hours over the run. Receipts from abroad put no RUB at risk.</p>${baselineSentence(r) ? `\n<p class="note baseline">${escapeHtml(baselineSentence(r))}</p>` : ''}`;
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

/** The cost chart and what it shows, or a line saying nothing settled. */
function costFigure(r: Report): string {
  const c = r.costRub;
  if (c.percentOfPrincipal === null) return '<p class="note">No payment settled, so there is no cost of settling to show.</p>';
  return `<figure>
<div class="chart h160"><canvas id="chart-cost" role="img" aria-label="all-in cost as a share of principal against the 1% target"></canvas></div>
<figcaption>The all-in cost of the payments that settled, as a share of what their beneficiaries received (valued at mid): the exchange's spread on buying the coin, the chain's transfer fee, and the off-ramp's spread on paying out. Together ${unsignedZero(c.percentOfPrincipal.toFixed(3))}% (${groupDigits(c.total)} RUB on ${groupDigits(c.settledPrincipal)} RUB), against the G20 retail target of at most ${c.g20RetailTargetPercent}%. Losses of refunded payments are not in it: they are in the flow of funds above.</figcaption>
</figure>`;
}

/**
 * report.html: the report as a page that works offline; `diagrams` are the state diagrams of the
 * flows the run used (see htmlDiagrams.ts), `libs` Chart.js and its plugins, inlined in this order.
 */
export function reportHtml(r: Report, diagrams: readonly FlowDiagram[], libs: readonly InlineLibrary[]): string {
  const by = r.payments.byStatus;
  const total = r.payments.total;
  const t = r.timeToFinalSeconds.all;
  const w = r.withinOneHour;
  const c = r.costRub;
  const ofAll = (n: number) => (total === 0 ? '' : ` (${percent(n / total)})`);
  const costMet = c.percentOfPrincipal === null ? null : c.percentOfPrincipal <= c.g20RetailTargetPercent;
  const hourMet = w.settledShare === null ? null : w.settledShare >= w.g20Target;
  const e = escapeHtml;

  return `${pageHead(`${r.scenario.name}: railpilot report`)}
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
<p class="note">Final within one hour, whatever the outcome: ${percent(w.finalShare)}. Sanctions, over every kind of flow: ${r.sanctions.blocked} blocked before any value moved, ${r.sanctions.frozen} frozen in flight.</p>

<h2>Payments over the run</h2>
<figure>
<div class="chart h320"><canvas id="chart-timeline" role="img" aria-label="payments ordered per ${r.timeline.binMinutes}-minute slot, by outcome"></canvas></div>
<figcaption>Each bar counts the payments ordered in one ${r.timeline.binMinutes}-minute slot, coloured by how they ended.${r.timeline.events.length > 0 ? ' ' + EVENTS_CAPTION : ''}</figcaption>
</figure>
${reasonsTable(r)}

<h2>Flow of funds</h2>
<div class="side">
${flowsFigure(r.flowOfFunds)}
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
