// report.html's sections on cross-border payments out (crossBorderPayment): when they were
// ordered and how they ended, why some did not settle, where the payers' RUB went, how long they
// took and what settling cost. Shown only when the scenario has such payments; every caption
// states only what happened in this run.

import { unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { seconds } from './markdown.js';
import { flowTable, flowsFigure, groupDigits } from './htmlFlows.js';
import { chartFigure, reasonTable } from './htmlParts.js';

/** What the marks on the timeline mean: only the kinds of event this run has. */
function eventsCaption(events: Report['timeline']['events'], byReason: Readonly<Record<string, number>>): string {
  if (events.length === 0) return '';
  const kinds = new Set(events.map((e) => e.kind));
  const faults = events.filter((e) => e.to !== undefined);
  const out: string[] = [];
  if (faults.length === 1) out.push(`The shaded span is the scenario's fault (${faults[0]!.label}).`);
  else if (faults.length > 1) out.push(`Shaded spans are the scenario's faults (${faults.map((e) => e.label).join('; ')}).`);
  // Whether a halt refunded anything depends on the inclusion time-out: say what this run's did.
  if (kinds.has('chainHalt'))
    out.push(
      (byReason['chain.notIncluded'] ?? 0) > 0
        ? 'Payments ordered while a chain is halted cannot get into a block: they time out, unwind and are refunded.'
        : 'No payment timed out waiting for a block: those caught by the halt waited for it to end.',
    );
  if (kinds.has('sanctionsListing')) out.push('A dashed line is a party put on the sanctions list during the run: payments to it are rejected at screening after it, or frozen if already in flight.');
  return ' ' + out.join(' ');
}

/** The cost chart and what it shows, or a line saying nothing settled. */
function costFigure(r: Report): string {
  const c = r.costRub;
  if (c.percentOfPrincipal === null) return '<p class="note">No payment out settled, so there is no cost of settling to show.</p>';
  return chartFigure(
    'chart-cost',
    'h160',
    'all-in cost as a share of principal against the 1% target',
    `The all-in cost of the payments that settled, as a share of what their beneficiaries received (valued at mid): the exchange's spread on buying the coin, the chain's transfer fee, and the off-ramp's spread on paying out. Together ${unsignedZero(c.percentOfPrincipal.toFixed(3))}% (${groupDigits(c.total)} RUB on ${groupDigits(c.settledPrincipal)} RUB), against the G20 retail target of at most ${c.g20RetailTargetPercent}%.${r.lossesRub.refunded.count > 0 ? ' Losses of refunded payments are not in it: they are in the flow of funds above.' : ''}`,
  );
}

/** Every section on payments out; empty when the scenario has none. */
export function paymentsHtml(r: Report): string {
  if (r.payments.total === 0) return '';
  const w = r.withinOneHour;
  const t = r.timeToFinalSeconds.all;
  const line = r.timeline;
  return `<h2 id="payments-out">Payments out over the run</h2>
${chartFigure('chart-timeline', 'h320', `payments ordered per ${line.binMinutes}-minute slot, by outcome`, `Each bar counts the cross-border payments ordered in one ${line.binMinutes}-minute slot, coloured by how they ended.${eventsCaption(line.events, r.payments.byReason)}`)}
${reasonTable('why a payment did not settle', 'payments', r.payments.byReason)}

<h2>Flow of funds</h2>
<div class="side">
${flowsFigure(r.flowOfFunds, r.payments.byStatus.rejected ?? 0)}
${flowTable(r)}
</div>

<h2>Time to final state</h2>
${chartFigure(
  'chart-time',
  'h360',
  'histogram of minutes from order to final state',
  `How long payments took from order to their final state, by outcome: a bar spans the payments that took more than its left edge and at most its right edge, in minutes. The black line is the share of all payments credited to the beneficiary by that time; where it crosses the red one-hour line is the figure the G20 compares with its 75% target (here ${percent(w.settledShare)}). Median ${seconds(t.p50)}, 95th percentile ${seconds(t.p95)}.`,
)}

<h2>Cost of settled payments</h2>
${costFigure(r)}`;
}
