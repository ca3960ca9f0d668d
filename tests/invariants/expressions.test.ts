// Invariants a scenario declares in the expression form: parsed (never run as code), refused
// with a message when malformed, and evaluated exactly over a run's records.

import { describe, expect, it } from 'vitest';
import { parseDeclared, declaredInvariant, checkRun, type DeclaredInvariant, type EntryRecord, type OutcomeRecord } from '../../src/invariants/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import { readFileSync } from 'node:fs';
import { railpilot, tempDir } from '../cli/helpers.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const parse = (text: string) => parseDeclared(text) as DeclaredInvariant;
const FACTS = { finalStates: {}, boundsMs: {}, requests: {}, declared: [], sanctions: [], caps: { nonQualified: null, qualified: null } };

function entry(id: string, account: string, amount: string): EntryRecord {
  const negated = amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
  return { id, time: '2024-09-02T09:00:00.000Z', flow: 'f', kind: 'move', memo: '', postings: [{ account, asset: 'RUB', amount }, { account: 'external:funding', asset: 'RUB', amount: negated }] };
}

function outcome(id: string, status: string, minutes: number): OutcomeRecord {
  return {
    flow: 'crossBorderPayment', id, status, reason: null, initiatedAt: '2024-09-02T09:00:00.000Z', finalAt: new Date(Date.parse('2024-09-02T09:00:00Z') + minutes * 60_000).toISOString(),
    party: 'p', partyAccount: null, counterparty: null, amount: '1.00 CNY', rub: null, coin: null, refunded: null, frozen: null, capValue: null, category: null, capYear: null,
  };
}

const verdict = (text: string, entries: EntryRecord[], outcomes: OutcomeRecord[] = []) =>
  checkRun({ entries, traces: [], outcomes }, FACTS, [declaredInvariant(parse(text))])[0]!;

describe('parseDeclared', () => {
  it('reads the three forms', () => {
    expect(parse('balance(importer-msk, RUB) >= 0 at all times')).toMatchObject({ metric: { kind: 'balance', party: 'importer-msk', asset: 'RUB', always: true }, cmp: '>=', bound: '0' });
    expect(parse('share settled within PT1H >= 0.75')).toMatchObject({ metric: { kind: 'share', status: 'settled', withinMs: 3_600_000 }, bound: '0.75' });
    expect(parse('count refunded <= 10')).toMatchObject({ metric: { kind: 'count', status: 'refunded' }, cmp: '<=', bound: '10' });
  });

  it('reads durations as scenario files do: weeks and fractions of a second too', () => {
    expect(parse('share settled within P1W >= 0.5')).toMatchObject({ metric: { withinMs: 7 * 86_400_000 } });
    expect(parse('share settled within PT1.5S >= 0.5')).toMatchObject({ metric: { withinMs: 1_500 } });
    expect(typeof parseDeclared('share settled within P1Y >= 0.5')).toBe('string');
  });

  it('refuses anything else with the forms it takes, and never evaluates code', () => {
    for (const bad of ['process.exit(1)', 'balance(x, RUB) >= 1e9', 'share settled within soon >= 0.5', 'count settled <= -1']) {
      expect(typeof parseDeclared(bad), bad).toBe('string');
    }
  });
});

describe('declared invariants over records', () => {
  it('balance at all times catches a dip that the end state hides', () => {
    const entries = [entry('E1', 'banks:a:x', '100.00'), entry('E2', 'banks:a:x', '-150.00'), entry('E3', 'banks:a:x', '60.00')];
    const always = verdict('balance(x, RUB) >= 0 at all times', entries);
    expect(always.ok).toBe(false);
    expect(always.detail).toBe('after E2 (move of f) the balance is -50 RUB');
    expect(verdict('balance(x, RUB) >= 0', entries).ok).toBe(true);
    expect(verdict('balance(x, RUB) == 10.00', entries).ok).toBe(true);
  });

  it('share within a duration counts only what ended in time, compared exactly', () => {
    const outcomes = [outcome('a', 'settled', 30), outcome('b', 'settled', 90), outcome('c', 'rejected', 1), outcome('d', 'settled', 60)];
    expect(verdict('share settled within PT1H >= 0.5', [], outcomes).ok).toBe(true);
    const strict = verdict('share settled within PT1H > 0.5', [], outcomes);
    expect(strict.ok).toBe(false);
    expect(strict.detail).toBe('2 of 4 (50.0%)');
    expect(verdict('count settled <= 2', [], outcomes).detail).toBe('3 settled');
  });
});

describe('in a scenario', () => {
  const base = readFileSync('scenarios/one-payment-life.yaml', 'utf8');

  it('is refused at check time when malformed or naming an unknown participant or status', () => {
    const bad = parseScenario('s.yaml', `${base}invariants:\n  - balance(nobody, RUB) >= 0\n  - share happy >= 0.5\n  - always be closing\n`);
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invariants\[2\]: expected one of/) as unknown,
      ]),
    );
    const semantic = parseScenario('s.yaml', `${base}invariants:\n  - balance(nobody, RUB) >= 0\n  - share happy >= 0.5\n`);
    const semanticMessages = semantic.ok ? [] : semantic.problems.map((p) => `${p.path}: ${p.message}`);
    expect(semanticMessages).toEqual([
      expect.stringMatching(/^invariants\[0\]: unknown participant nobody/) as unknown,
      expect.stringMatching(/^invariants\[1\]: unknown status happy/) as unknown,
    ]);
  });

  it('makes railpilot run exit 1 and name the broken promise, and verify agree', () => {
    const temp = tempDir('declared');
    const dir = temp.dir;
    try {
      writeFileSync(join(dir, 's.yaml'), `${base}invariants:\n  - share settled within PT1H >= 0.5\n  - count settled >= 2\n`);
      const run = railpilot(['run', 's.yaml', '--out', 'out', '-q'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("1 of the scenario's own invariants fail");
      expect(run.stderr).toContain('FAIL  declared: count settled >= 2');
      const verify = railpilot(['verify', 'out'], { cwd: dir });
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain('pass  declared: share settled within PT1H >= 0.5');
      expect(verify.stdout).toContain('FAIL  declared: count settled >= 2');
    } finally {
      temp.cleanup();
    }
  });
});
