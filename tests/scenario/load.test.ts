// The scenario loader: valid files load, and every kind of bad input becomes a list of problems
// that name the file, the line (YAML), the field path and what was expected.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPath, formatProblems, parseScenario, type LoadResult, type Problem } from '../../src/scenario/load.js';
import { loadScenario } from '../../src/cli/readScenario.js';
import { BAD_CASES, TINY_NAME, TINY_YAML, edit, lineOf, tinyJson } from './fixtures.js';

const SHIPPED = fileURLToPath(new URL('../../scenarios/importer-pays-china-usdt.yaml', import.meta.url));

/** `s` with regular-expression characters escaped. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function problemsOf(r: LoadResult): Problem[] {
  if (r.ok) throw new Error('expected the scenario to be rejected, but it loaded');
  return r.problems;
}

/** The problems of `text` (as a YAML file) after one edit. */
function problemsAfter(from: string, to: string): Problem[] {
  return problemsOf(parseScenario('s.yaml', edit(TINY_YAML, from, to)));
}

describe('parseScenario: valid input', () => {
  it('loads the tiny YAML scenario', () => {
    const r = parseScenario('tiny.yaml', TINY_YAML);
    if (!r.ok) throw new Error(formatProblems('tiny.yaml', r.problems));
    expect(r.scenario.name).toBe(TINY_NAME);
    expect(r.scenario.seed).toBe(7);
    expect(r.scenario.participants.map((p) => p.participant.id)).toEqual(['importer-msk', 'supplier-sz', 'supplier-blocked']);
    expect(r.scenario.payments).toHaveLength(3);
  });

  it('accepts the .yml extension', () => {
    expect(parseScenario('tiny.yml', TINY_YAML).ok).toBe(true);
  });

  it('accepts the JSON form of the same scenario and reads it the same', () => {
    const fromYaml = parseScenario('tiny.yaml', TINY_YAML);
    const fromJson = parseScenario('tiny.json', tinyJson());
    expect(fromJson.ok).toBe(true);
    expect(fromJson).toEqual(fromYaml);
  });

  it('loads the shipped scenario from disk', () => {
    const r = loadScenario(SHIPPED);
    if (!r.ok) throw new Error(formatProblems(SHIPPED, r.problems));
    expect(r.scenario.name).toBe('importer-pays-china-usdt');
  });

  it('accepts an amount with fewer decimals than its asset has', () => {
    expect(parseScenario('s.yaml', edit(TINY_YAML, '"100000.00 CNY"', '"100000.5 CNY"')).ok).toBe(true);
  });
});

describe('parseScenario: each bad input names the file, line, field path and what was expected', () => {
  for (const c of BAD_CASES) {
    const file = `${c.name}${c.ext}`;
    it(c.name, () => {
      const r = parseScenario(file, c.text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.file).toBe(file);
      const hit = r.problems.find((p) => p.path === c.path && c.says.test(p.message));
      expect(hit, `a problem at "${c.path}" matching ${String(c.says)}; got ${JSON.stringify(r.problems)}`).toBeDefined();
      const text = formatProblems(file, r.problems);
      if (c.line !== undefined) {
        expect(hit!.line).toBe(c.line);
        expect(text).toMatch(new RegExp(`^${literal(file)}:${c.line}:\\d+: ${c.path ? literal(c.path) + ': ' : ''}`, 'm'));
      } else {
        expect(text).toMatch(new RegExp(`^${literal(file)}(:\\d+:\\d+)?: `));
      }
      // JSON gets the same treatment as YAML: every message has a line and a column.
      if (c.ext === '.json') expect(hit!.line, JSON.stringify(hit)).toBeGreaterThan(0);
    });
  }

  // Bug: a negative amount is reported as `expected an amount as a string, like "100000.00 CNY"`
  // although it is a string; unlike a zero amount, the message never says it must be positive.
  it('says a negative amount must be greater than zero', () => {
    const [p] = problemsAfter('amount: "100000.00 CNY"', 'amount: "-100000.00 CNY"');
    expect(p?.path).toBe('payments[0].amount');
    expect(p?.message).toMatch(/greater than zero|positive|negative/);
  });
});

describe('parseScenario: other checks across the file', () => {
  it('rejects a file that is not YAML or JSON by its extension', () => {
    const [p] = problemsOf(parseScenario('tiny.txt', TINY_YAML));
    expect(p?.message).toMatch(/expected a \.yaml, \.yml or \.json file/);
  });

  it('rejects a list at the top', () => {
    const [p] = problemsOf(parseScenario('list.yaml', '- 1\n- 2\n'));
    expect(p?.message).toMatch(/expected a mapping of scenario fields at the top, got a list/);
  });

  it('reports a missing required field', () => {
    const problems = problemsAfter('seed: 7\n', '');
    expect(problems).toContainEqual(expect.objectContaining({ path: 'seed', message: expect.stringMatching(/^missing/) as unknown }));
  });

  it('rejects more decimals than the asset has', () => {
    const problems = problemsAfter('"100000.00 CNY"', '"100000.001 CNY"');
    expect(problems).toContainEqual(expect.objectContaining({ path: 'payments[0].amount', message: expect.stringMatching(/CNY has 2 decimal places/) as unknown }));
  });

  it('rejects a payment before the scenario start', () => {
    const problems = problemsAfter('at: 2024-09-02T09:05:00Z', 'at: 2024-09-01T09:05:00Z');
    expect(problems).toContainEqual(expect.objectContaining({ path: 'payments[0].at', message: expect.stringMatching(/before the scenario start/) as unknown }));
  });

  it('rejects an unknown chain in a payment and in a fault', () => {
    const viaProblems = problemsAfter('chain: tron}', 'chain: eth}');
    expect(viaProblems).toContainEqual(expect.objectContaining({ path: 'payments[0].via.chain', message: expect.stringMatching(/unknown chain eth; chains are tron/) as unknown }));
    const faultProblems = problemsAfter('sanctions:', 'faults:\n  - {kind: chainHalt, chain: eth, at: 2024-09-02T11:00:00Z, for: PT2H}\nsanctions:');
    expect(faultProblems).toContainEqual(expect.objectContaining({ path: 'faults[0].chain', message: expect.stringMatching(/unknown chain eth/) as unknown }));
  });

  it('rejects a sanction on an unknown participant', () => {
    const problems = problemsAfter('  - supplier-blocked\n', '  - supplier-ghost\n');
    expect(problems).toContainEqual(expect.objectContaining({ path: 'sanctions[0]', message: expect.stringMatching(/unknown participant supplier-ghost/) as unknown }));
  });

  it('reports every problem of a file, each with its own line', () => {
    let text = edit(TINY_YAML, 'seed: 7\n', 'seed: 7\ncolour: red\n');
    text = edit(text, 'amount: "5000.00 CNY"', 'amount: "0 CNY"');
    const problems = problemsOf(parseScenario('two.yaml', text));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'colour', line: lineOf(text, 'colour: red') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'payments[1].amount', line: lineOf(text, '"0 CNY"') }));
  });
});

describe('formatPath and formatProblems', () => {
  it('writes paths the way users read them', () => {
    expect(formatPath(['payments', 0, 'amount'])).toBe('payments[0].amount');
    expect(formatPath(['chains', 'tron', 'fee'])).toBe('chains.tron.fee');
    expect(formatPath([])).toBe('');
  });

  it('writes one line per problem: file:line:col: path: message', () => {
    const text = formatProblems('a.yaml', [
      { path: 'payments[0].amount', message: 'expected X', line: 3, column: 9 },
      { path: '', message: 'the file is empty' },
    ]);
    expect(text).toBe('a.yaml:3:9: payments[0].amount: expected X\na.yaml: the file is empty');
  });
});

describe('loadScenario: files on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'railpilot-load-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a YAML file', () => {
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, TINY_YAML);
    expect(loadScenario(file).ok).toBe(true);
  });

  it('says a missing file does not exist', () => {
    const file = join(dir, 'nope.yaml');
    const r = loadScenario(file);
    expect(r).toEqual({ ok: false, file, problems: [{ path: '', message: 'cannot read: no such file' }] });
  });

  it('says a folder is not a file', () => {
    const [p] = problemsOf(loadScenario(dir));
    expect(p?.message).toMatch(/is a folder, not a file/);
  });
});
