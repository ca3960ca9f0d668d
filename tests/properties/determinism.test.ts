// Same scenario and seed, byte-identical outputs; another seed, another run.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';

const FILES = ['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'report.json', 'report.md', 'report.html', 'outcomes.jsonl'];

async function runTwice(seedA?: number, seedB?: number) {
  const r = loadScenario('scenarios/importer-pays-china-usdt.yaml');
  if (!r.ok) throw new Error('shipped scenario does not load');
  const dir = mkdtempSync(join(tmpdir(), 'railpilot-det-'));
  try {
    await runToFolder(r.scenario, join(dir, 'a'), seedA);
    await runToFolder(r.scenario, join(dir, 'b'), seedB);
    return FILES.map((f) => [readFileSync(join(dir, 'a', f)), readFileSync(join(dir, 'b', f))] as const);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('determinism', () => {
  it('gives byte-identical output files for the same scenario and seed', async () => {
    for (const [i, [a, b]] of (await runTwice()).entries()) {
      expect(a.length, FILES[i]).toBeGreaterThan(0);
      expect(a.equals(b), `${FILES[i]} differs between two runs`).toBe(true);
    }
  });

  it('gives a different run for a different seed', async () => {
    const [ledger, , trace] = await runTwice(1, 2);
    expect(ledger![0].equals(ledger![1])).toBe(false);
    expect(trace![0].equals(trace![1])).toBe(false);
  });
});
