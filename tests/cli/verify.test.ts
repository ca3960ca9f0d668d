// `railpilot verify <run-folder>`: re-reads a folder written by `railpilot run` and checks every
// settlement invariant. Exit 0 when all hold, 1 when one fails (naming the first offender), 2 for
// a folder that is missing, incomplete or malformed (a message naming the file, no stack).

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_LINE, expectBadInput, railpilot, reseal, tempDir } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const INVARIANTS = ['manifest', 'facts', 'entry-order', 'complete-traces', 'balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions', 'caps', 'idempotency', 'holds-end-with-flow', 'credit-after-confirmation'];

let root: { dir: string; cleanup(): void };
/** A clean run of halted-chain-refund: one payment settled, one refunded. */
let clean: string;
let n = 0;

beforeAll(() => {
  root = tempDir('verify');
  clean = join(root.dir, 'clean');
  const r = railpilot(['run', join(SCENARIOS, 'halted-chain-refund.yaml'), '--out', clean]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => root.cleanup());

/** A copy of the clean run to tamper with, as a path relative to root.dir and as an absolute one. */
function copy(): { name: string; dir: string } {
  const name = `case-${++n}`;
  const dir = join(root.dir, name);
  cpSync(clean, dir, { recursive: true });
  return { name, dir };
}


function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

function writeLines(file: string, ls: readonly string[]): void {
  writeFileSync(file, ls.join('\n') + '\n');
}

/** The line of stdout that reports `name`. */
function lineOf(stdout: string, name: string): string {
  const found = stdout.split('\n').filter((l) => new RegExp(`^(pass|FAIL)\\s+${name}\\s`).test(l));
  expect(found, `the line of ${name} in:\n${stdout}`).toHaveLength(1);
  return found[0]!;
}

interface Posting {
  account: string;
  asset: string;
  amount: string;
}

describe('railpilot verify', () => {
  it('passes a clean run: one line per invariant with pass, then "all 15 invariants hold", exit 0', () => {
    const r = railpilot(['verify', clean]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of INVARIANTS) expect(lineOf(r.stdout, name)).toMatch(new RegExp(`^pass\\s+${name}\\s+\\d+ checked$`));
    expect(r.stdout).not.toContain('FAIL');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('all 15 invariants hold');
    // It read the files: as many entries and transitions as the run wrote.
    expect(lineOf(r.stdout, 'balanced-entries')).toContain(`${lines(join(clean, 'ledger.jsonl')).length} checked`);
    expect(lineOf(r.stdout, 'finality')).toContain(`${lines(join(clean, 'trace.jsonl')).length} checked`);
  });

  it('streams runs whose files are several times its 1 MiB read buffer, lines split across reads', () => {
    const out = join(root.dir, 'volume');
    const run = railpilot(['run', join(SCENARIOS, 'retail-day-at-volume.yaml'), '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(out, 'ledger.jsonl')).length).toBeGreaterThan(2 * 2 ** 20);
    const r = railpilot(['verify', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('all 15 invariants hold');
    expect(lineOf(r.stdout, 'balanced-entries')).toContain(`${lines(join(out, 'ledger.jsonl')).length} checked`);
    expect(lineOf(r.stdout, 'finality')).toContain(`${lines(join(out, 'trace.jsonl')).length} checked`);
    expect(Number(/(\d+) checked/.exec(lineOf(r.stdout, 'caps'))![1])).toBeGreaterThan(0);
    rmSync(out, { recursive: true, force: true });
  });

  it('fails a run whose ledger has an unbalanced posting: FAIL, the first offender E<n>, exit 1', () => {
    const { dir } = copy();
    const file = join(dir, 'ledger.jsonl');
    const ls = lines(file);
    const i = ls.findIndex((l) => (JSON.parse(l) as { kind: string }).kind === 'hold.posted');
    const entry = JSON.parse(ls[i]!) as { id: string; postings: Posting[] };
    const credit = entry.postings.find((p) => !p.amount.startsWith('-'))!;
    credit.amount = credit.amount.replace(/\d$/, (d) => String((Number(d) + 1) % 10)); // one kopeck off
    ls[i] = JSON.stringify(entry);
    writeLines(file, ls);

    const r = railpilot(['verify', dir]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('');
    expect(lineOf(r.stdout, 'balanced-entries')).toMatch(/^FAIL\s+balanced-entries\s+\d+ checked$/);
    expect(r.stdout).toMatch(new RegExp(`first offender: ${entry.id} \\(hold\\.posted of [a-z-]+\\): RUB postings do not sum to zero`));
    expect(r.stdout).toMatch(/first offender: E\d+/);
    expect(lineOf(r.stdout, 'finality')).toMatch(/^pass/);
    expect(r.stdout).toMatch(/\n\d of 15 invariants fail\n$/);
    expect(r.stdout).not.toContain('all 15 invariants hold');
  });

  it('fails a run whose trace lost the last transition of a settled payment, naming the flow', () => {
    const { dir } = copy();
    const file = join(dir, 'trace.jsonl');
    const ls = lines(file);
    const i = ls.findIndex((l) => (JSON.parse(l) as { to: string }).to === 'settled');
    const flow = (JSON.parse(ls[i]!) as { flow: string }).flow;
    writeLines(file, ls.filter((_, j) => j !== i));
    reseal(dir);

    const r = railpilot(['verify', dir]);
    expect(r.code, r.stderr).toBe(1);
    expect(lineOf(r.stdout, 'finality')).toMatch(/^FAIL/);
    expect(r.stdout).toContain(`first offender: ${flow} (crossBorderPayment) ended in payingOut`);
    expect(r.stdout).toContain('1 of 15 invariants fail');
  });

  it('rejects a run folder without outcomes.jsonl, naming the missing file: exit 2', () => {
    const { dir } = copy();
    rmSync(join(dir, 'outcomes.jsonl'));
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(dir, 'outcomes.jsonl')}: missing`);
  });

  it('rejects a folder that does not exist: exit 2', () => {
    const missing = join(root.dir, 'no-such-run');
    const r = railpilot(['verify', missing]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${missing}: no such run folder`);
  });

  it('rejects a file given instead of a folder: exit 2', () => {
    const r = railpilot(['verify', join(clean, 'report.json')]);
    expectBadInput(r);
    expect(r.stderr).toContain('no such run folder');
  });

  it('rejects a malformed JSON line, naming file:line as given: exit 2, nothing on stdout', () => {
    const { name, dir } = copy();
    const file = join(dir, 'trace.jsonl');
    const ls = lines(file);
    ls[2] = ls[2]!.slice(0, -1); // the closing brace of line 3 lost
    writeLines(file, ls);
    const r = railpilot(['verify', name], { cwd: root.dir });
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(name, 'trace.jsonl')}:3: not a JSON line`);
  });

  it('rejects a malformed line at the end of ledger.jsonl even without a final newline', () => {
    const { dir } = copy();
    const file = join(dir, 'ledger.jsonl');
    const ls = lines(file);
    writeFileSync(file, [...ls, '{"id": "E'].join('\n'));
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${file}:${ls.length + 1}: not a JSON line`);
  });

  it('rejects a report.json without the facts section (a run from before verify existed): exit 2', () => {
    const { dir } = copy();
    const file = join(dir, 'report.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete report.facts;
    writeFileSync(file, JSON.stringify(report));
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${file}: facts: missing`);
  });

  it('rejects a report.json that is not JSON: exit 2', () => {
    const { dir } = copy();
    writeFileSync(join(dir, 'report.json'), '{"facts": ');
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(dir, 'report.json')}: not valid JSON`);
  });

  // Every invariant is made from the facts before a record is read: a facts section lacking one of
  // its parts is bad input (exit 2), not an internal error with the exit code of a failed invariant.
  it.each([
    ['sanctions', 'facts.sanctions: expected a list of listings'],
    ['caps', 'facts.caps: expected the caps in force'],
    ['finalStates', 'facts.finalStates: expected final states per machine'],
  ])('rejects a facts section without %s as bad input (exit 2), not as an internal error', (part, message) => {
    const { dir } = copy();
    const file = join(dir, 'report.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as { facts: Record<string, unknown> };
    expect(report.facts).toHaveProperty(part);
    delete report.facts[part];
    writeFileSync(file, JSON.stringify(report));
    const r = railpilot(['verify', dir]);
    expect(r.stderr).not.toContain('internal error');
    expectBadInput(r);
    expect(r.stderr).toContain(`${file}: ${message}`);
  });

  it('skips blank lines anywhere in a JSONL file, still naming later lines by their line in the file', () => {
    const { dir } = copy();
    const ledger = join(dir, 'ledger.jsonl');
    const entries = lines(ledger);
    writeFileSync(ledger, ['', ...entries.slice(0, 2), '   ', '', ...entries.slice(2), '', ''].join('\n'));
    const trace = join(dir, 'trace.jsonl');
    const transitions = lines(trace);
    writeFileSync(trace, [transitions[0]!, '\t', ...transitions.slice(1)].join('\n') + '\n\n');
    reseal(dir);
    const ok = railpilot(['verify', dir]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('all 15 invariants hold');
    // Blank lines are not records: as many checked as there are entries and transitions.
    expect(lineOf(ok.stdout, 'balanced-entries')).toContain(`${entries.length} checked`);
    expect(lineOf(ok.stdout, 'finality')).toContain(`${transitions.length} checked`);

    // The fourth line of trace.jsonl is now its third transition: a bad one is named :4.
    const bad = [transitions[0]!, '', ...transitions.slice(1)];
    bad[3] = bad[3]!.slice(0, -1);
    writeLines(trace, bad);
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${trace}:4: not a JSON line`);
  });

  it('needs a run folder: exit 2 with usage help', () => {
    const r = railpilot(['verify']);
    expectBadInput(r);
    expect(r.stderr).toContain("missing required argument 'run-folder'");
  });

  it('--help describes the command and exits 0', () => {
    const r = railpilot(['verify', '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: railpilot verify [options] <run-folder>');
    expect(r.stdout).toMatch(/exit 1 if one\s+fails/);
    expect(r.stdout).not.toMatch(STACK_LINE);
  });
});

describe('railpilot verify --same-as (determinism)', () => {
  it('passes two runs of the same scenario and seed, and names the first byte where one of them differs', () => {
    const temp = tempDir('same-as');
    const dir = temp.dir;
    try {
      const scenario = join(SCENARIOS, 'one-payment-life.yaml');
      for (const [out, seed] of [['a', '7'], ['b', '7'], ['c', '8']] as const) {
        expect(railpilot(['run', scenario, '--out', out, '--seed', seed, '-q'], { cwd: dir }).code).toBe(0);
      }
      const same = railpilot(['verify', 'a', '--same-as', 'b'], { cwd: dir });
      expect(same.code, same.stdout).toBe(0);
      expect(lineOf(same.stdout, 'determinism')).toMatch(/^pass\s+determinism\s+9 checked$/);
      // Another seed is not a determinism failure: bad input, saying so (tests/cli/compare.test.ts).
      const other = railpilot(['verify', 'a', '--same-as', 'c'], { cwd: dir });
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('seed differs');
      // The same scenario and seed with one byte of its ledger changed: named by byte and line.
      cpSync(join(dir, 'b'), join(dir, 'd'), { recursive: true });
      const ledger = lines(join(dir, 'd', 'ledger.jsonl'));
      ledger[1] = ledger[1]!.replace('"memo":"', '"memo":"x');
      writeLines(join(dir, 'd', 'ledger.jsonl'), ledger);
      const changed = railpilot(['verify', 'a', '--same-as', 'd'], { cwd: dir });
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(/first offender: ledger\.jsonl differs from d\/ledger\.jsonl at byte \d+ \(line 2\)/);
      expectBadInput(railpilot(['verify', 'a', '--same-as', 'nowhere'], { cwd: dir }));
    } finally {
      temp.cleanup();
    }
  });
});

describe('railpilot verify --same-as on an empty folder', () => {
  it('fails instead of passing on nothing compared', () => {
    const temp = tempDir('same-as-empty');
    try {
      expect(railpilot(['run', join(SCENARIOS, 'one-payment-life.yaml'), '--out', 'a', '-q'], { cwd: temp.dir }).code).toBe(0);
      mkdirSync(join(temp.dir, 'empty'));
      const r = railpilot(['verify', 'a', '--same-as', 'empty'], { cwd: temp.dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ledger.jsonl is in only one of a and empty');
    } finally {
      temp.cleanup();
    }
  });
});
