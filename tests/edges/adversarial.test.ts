// Scenarios written against what the reports, explain and the summary assume, by a reviewer who had
// not seen their tests (tests/fixtures/adversarial/): runs where nothing was credited, parties in
// several roles, every flow refused. Each case is a misreading a user would have made.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import { recordRun } from '../../src/app/recordRun.js';
import { reportHtml } from '../../src/report/html.js';
import { summaryTables } from '../../src/report/summary.js';

function report(file: string) {
  const r = loadScenario(`tests/fixtures/adversarial/${file}`);
  if (!r.ok) throw new Error(`${file} does not load`);
  return recordRun(r.scenario, {}).report;
}

/** The summary table's row for `scenario` under `title`, as header -> cell. */
function summaryRow(text: string, title: string, scenario: string): Record<string, string> {
  const lines = text.split('\n');
  const at = lines.indexOf(title);
  const head = lines[at + 2]!;
  const row = lines.slice(at + 4).find((l) => l.startsWith(scenario))!;
  // Columns are separated by two spaces at least; headers may hold single spaces.
  const heads = head.trim().split(/ {2,}/);
  const cells = row.trim().split(/ {2,}/);
  return Object.fromEntries(heads.map((h, i) => [h, cells[i]!]));
}

describe('every flow refused (all-rejected.yaml)', () => {
  const r = report('all-rejected.yaml');

  it('receipts refused because the law did not yet allow them are not counted as blocked by sanctions', () => {
    expect(r.receipts?.blocked).toBe(0);
    const row = summaryRow(summaryTables([{ scenario: 'all-rejected', report: r }]), 'Receipts from abroad, through the pilot', 'all-rejected');
    expect(row.receipts).toBe('3');
    expect(row.blocked).toBe('0');
  });

  it('no channel credited anything: no time bins, and report.html says so instead of a chart of "weeks"', () => {
    expect(r.channelTimes?.bins).toEqual([]);
    const html = reportHtml(r, [], []);
    expect(html).not.toContain('id="chart-channel-times"');
    expect(html).not.toContain('id="chart-channel-cost"');
    expect(html).toMatch(/No payment was credited in any channel/);
  });
});
