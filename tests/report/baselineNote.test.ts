// The report names the correspondent baseline in force next to every comparison of the pilot with
// correspondent banks (report.md and report.html channel sections), and says nothing of one when
// no payment took that channel.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { reportHtml } from '../../src/report/html.js';
import { baselineSentence } from '../../src/report/baselineNote.js';

const golden = (name: string): Report => JSON.parse(readFileSync(`tests/golden/expected/${name}.report.json`, 'utf8')) as Report;

describe('the correspondent baseline in the reports', () => {
  const r = golden('pilot-vs-correspondent');

  it('report.json records the baseline, its sources and the fields the scenario overrode', () => {
    expect(r.facts.correspondentBaseline?.name).toBe('russia-china-sanctioned');
    expect(r.facts.correspondentBaseline?.sources).toContain('overridden by the scenario: rejection');
  });

  it('report.md names it in the channels section, before the next section', () => {
    const md = reportMarkdown(r);
    const section = md.slice(md.indexOf('## Channels side by side'));
    const named = section.indexOf('Correspondent baseline: russia-china-sanctioned.');
    expect(named).toBeGreaterThan(0);
    expect(section.slice(0, named)).not.toMatch(/\n## /);
    expect(section).toContain('Izvestia, 2024-04-17');
  });

  it('report.html names it under the channels table', () => {
    const html = reportHtml(r, [], []);
    const section = html.slice(html.indexOf('<h2 id="channels">Channels side by side</h2>'));
    expect(section.slice(0, section.indexOf('<h2', 5))).toContain('Correspondent baseline: russia-china-sanctioned.');
  });

  it('says nothing of a baseline when no payment took the correspondent channel', () => {
    const pilotOnly = golden('sequential-vs-pvp');
    expect(baselineSentence(pilotOnly)).toBe('');
    expect(reportMarkdown(pilotOnly)).not.toContain('Correspondent baseline');
  });
});
