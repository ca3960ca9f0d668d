// verify over records at the edges of what the invariants read (found reviewing the speed work of
// issue 12, and as old as verify): an amount with more decimals than any asset has is bad input
// naming file and line, not an internal error inside an invariant; a run whose times pass the year
// 9999 (written "+010000-01-01T..." as Date#toISOString writes them) verifies as the run wrote it.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, railpilot, reseal, tempDir } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/adversarial/', import.meta.url));

let root: { dir: string; cleanup(): void };
let folder: string;

beforeAll(() => {
  root = tempDir('verify-odd');
  folder = join(root.dir, 'past-year-9999');
  const r = railpilot(['run', join(FIXTURES, 'past-year-9999.yaml'), '--out', folder, '-q']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => root.cleanup());

describe('verify at the edges of the records', () => {
  it('passes a run whose times go past the year 9999, as the run wrote them', () => {
    expect(readFileSync(join(folder, 'ledger.jsonl'), 'utf8')).toContain('"time":"+010000-01-01T');
    const r = railpilot(['verify', folder]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/all \d+ invariants hold/);
  });

  it('refuses an amount with more than 18 decimals as bad input naming file and line', () => {
    const ledger = join(folder, 'ledger.jsonl');
    const lines = readFileSync(ledger, 'utf8').trimEnd().split('\n');
    const e = JSON.parse(lines[1]!) as { postings: { amount: string }[] };
    e.postings[0]!.amount = '0.0000000000000000001';
    lines[1] = JSON.stringify(e);
    writeFileSync(ledger, lines.join('\n') + '\n');
    reseal(folder);
    const r = railpilot(['verify', folder]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${ledger}:2: postings[0].amount: expected a decimal amount as a string, at most 18 decimals`);
  });
});
