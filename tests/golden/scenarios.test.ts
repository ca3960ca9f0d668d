// Golden runs: every shipped scenario's report, and digests of its ledger and trace, compared
// with the committed copies in tests/golden/expected/. A change in any outcome shows up here;
// when the change is meant, regenerate with `npx vitest run tests/golden -u` and review the diff.

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';
import { verifyRun } from '../../src/cli/verify.js';
import { reportFromFolder } from '../../src/cli/report.js';

const scenarios = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('shipped scenarios', () => {
  it('are there', () => expect(scenarios.length).toBeGreaterThanOrEqual(2));

  for (const file of scenarios) {
    it(`${file} gives its golden outputs`, async () => {
      const r = loadScenario(join('scenarios', file));
      if (!r.ok) throw new Error(`${file} does not load: ${JSON.stringify(r.problems)}`);
      const dir = mkdtempSync(join(tmpdir(), 'railpilot-golden-'));
      try {
        await runToFolder(r.scenario, join(dir, 'run'));
        const digest = (f: string) => createHash('sha256').update(readFileSync(join(dir, 'run', f))).digest('hex');
        await expect(readFileSync(join(dir, 'run', 'report.json'), 'utf8')).toMatchFileSnapshot(`expected/${r.scenario.name}.report.json`);
        await expect(
          ['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'outcomes.jsonl', 'report.md'].map((f) => `${digest(f)}  ${f}`).join('\n') + '\n',
        ).toMatchFileSnapshot(`expected/${r.scenario.name}.sha256`);
        // Every settlement invariant of the kit holds on every shipped scenario, read back from its files.
        const broken = verifyRun(join(dir, 'run')).filter((v) => !v.ok);
        expect(broken).toEqual([]);
        // The report is a function of the records: recomputed from the folder, it is the same bytes.
        await reportFromFolder(join(dir, 'run'), join(dir, 'again'));
        for (const f of ['report.json', 'report.md', 'report.html']) expect(readFileSync(join(dir, 'again', f)).equals(readFileSync(join(dir, 'run', f))), `railpilot report gives another ${f}`).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
