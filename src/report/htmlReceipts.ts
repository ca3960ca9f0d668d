// report.html's section on receipts from abroad (crossBorderReceipt): how many were credited to
// exporters, blocked or frozen, how long crediting took (a histogram with the one-hour mark) and
// what it cost (the inbound channels' chain fee and exchange spread). Shown only when present.

import { percent, type Report } from './report.js';
import { seconds } from './markdown.js';
import { groupDigits } from './htmlFlows.js';
import { chartFigure, htmlTable, reasonTable } from './htmlParts.js';

export function receiptsHtml(r: Report): string {
  const x = r.receipts;
  if (!x) return '';
  const cost = x.costRub;
  const t = x.timeToCreditSeconds;
  return `<h2 id="receipts">Receipts from abroad</h2>
${htmlTable(
  ['outcome', '#receipts'],
  [
    ['credited to the exporter in RUB', x.credited],
    ['blocked at screening (a listed party)', x.blocked],
    ['frozen in flight', x.frozen],
    ...(x.otherwiseStopped > 0 ? [['stopped otherwise', x.otherwiseStopped] as const] : []),
  ],
)}
${reasonTable('why a receipt was not credited', 'receipts', x.byReason)}
${
  x.credited > 0
    ? chartFigure(
        'chart-receipts-time',
        'h320',
        'histogram of minutes from sending to the exporter’s credit',
        `How long credited receipts took from the buyer sending the coin to the exporter's RUB credit: a bar spans those that took more than its left edge and at most its right edge, in minutes. Median ${seconds(t.p50)}, 95th percentile ${seconds(t.p95)}, longest ${seconds(t.max)}; credited within one hour: ${percent(x.creditedWithinOneHourShare)} of all receipts.`,
      )
    : '<p class="note">No receipt was credited, so there is no time to credit to show.</p>'
}
${
  cost
    ? `<p class="note">Cost of the credited receipts, valued at the mid of each sale: chain fees ${groupDigits(cost.chainFee)} RUB and the exchange's spread ${groupDigits(cost.exchangeSpread)} RUB, ${groupDigits(cost.total)} RUB in all, ${cost.percentOfWorth.toFixed(3)}% of the ${groupDigits(cost.coinWorth)} RUB the coin was worth.</p>`
    : ''
}`;
}

/** The receipts' time-to-credit histogram: bars centred on their bins on a linear minute axis. */
export const RECEIPTS_SCRIPT = String.raw`
  (function receiptsTime() {
    var el = document.getElementById('chart-receipts-time');
    if (!el) return;
    var h = r.receipts.timeToCreditHistogram;
    minuteHistogram(el, h.binMinutes, h.bins, [{ label: 'credited', key: 'credited', color: COLOR.settled }], 'receipts credited', 'minutes from sending to credit');
  })();
`;
