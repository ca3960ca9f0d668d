// The summary `run` and `suite` print, and suite's summary.json/summary.csv: figures are report.json's
// (credited within 1 h, not "final"), judged against the G20 target, one table per flow kind present.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { summaryTables } from '../../src/report/summary.js';
import { summaryCsv, summaryJson, summaryRecords } from '../../src/report/summaryFiles.js';

const golden = (name: string): Report => JSON.parse(readFileSync(`tests/golden/expected/${name}.report.json`, 'utf8')) as Report;
const row = (name: string) => ({ scenario: name, report: golden(name) });
const TITLES = { out: 'Cross-border payments out', receipts: 'Receipts from abroad', correspondent: 'through correspondent banks', orders: 'Retail and miner orders' };

/** The cells of `scenario`'s row in the table under `title`, keyed by column heading. */
function cells(text: string, title: string, scenario: string): Record<string, string> {
  const lines = text.slice(text.indexOf(title)).split('\n');
  const head = lines[2]!;
  const line = lines.find((l) => l.startsWith(`${scenario} `))!;
  // Columns are separated by two spaces; headings may hold single spaces.
  const split = (l: string) => l.trim().split(/ {2,}/);
  const heads = split(head);
  return Object.fromEntries(split(line).map((c, i) => [heads[i]!, c]));
}

describe('summary tables', () => {
  it('shows the share credited within 1 h from report.json, with the G20 verdict (importer-pays-china-usdt: 63.7%, not met)', () => {
    const r = golden('importer-pays-china-usdt');
    const text = summaryTables([row('importer-pays-china-usdt')]);
    const c = cells(text, TITLES.out, 'importer-pays-china-usdt');
    expect(r.withinOneHour.settledShare).toBeCloseTo(0.636917, 6);
    expect(c['credited ≤1h']).toBe('63.7%');
    expect(c['G20 75% ≤1h']).toBe('not met');
    expect(c['payments']).toBe(String(r.payments.total));
    expect(c['settled']).toBe(String(r.payments.byStatus.settled));
    // Percentiles of settled payments only, in minutes: not the all-payments figure.
    expect(c['p50 settled (min)']).toBe((r.timeToFinalSeconds.settled.p50! / 60).toFixed(1));
    expect(c['p95 settled (min)']).toBe((r.timeToFinalSeconds.settled.p95! / 60).toFixed(1));
    expect(c['cost % of principal']).toBe(r.costRub.percentOfPrincipal!.toFixed(2));
    expect(text).not.toContain('final <1h');
  });

  it('says met when the share reaches the target', () => {
    const c = cells(summaryTables([row('pilot-vs-correspondent')]), TITLES.out, 'pilot-vs-correspondent');
    expect(c['credited ≤1h']).toBe('100.0%');
    expect(c['G20 75% ≤1h']).toBe('met');
  });

  it('shows a table only for the flow kinds present, each with a legend of its columns', () => {
    const retail = summaryTables([row('retail-cap-dfa-law')]);
    expect(retail).toContain(TITLES.orders);
    for (const t of [TITLES.out, TITLES.receipts, TITLES.correspondent]) expect(retail).not.toContain(t);
    expect(cells(retail, TITLES.orders, 'retail-cap-dfa-law')).toMatchObject({ flow: 'retail purchase', orders: '80', filled: '64', rejected: '16' });
    expect(retail).toMatch(/^ {2}filled: /m);

    const receipts = summaryTables([row('exporter-paid-in-brics-coin')]);
    expect(receipts).toContain(TITLES.receipts);
    for (const t of [TITLES.out, TITLES.correspondent, TITLES.orders]) expect(receipts).not.toContain(t);
    expect(cells(receipts, TITLES.receipts, 'exporter-paid-in-brics-coin')).toMatchObject({ receipts: '181', credited: '161', blocked: '18', frozen: '2' });

    const both = summaryTables([row('pilot-vs-correspondent')]);
    expect(both).toContain(TITLES.out);
    expect(both).toContain(TITLES.correspondent);
    expect(cells(both, TITLES.correspondent, 'pilot-vs-correspondent')).toMatchObject({
      baseline: 'russia-china-sanctioned',
      payments: '150',
      settled: '62',
      returned: '88',
      'credited ≤1h': '0.0%',
      'G20 75% ≤1h': 'not met',
    });
    for (const t of [both, retail, receipts]) expect(t).toMatch(/^ {2}credited ≤1h: |^ {2}rejected: /m);
  });
});

describe('summary.json and summary.csv', () => {
  const names = ['importer-pays-china-usdt', 'retail-cap-dfa-law', 'exporter-paid-in-brics-coin'];
  const records = summaryRecords(names.map(row));

  it('carry every headline figure per scenario, as report.json has it', () => {
    const json = JSON.parse(summaryJson(records)) as Record<string, unknown>[];
    expect(json.map((r) => r.scenario)).toEqual(names);
    expect(json[0]).toMatchObject({ payments: 493, settled: 316, credited_within_1h_share: 0.636917, credited_within_1h_met: false, final_within_1h_share: 0.991886, cost_rub: golden('importer-pays-china-usdt').costRub.total });
    expect(json[1]).toMatchObject({ orders: 80, filled: 64, payments: 0, credited_within_1h_met: null });
    expect(json[2]).toMatchObject({ receipts: 181 });
  });

  it('CSV: a header row, then one row per scenario with the same values', () => {
    const lines = summaryCsv(records).trimEnd().split('\n');
    expect(lines).toHaveLength(names.length + 1);
    const keys = lines[0]!.split(',');
    expect(keys).toEqual(Object.keys(records[0]!));
    const fields = (line: string): Record<string, string> => Object.fromEntries(line.split(',').map((v, i) => [keys[i]!, v]));
    const first = fields(lines[1]!);
    expect(first).toMatchObject({ scenario: 'importer-pays-china-usdt', credited_within_1h_share: '0.636917', credited_within_1h_met: 'false', p50_settled_seconds: '676.77' });
    expect(fields(lines[2]!).p50_settled_seconds).toBe('');
  });
});
