// The studio (npm run studio): the built site opened from file:// in headless Chromium runs the
// simulator in a blob: worker with no console error and no network request, shows the default
// scenario's counts, reruns when an assumption changes (with the previous result as a ghost and
// two settings side by side), steps through one payment's postings, validates edited YAML with
// the command line's messages, and produces report.json byte-identical to `railpilot run`.
// The site is built once here; the CLI half needs `npm run build` (npm test does it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildStudio, SIZE_LIMIT, type Built } from '../../studio/build.js';
import { railpilot } from '../cli/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SITE = resolve('site');
const INDEX = pathToFileURL(join(SITE, 'index.html')).href;

let built: Built;
let tmp: string;
beforeAll(async () => {
  built = await buildStudio();
  tmp = mkdtempSync(join(tmpdir(), 'railpilot-studio-'));
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the built site', () => {
  it('is under 2 MB, with no source maps, and only classic scripts', () => {
    const bytes = readdirSync(SITE).reduce((n, f) => n + statSync(join(SITE, f)).size, 0);
    expect(bytes).toBe(built.bytes);
    expect(bytes).toBeLessThan(SIZE_LIMIT);
    expect(readdirSync(SITE).filter((f) => f.endsWith('.map'))).toEqual([]);
    const html = readFileSync(join(SITE, 'index.html'), 'utf8');
    expect(html).not.toMatch(/type="module"/);
    const js = readFileSync(join(SITE, 'studio.js'), 'utf8');
    expect(js).not.toMatch(/sourceMappingURL/);
    // The page carries laid-out SVG, not Graphviz.
    expect(js).toContain('<svg');
    expect(js).not.toMatch(/@viz-js|viz\.wasm|emscripten/i);
  });

  it("loads the core in the worker only: the page's own script holds none of src/ or its libraries", () => {
    const core = /(^|\/)src\/|node_modules\/(xstate|zod|decimal\.js|yaml|pure-rand|nanoid)\//;
    expect(built.pageInputs.filter((f) => core.test(f))).toEqual([]);
    expect(built.workerInputs.some((f) => f.startsWith('src/scenario/runner.ts'))).toBe(true);
    expect(built.workerInputs.some((f) => f.includes('node_modules/xstate/'))).toBe(true);
  });
});

const haveChromium = existsSync(CHROMIUM);
const browserRequired = process.env.CI === 'true';
if (!haveChromium && !browserRequired) console.warn(`studio browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium to run them)`);

describe.skipIf(!haveChromium && !browserRequired)('the studio in headless Chromium, from file://', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  /** Waits for the page's next finished run after `before` runs. */
  const ranAfter = async (before: number) => {
    // Polled from here: the page forbids evaluating strings, and the project's TypeScript has no DOM types.
    for (const began = performance.now(); (await runs()) <= before; await page.waitForTimeout(50)) {
      if (performance.now() - began > 30_000) throw new Error(`no run finished after run ${before}: ${await page.locator('#status').textContent()}`);
    }
    // Then until every request is answered: a control's change may have queued another run.
    await page.locator('#studio[data-busy="false"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#status').getAttribute('data-state')).toBe('done');
  };
  const runs = async () => Number((await page.locator('#studio').getAttribute('data-runs')) ?? 0);
  const figure = async (name: string) => (await page.locator(`[data-figure="${name}"]`).textContent())?.trim();
  const pick = async (file: string) => {
    const before = await runs();
    await page.selectOption('#scenario', file);
    await ranAfter(before);
    expect(await page.locator('#studio').getAttribute('data-scenario')).toBe(file);
  };

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!/^(file|blob|data):/.test(r.url())) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(INDEX, { waitUntil: 'load' });
    await ranAfter(0);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the default scenario on load and shows its counts, with no console error and no network request', async () => {
    expect(await page.locator('#studio').getAttribute('data-scenario')).toBe('importer-pays-china-usdt.yaml');
    // The scenario's figures as the command line prints them (README's summary table).
    expect(await figure('payments')).toBe('493');
    expect(await figure('settled')).toBe('316');
    expect(await figure('refunded')).toBe('100');
    expect(await figure('rejected')).toBe('75');
    expect(await figure('frozen')).toBe('2');
    for (const word of ['settled', 'refunded', 'rejected', 'frozen']) await expect(page.locator(`.label.${word}`).textContent()).resolves.toBe(word);
    expect(problems).toEqual([]);
  });

  it('reruns when an assumption changes, shows the previous result as a ghost, and compares two settings on the same seed', async () => {
    await pick('halted-chain-refund.yaml');
    expect([await figure('settled'), await figure('refunded')]).toEqual(['1', '1']);
    expect(await page.locator('#control-halt').isChecked()).toBe(true);
    await page.click('#pin');
    const before = await runs();
    await page.uncheck('#control-halt');
    await ranAfter(before);
    // Without the halt the second payment is included in a block and settles too.
    expect([await figure('settled'), await figure('refunded')]).toEqual(['2', '0']);
    expect(await page.locator('[data-before="settled"]').textContent()).toBe('before: 1');
    expect(await page.locator('[data-before="refunded"]').textContent()).toBe('before: 1');
    const comparison = await page.locator('#comparison').innerText();
    expect(comparison).toContain('chain halt: true (A) → false (B)');
    expect(comparison).toMatch(/refunded\s+1\s+0\s+-1/);
    expect(comparison).toMatch(/lost on refunds \(RUB\)\s+[\d.]+\s+0\.00\s+-[\d.]+/);
    // A larger spread costs settled payments more.
    const cost = await figure('cost');
    const again = await runs();
    await page.fill('#control-spread', '400');
    await page.dispatchEvent('#control-spread', 'change');
    await ranAfter(again);
    expect(Number.parseFloat((await figure('cost'))!)).toBeGreaterThan(Number.parseFloat(cost!));
    expect(problems).toEqual([]);
  });

  it('steps through one payment: its states on the diagram, the postings and balances of each step, forward and back', async () => {
    await pick('one-payment-life.yaml');
    await page.waitForSelector('#step-count[data-step="1"]');
    expect(await page.locator('#story-headline').innerText()).toContain('Payment order-1: importer-msk pays supplier-sz 100,000.00 CNY');
    const seen: { state: string; postings: string }[] = [];
    for (;;) {
      const postings = page.locator('#step table[data-postings]');
      seen.push({ state: (await page.locator('#diagram g.node.current title').textContent()) ?? '', postings: (await postings.count()) > 0 ? await postings.innerText() : '' });
      if (await page.locator('#step-forward').isDisabled()) break;
      await page.click('#step-forward');
    }
    expect(seen[0]!.state).toBe('screening');
    expect(seen.at(-1)!.state).toBe('settled');
    // The RUB hold on the importer's account, as `railpilot explain` tells it.
    const hold = seen.find((s) => s.postings.includes('hold.pending'));
    expect(hold?.postings).toMatch(/banks:bank-a:importer-msk\s+-\d+\.\d{2} RUB/);
    expect(seen.some((s) => /offramp\.paid/.test(s.postings))).toBe(true);
    const last = await page.locator('#step-count').getAttribute('data-step');
    await page.click('#step-back');
    expect(Number(await page.locator('#step-count').getAttribute('data-step'))).toBe(Number(last) - 1);
    expect(await page.locator('#diagram g.node.current title').textContent()).toBe(seen.at(-2)!.state);
    expect(problems).toEqual([]);
  });

  it('validates edited YAML as it is typed, with the line, field and message `railpilot check` gives', async () => {
    await pick('one-payment-life.yaml');
    const text = readFileSync('scenarios/one-payment-life.yaml', 'utf8').replace('amount: "100000.00 CNY"', 'amount: 100000.5');
    await page.fill('#yaml', text);
    await page.waitForSelector('#problems li');
    const shown = await page.locator('#problems').innerText();
    const file = join(tmp, 'one-payment-life.yaml');
    writeFileSync(file, text);
    const cli = railpilot(['check', file]);
    expect(cli.code).toBe(2);
    const message = cli.stderr.split('\n').find((l) => l.includes('payments[0].amount'))!;
    expect(message).toContain('expected an amount as a string');
    expect(shown.trim()).toBe(message.replace(file, 'one-payment-life.yaml').trim());
    problems.length = 0;
  });

  it('applies every control at its schema path: the report.json of `railpilot run` on the file edited by hand to match', async () => {
    await pick('halted-chain-refund.yaml');
    const before = await runs();
    await page.selectOption('#control-regime', 'concept-2025');
    await page.selectOption('#control-settlement', 'pvp');
    await page.fill('#control-halt-minutes', '45');
    await page.fill('#control-depeg', '2');
    await page.fill('#control-spread', '120');
    await page.fill('#control-npcs-fee', '25');
    await page.fill('#control-chain-fee', '3.50');
    await page.dispatchEvent('#control-chain-fee', 'change');
    await ranAfter(before);
    const download = await Promise.all([page.waitForEvent('download'), page.click('#download')]).then(([d]) => d);
    const fromPage = readFileSync(await download.path(), 'utf8');
    const edited = readFileSync('scenarios/halted-chain-refund.yaml', 'utf8')
      .replace('start: 2024-09-02T09:00:00Z', 'start: 2024-09-02T09:00:00Z\nregime: {preset: concept-2025}\nrails: {npcsFeeBps: 25}')
      .replace('USDT/RUB: {mid: "92.50", spreadBps: 50,', 'USDT/RUB: {mid: "92.50", spreadBps: 120,')
      .replace('fee: "2.00 USDT"', 'fee: "3.50 USDT"')
      .replace('at: 2024-09-02T10:00:00Z, for: PT2H}', 'at: 2024-09-02T10:00:00Z, for: PT45M}\n  - {kind: depeg, coin: USDT, by: "0.02", at: 2024-09-02T10:00:00Z, for: PT1H}')
      .replaceAll('amount: "100000.00 CNY", at:', 'amount: "100000.00 CNY", settlement: pvp, at:');
    const file = join(tmp, 'halted-chain-refund.yaml');
    writeFileSync(file, edited);
    const out = join(tmp, 'edited');
    const cli = railpilot(['run', file, '--out', out, '--quiet']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(fromPage).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(problems).toEqual([]);
  });

  it.each(['importer-pays-china-usdt.yaml', 'usdt-depeg-in-flight.yaml'])('runs %s to the same report.json, byte for byte, as `railpilot run`', async (file) => {
    await pick(file);
    const download = await Promise.all([page.waitForEvent('download'), page.click('#download')]).then(([d]) => d);
    const fromPage = readFileSync(await download.path(), 'utf8');
    const out = join(tmp, file.replace('.yaml', ''));
    const cli = railpilot(['run', join('scenarios', file), '--out', out, '--quiet']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(fromPage).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(problems).toEqual([]);
  });
});
