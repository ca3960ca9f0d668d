// verify over records at the edges of what the invariants read (found reviewing the speed work of
// issue 12, and as old as verify): an amount with more decimals than any asset has is bad input
// naming file and line, not an internal error inside an invariant; a run whose times pass the year
// 9999 (written "+010000-01-01T..." as Date#toISOString writes them) verifies as the run wrote it;
// an outcome amount that is not "<decimal> <asset>" is bad input naming file, line and field.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('verify of outcome amounts the invariants read', () => {
  let run: string;
  beforeAll(() => {
    run = join(root.dir, 'caps-buyer-listed');
    const r = railpilot(['run', join(FIXTURES, 'caps-buyer-listed.yaml'), '--out', run, '-q']);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each(['amount', 'rub', 'coin', 'refunded', 'forfeited', 'frozen', 'capValue'])('an outcome whose %s is not an amount and its asset is bad input naming file, line and field', (field) => {
    const copy = join(root.dir, `tampered-${field}`);
    cpSync(run, copy, { recursive: true });
    const outcomes = join(copy, 'outcomes.jsonl');
    const lines = readFileSync(outcomes, 'utf8').trimEnd().split('\n');
    const o = JSON.parse(lines[0]!) as Record<string, unknown>;
    o[field] = 'abc RUB';
    lines[0] = JSON.stringify(o);
    writeFileSync(outcomes, lines.join('\n') + '\n');
    reseal(copy);
    const r = railpilot(['verify', copy]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${outcomes}:1: ${field}: expected an amount and its asset like "9250000.00 RUB" (at most 18 decimals) or null, got "abc RUB"`);
  });

  it('the run as written passes', () => {
    expect(readFileSync(join(run, 'outcomes.jsonl'), 'utf8')).toMatch(/"capValue":"\d+\.\d+ RUB"/);
    const r = railpilot(['verify', run]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
