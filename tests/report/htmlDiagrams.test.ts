// report.html's state diagrams: one per kind of flow the scenario used, each under its heading and
// drawn with the run's counts; none for a kind the scenario has not (a retail day shows no payment
// abroad). The page is what `run` writes.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';

const dir = mkdtempSync(join(tmpdir(), 'railpilot-html-diagrams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function page(name: string): Promise<string> {
  const r = loadScenario(`scenarios/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  await runToFolder(r.scenario, join(dir, name));
  return readFileSync(join(dir, name, 'report.html'), 'utf8');
}

/** The flows whose diagram the page shows, in order, each checked to hold one SVG under its heading. */
function diagrams(html: string): string[] {
  const figures = [...html.matchAll(/<h3 id="diagram-(\w+)">[^<]+<\/h3>\n<figure>\n<div class="diagram"><svg [^>]*aria-label="state diagram of ([^"]+)"/g)];
  expect(html.match(/<div class="diagram">/g)?.length ?? 0).toBe(figures.length);
  return figures.map((m) => m[1]!);
}

describe('the diagrams of report.html', () => {
  it('show a retail scenario its purchases only, with the run counts', async () => {
    const html = await page('retail-cap-dfa-law');
    expect(diagrams(html)).toEqual(['retailPurchase']);
    expect(html).toContain('<h3 id="diagram-retailPurchase">How a retail purchase flows</h3>');
    expect(html).not.toContain('state diagram of a payment abroad');
    // Started flows and the final state's count are drawn in the picture.
    expect(html).toMatch(/<text[^>]*>\d+ started<\/text>/);
    expect(html).toMatch(/took it, and the more were taken, the thicker the arrow/);
  });

  it('show pilot-vs-correspondent both channels, each under its heading', async () => {
    const html = await page('pilot-vs-correspondent');
    expect(diagrams(html)).toEqual(['crossBorderPayment', 'correspondentPayment']);
    expect(html).toContain('How a payment through correspondent banks flows');
    expect(html).toMatch(/<text[^>]*>BENEFICIARY_CREDITED ×\d+<\/text>/);
  });
});
