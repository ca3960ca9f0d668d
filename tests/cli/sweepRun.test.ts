// A sweep run not kept makes its report in memory: it must be the report `run` writes, to the
// byte, or the ensemble would describe other runs than the ones its replay commands make.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';
import { reportInMemory } from '../../src/cli/sweepRun.js';
import { reportJson } from '../../src/report/index.js';

const dir = mkdtempSync(join(tmpdir(), 'railpilot-sweeprun-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a sweep run in memory', () => {
  // Cross-border with a depeg, the law's dates with domestic orders, retail caps, NPCS clearing.
  for (const [file, seed] of [['tests/cli/sweep/small.yaml', 2], ['scenarios/payment-before-and-after-law.yaml', 5], ['scenarios/retail-cap-dfa-law.yaml', 8], ['scenarios/clearing-day-many-banks.yaml', 13]] as const) {
    it(`makes the report.json run writes: ${file}, seed ${seed}`, async () => {
      const r = loadScenario(file);
      if (!r.ok) throw new Error(`${file} does not load`);
      const out = join(dir, String(seed));
      await runToFolder(r.scenario, out, seed);
      expect(reportJson(reportInMemory(r.scenario, seed))).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
    });
  }
});
