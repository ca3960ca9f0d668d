// An ensemble's figures: exact statistics across seeds (mean, nearest-rank percentiles, a 95% CI),
// paired differences on the seeds both points ran, the same bytes whatever order the runs came
// in; and ensemble.html renders in headless Chromium with every chart holding data, the G20
// target drawn, and no request or console error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { Decimal } from 'decimal.js';
import { buildEnsemble, ensembleJson, stats, type EnsembleRow, type SweepPlanInfo } from '../../src/report/ensemble.js';
import { ensembleHtml } from '../../src/report/ensembleHtml.js';
import { inlineLibraries } from '../../src/cli/inlineLibraries.js';
import { ensembleMarkdown } from '../../src/report/ensembleMarkdown.js';
import { HEADLINE } from '../../src/report/headline.js';

const CHROMIUM = '/usr/bin/chromium';

const plan: SweepPlanInfo = { scenario: 'toy', file: 'toy.yaml', scenarioSha256: 'ab'.repeat(32), seeds: '1..4', seedCount: 4, parameters: [{ path: 'regime.preset', values: ['dfa-law', 'concept-2025'] }] };
const points = [{ 'regime.preset': 'dfa-law' }, { 'regime.preset': 'concept-2025' }];

/** A run's figures: every headline figure, with the ones an ensemble summarises given. */
function row(point: number, seed: number, credited: number | null, cost: string, broken: EnsembleRow['broken'] = []): EnsembleRow {
  const figures = Object.fromEntries(HEADLINE.map((f) => [f.key, f.kind === 'rub' ? '0.00' : 0]));
  return { point, seed, figures: { ...figures, credited_within_1h_share: credited, cost_rub: cost, cost_percent: 0.5, settled: seed }, broken };
}

const rows = [
  row(0, 1, 0.5, '100.00'),
  row(0, 2, 0.75, '200.00'),
  row(0, 3, 1, '300.00'),
  row(0, 4, null, '400.00'),
  row(1, 1, 0.25, '150.00'),
  row(1, 2, 0.5, '260.00'),
  row(1, 3, 0.75, '330.00', [{ name: 'conservation', detail: 'entry e-1 moved funding' }]),
  row(1, 4, 1, '480.00'),
];

describe('the statistics of an ensemble', () => {
  it('are exact decimals: mean, nearest-rank percentiles and a normal 95% CI of the mean', () => {
    const s = stats(['1', '2', '3', '4'].map((v) => new Decimal(v)), 3);
    // sd = sqrt(5/3); half-width = 1.959964 * sd / 2 = 1.265...
    expect(s).toEqual({ n: 4, mean: '2.500', p5: '1.000', p50: '2.000', p95: '4.000', ci95: ['1.235', '3.765'] });
    expect(stats([new Decimal('0.1')], 2)).toEqual({ n: 1, mean: '0.10', p5: '0.10', p50: '0.10', p95: '0.10', ci95: null });
    expect(stats([], 2).mean).toBeNull();
  });

  it('summarise each grid point across seeds, leaving out runs without a value', () => {
    const e = buildEnsemble(plan, points, rows);
    expect(e.points[0]!.stats.credited_within_1h_share).toMatchObject({ n: 3, mean: '0.750000', p50: '0.750000' });
    expect(e.points[0]!.stats.cost_rub).toMatchObject({ n: 4, mean: '250.00', p5: '100.00', p95: '400.00' });
    expect(e.points[1]!.brokenRuns).toBe(1);
    expect(e.broken).toEqual([{ point: 1, seed: 3, parameters: { 'regime.preset': 'concept-2025' }, invariant: 'conservation', detail: 'entry e-1 moved funding' }]);
  });

  it('pair point 1 with point 0 seed by seed, on the seeds both have a value', () => {
    const d = buildEnsemble(plan, points, rows).pairedDifferences;
    expect(d).toHaveLength(1);
    // cost: 50, 60, 30, 80 -> mean 55; credited: -0.25 on seeds 1..3 (seed 4 has none at point 0).
    expect(d[0]!.stats.cost_rub).toMatchObject({ n: 4, mean: '55.00', p5: '30.00', p95: '80.00' });
    expect(d[0]!.stats.credited_within_1h_share).toMatchObject({ n: 3, mean: '-0.250000', p50: '-0.250000' });
  });

  it('do not depend on the order the rows were given in', () => {
    const shuffled = [rows[5]!, rows[0]!, rows[7]!, rows[2]!, rows[1]!, rows[6]!, rows[4]!, rows[3]!];
    expect(ensembleJson(buildEnsemble(plan, points, shuffled))).toBe(ensembleJson(buildEnsemble(plan, points, rows)));
  });

  it('tell a reader of ensemble.md the run that broke and how to replay it', () => {
    const md = ensembleMarkdown(buildEnsemble(plan, points, rows));
    expect(md).toContain('Target: G20: 75% within 1 h.');
    expect(md).toContain('`railpilot run toy.yaml --seed 3 --set regime.preset=concept-2025`');
  });
});

const haveChromium = existsSync(CHROMIUM);
describe.skipIf(!haveChromium && process.env.CI !== 'true')(`ensemble.html in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'railpilot-ensemble-html-'));
    writeFileSync(join(dir, 'ensemble.html'), ensembleHtml(buildEnsemble(plan, points, rows), inlineLibraries()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every figure per point and its paired difference, the G20 target on its chart, with no error or request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const file = pathToFileURL(join(dir, 'ensemble.html')).href;
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== file) problems.push(`request: ${r.url()}`);
    });
    await page.goto(file, { waitUntil: 'load' });
    const charts = await page.evaluate(() => {
      interface ChartLike {
        canvas: { id: string };
        width: number;
        data: { datasets: { data: unknown[] }[] };
        options: { plugins: { annotation?: { annotations: Record<string, { yMin: number }> } } };
      }
      const Chart = (globalThis as unknown as { Chart: { instances: Record<string, ChartLike> } }).Chart;
      return Object.values(Chart.instances).map((c) => ({
        id: c.canvas.id,
        width: c.width,
        values: c.data.datasets.flatMap((d) => d.data).filter((x) => x !== null).length,
        target: c.options.plugins.annotation?.annotations.target?.yMin ?? null,
      }));
    });
    expect(problems).toEqual([]);
    // Nine figures, each per point and as a paired difference.
    expect(charts).toHaveLength(18);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(300);
      expect(c.values, c.id).toBeGreaterThan(0);
    }
    expect(charts.find((c) => c.id === 'chart-credited_within_1h_share')!.target).toBe(0.75);
    expect(charts.find((c) => c.id === 'chart-cost_percent')!.target).toBe(1);
    expect(charts.find((c) => c.id === 'diff-cost_rub')!.target).toBe(0);
    await page.close();
  });
});
