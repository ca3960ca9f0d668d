// verify is tamper-evident: an edit to any file a run wrote is caught by manifest.json; and what
// a tamperer who also forges the manifest can change is caught from the records themselves:
// emptied facts, dropped declared invariants, a gap in the entry ids, an entry dated back, a
// trace that does not follow on. A record of the wrong shape is bad input naming file and line.

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, railpilot, reseal, tempDir } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

let root: { dir: string; cleanup(): void };
let clean: string;
let n = 0;

beforeAll(() => {
  root = tempDir('tamper');
  clean = join(root.dir, 'clean');
  // importer-pays-china-usdt lists sanctions and declares invariants of its own, so both can be dropped
  const r = railpilot(['run', join(SCENARIOS, 'importer-pays-china-usdt.yaml'), '--out', clean, '-q']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => root.cleanup());

function copy(): string {
  const dir = join(root.dir, `case-${++n}`);
  cpSync(clean, dir, { recursive: true });
  return dir;
}


function editLines(file: string, change: (ls: string[]) => string[]): void {
  const ls = readFileSync(file, 'utf8').trimEnd().split('\n');
  writeFileSync(file, change(ls).join('\n') + '\n');
}

function expectFail(dir: string, check: string, detail: RegExp): void {
  const r = railpilot(['verify', dir]);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stdout).toMatch(new RegExp(`^FAIL\\s+${check}\\s`, 'm'));
  expect(r.stdout).toMatch(detail);
}

describe('verify catches a changed file through manifest.json', () => {
  it.each(['report.json', 'journal.ledger', 'report.md', 'report.html', 'ledger.jsonl', 'scenario.json'])('an edit to %s', (f) => {
    const dir = copy();
    const file = join(dir, f);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10)));
    expectFail(dir, 'manifest', new RegExp(`${f.replace('.', '\\.')} was changed after the run wrote it`));
  });

  it('a file added to the folder, and one removed', () => {
    const added = copy();
    writeFileSync(join(added, 'extra.jsonl'), '{}\n');
    expectFail(added, 'manifest', /extra\.jsonl is not a file the run wrote/);
    const removed = copy();
    rmSync(join(removed, 'report.md'));
    expectFail(removed, 'manifest', /report\.md is missing/);
  });

  it('a manifest.json that is not JSON is bad input (exit 2)', () => {
    const dir = copy();
    writeFileSync(join(dir, 'manifest.json'), '{"files": ');
    expectBadInput(railpilot(['verify', dir]));
  });
});

describe('verify recomputes from the records what a forged manifest would hide', () => {
  it("emptied facts.sanctions and dropped declared invariants: the facts differ from scenario.json's", () => {
    const dir = copy();
    const file = join(dir, 'report.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as { facts: { sanctions: unknown[]; declared: unknown[] } };
    report.facts.sanctions = [];
    report.facts.declared = [];
    writeFileSync(file, JSON.stringify(report, null, 2));
    reseal(dir);
    expectFail(dir, 'facts', /facts differ from those of scenario\.json \(facts\.declared, facts\.sanctions\)/);
  });

  it('a gap in the entry ids', () => {
    const dir = copy();
    editLines(join(dir, 'ledger.jsonl'), (ls) => ls.filter((_, i) => i !== 5));
    reseal(dir);
    expectFail(dir, 'entry-order', /E7 at line 6 follows E5: entry ids must run without a gap/);
  });

  it('an entry dated before the one above it', () => {
    const dir = copy();
    editLines(join(dir, 'ledger.jsonl'), (ls) => {
      const last = JSON.parse(ls.at(-1)!) as { time: string };
      last.time = '2000-01-01T00:00:00.000Z';
      return [...ls.slice(0, -1), JSON.stringify(last)];
    });
    reseal(dir);
    expectFail(dir, 'entry-order', /is dated 2000-01-01T00:00:00\.000Z, before the entry above it/);
  });

  it('a trace with a transition taken out of its middle', () => {
    const dir = copy();
    let flow = '';
    editLines(join(dir, 'trace.jsonl'), (ls) => {
      // the second transition of the first flow
      const first = (JSON.parse(ls[0]!) as { flow: string }).flow;
      const i = ls.findIndex((l, j) => j > 0 && (JSON.parse(l) as { flow: string }).flow === first);
      flow = first;
      return ls.filter((_, j) => j !== i);
    });
    reseal(dir);
    expectFail(dir, 'complete-traces', new RegExp(`${flow} at line \\d+ leaves \\w+, but its last transition entered`));
  });
});

describe('a record of the wrong shape is bad input naming file and line', () => {
  it.each([
    ['ledger.jsonl', 2, (l: Record<string, unknown>) => ({ ...l, postings: 'none' }), 'postings: expected a list'],
    ['ledger.jsonl', 3, (l: Record<string, unknown>) => ({ ...l, id: 42 }), 'id: expected an entry id'],
    ['trace.jsonl', 2, (l: Record<string, unknown>) => ({ ...l, time: 'yesterday' }), 'time: expected an ISO 8601 date-time'],
    ['outcomes.jsonl', 1, (l: Record<string, unknown>) => ({ ...l, status: null }), 'status: expected a string'],
    ['ledger.jsonl', 1, () => [1, 2], 'expected a ledger entry as a JSON object'],
  ] as const)('%s line %i', (f, line, change, says) => {
    const dir = copy();
    editLines(join(dir, f), (ls) => ls.map((l, i) => (i === line - 1 ? JSON.stringify(change(JSON.parse(l) as Record<string, unknown>)) : l)));
    reseal(dir);
    const r = railpilot(['verify', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(dir, f)}:${line}: ${says}`);
  });
});
