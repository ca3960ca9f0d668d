// The screenshots of docs/tutorial.md: runs the scenarios they need into a temporary folder with
// the built CLI, opens each report.html in headless Chromium at 1280 px wide, and saves one PNG per
// section into docs/img/. Sections are found by their heading's text, not by pixels or layout, so
// the script keeps working while the report's sections change; a section the report no longer has
// is skipped with a message, and the script exits 1 at the end so the gap is not missed.
// Run it with `npm run docs:screenshots` (builds first). Images are for people to look at: no test
// compares them; tests/docs/tutorial.test.ts only checks that every image the tutorial links exists.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.RAILPILOT_CHROMIUM ?? '/usr/bin/chromium';
const BIN = 'dist/src/cli/bin.js';
const OUT = 'docs/img';
const WIDTH = 1280;

/**
 * One image: the section of `scenario`'s report.html under the first h2 whose text starts with one
 * of `headings` (alternatives, for a heading being renamed), down to the next h2. `headings: []`
 * means the top of the page: title, description and headline cards, down to the first h2.
 */
interface Shot {
  file: string;
  scenario: string;
  headings: string[];
}

const SHOTS: Shot[] = [
  { file: 'report-headline.png', scenario: 'importer-pays-china-usdt', headings: [] },
  { file: 'report-timeline.png', scenario: 'importer-pays-china-usdt', headings: ['Payments over the run', 'Payments out over the run'] },
  { file: 'report-flow-of-funds.png', scenario: 'importer-pays-china-usdt', headings: ['Flow of funds'] },
  { file: 'report-time-to-final.png', scenario: 'importer-pays-china-usdt', headings: ['Time to final state', 'Time to credit'] },
  { file: 'report-cost.png', scenario: 'importer-pays-china-usdt', headings: ['Cost of settled payments', 'Cost'] },
  { file: 'report-diagram.png', scenario: 'importer-pays-china-usdt', headings: ['How the flows of this run went', 'How a payment flows', 'State diagram'] },
  { file: 'report-channels.png', scenario: 'pilot-vs-correspondent', headings: ['Channels side by side'] },
  { file: 'report-caps.png', scenario: 'retail-cap-dfa-law', headings: ['Caps'] },
  { file: 'report-receipts.png', scenario: 'exporter-paid-in-brics-coin', headings: ['Receipts from abroad'] },
  { file: 'report-clearing.png', scenario: 'clearing-day-many-banks', headings: ['NPCS clearing', 'Clearing'] },
];

/** The page-absolute box of a section, found in the page (the project has no DOM types, so shapes are spelled out). */
async function sectionBox(page: Page, headings: string[]): Promise<{ x: number; y: number; width: number; height: number; heading: string } | null> {
  return page.evaluate((wanted) => {
    interface El {
      tagName: string;
      textContent: string | null;
      getBoundingClientRect(): { top: number; bottom: number; left: number; width: number };
    }
    const doc = (globalThis as unknown as { document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> }; scrollY: number }).document;
    const scrollY = (globalThis as unknown as { scrollY: number }).scrollY;
    const main = doc.querySelector('main') ?? doc.querySelector('body');
    if (!main) return null;
    const box = main.getBoundingClientRect();
    const h2s = Array.from(doc.querySelectorAll('h2'));
    const footer = doc.querySelector('footer');
    const end = (footer ?? main).getBoundingClientRect()[footer ? 'top' : 'bottom'];
    let top: number;
    let bottom: number;
    let heading = 'the top of the page';
    if (wanted.length === 0) {
      top = box.top;
      bottom = h2s[0]?.getBoundingClientRect().top ?? end;
    } else {
      const i = h2s.findIndex((h) => wanted.some((w) => (h.textContent ?? '').trim().startsWith(w)));
      if (i < 0) return null;
      heading = (h2s[i]!.textContent ?? '').trim();
      top = h2s[i]!.getBoundingClientRect().top;
      bottom = h2s[i + 1]?.getBoundingClientRect().top ?? end;
    }
    // The whole 1280 px width: a wide figure (the state diagram) may overflow the text column.
    const width = (globalThis as unknown as { innerWidth: number }).innerWidth;
    return { x: 0, y: Math.max(0, top + scrollY - 8), width, height: bottom - top + 8, heading };
  }, headings);
}

function run(scenario: string, out: string): void {
  const r = spawnSync(process.execPath, [BIN, 'run', `scenarios/${scenario}.yaml`, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`railpilot run scenarios/${scenario}.yaml exited ${r.status}: ${r.stderr}`);
}

async function main(): Promise<number> {
  if (!existsSync(BIN)) {
    console.error(`${BIN} is missing: run \`npm run build\` first (npm run docs:screenshots does).`);
    return 2;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is missing: apt-get install chromium, or set RAILPILOT_CHROMIUM to a Chromium binary.`);
    return 2;
  }
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'railpilot-screenshots-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const missing: string[] = [];
  try {
    const scenarios = [...new Set(SHOTS.map((s) => s.scenario))];
    for (const scenario of scenarios) {
      run(scenario, join(tmp, scenario));
      const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(tmp, scenario, 'report.html')).href, { waitUntil: 'load' });
      // Charts draw on load with animation off; one frame more lets the last canvas paint.
      await page.waitForTimeout(300);
      for (const shot of SHOTS.filter((s) => s.scenario === scenario)) {
        const box = await sectionBox(page, shot.headings);
        if (!box || box.height < 20) {
          console.warn(`skipped ${OUT}/${shot.file}: ${scenario}'s report.html has no section headed ${shot.headings.map((h) => `"${h}"`).join(' or ')}`);
          missing.push(shot.file);
          continue;
        }
        const { heading, ...clip } = box;
        await page.screenshot({ path: join(OUT, shot.file), clip, fullPage: true });
        console.log(`wrote ${OUT}/${shot.file}: ${scenario}, ${heading} (${Math.round(clip.width)}x${Math.round(clip.height)})`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  if (missing.length > 0) {
    console.error(`${missing.length} section(s) not found: ${missing.join(', ')} (the images already in ${OUT}/ were kept)`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
