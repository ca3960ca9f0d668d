// `railpilot report <run-folder> [--out DIR]`: recomputes report.json, report.md and report.html
// from a run folder's records alone, byte-identical to what `run` wrote; a missing or malformed
// folder is bad input (exit 2) named by file and line. Every shipped scenario is also checked in
// process by the golden test; here the built command, on scenarios that reach every record kind.

import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const REPORTS = ['report.json', 'report.md', 'report.html'] as const;
/** Clearing cycles, a depeg (prices move), caps, receipts and the correspondent baseline. */
const REPRESENTATIVE = ['clearing-day-many-banks', 'usdt-depeg-in-flight', 'retail-cap-as-reported-2024', 'exporter-paid-in-brics-coin', 'pilot-vs-correspondent'];

let root: { dir: string; cleanup(): void };
const runDir = (name: string) => join(root.dir, name);

beforeAll(() => {
  root = tempDir('report');
  for (const name of REPRESENTATIVE) {
    const r = railpilot(['run', join(SCENARIOS, `${name}.yaml`), '--out', runDir(name), '-q']);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => root.cleanup());

describe('railpilot report', () => {
  for (const name of REPRESENTATIVE) {
    it(`recomputes ${name}'s three report files byte for byte`, () => {
      const out = join(root.dir, `${name}-again`);
      const r = railpilot(['report', runDir(name), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      for (const f of REPORTS) expect(readFileSync(join(out, f)).equals(readFileSync(join(runDir(name), f))), f).toBe(true);
    });
  }

  it('writes into the run folder itself by default, from the other files alone', () => {
    const dir = join(root.dir, 'in-place');
    cpSync(runDir('usdt-depeg-in-flight'), dir, { recursive: true });
    for (const f of REPORTS) rmSync(join(dir, f));
    const r = railpilot(['report', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of REPORTS) expect(readFileSync(join(dir, f)).equals(readFileSync(join(runDir('usdt-depeg-in-flight'), f))), f).toBe(true);
  });

  it('says what it does in --help', () => {
    const r = railpilot(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run\.json, outcomes\.jsonl, details\.jsonl, cycles\.jsonl/);
    expect(r.stdout).toMatch(/--out <dir>/);
  });
});

describe('railpilot report on a bad folder', () => {
  let n = 0;
  /** A copy of a good run to break, and the path of one of its files. */
  function broken(file: string, change: (text: string) => string): { dir: string; path: string } {
    const dir = join(root.dir, `bad-${++n}`);
    cpSync(runDir('pilot-vs-correspondent'), dir, { recursive: true });
    const path = join(dir, file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
    return { dir, path };
  }

  it('refuses a folder that does not exist', () => {
    const r = railpilot(['report', join(root.dir, 'nowhere')]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/nowhere: no such run folder/);
  });

  it('names a missing record file', () => {
    const { dir } = broken('details.jsonl', (t) => t);
    rmSync(join(dir, 'details.jsonl'));
    const r = railpilot(['report', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(dir, 'details.jsonl')}: missing`);
  });

  it('names the file, line and field of a line that is not a record', () => {
    const { path, dir } = broken('outcomes.jsonl', (t) => {
      const lines = t.split('\n');
      lines[2] = lines[2]!.replace(/"amount":"[^"]*"/, '"amount":12');
      return lines.join('\n');
    });
    const r = railpilot(['report', dir, '--out', join(dir, 'elsewhere')]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${path}:3: amount:`);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('names a line that is not JSON', () => {
    const { path, dir } = broken('cycles.jsonl', () => '{"id":\n');
    const r = railpilot(['report', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${path}:1: not valid JSON`);
  });

  it('refuses details out of step with the outcomes', () => {
    const { path, dir } = broken('details.jsonl', (t) => {
      const lines = t.trimEnd().split('\n');
      return [lines[1], lines[0], ...lines.slice(2)].join('\n') + '\n';
    });
    const r = railpilot(['report', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${path}:1: details of`);
  });

  it('names a details line that passes its schema but cannot be valued', () => {
    const { path, dir } = broken('details.jsonl', (t) => {
      const lines = t.trimEnd().split('\n');
      const i = lines.findIndex((l) => l.includes('"status":"settled"') && l.includes('"flow":"crossBorderPayment"'));
      lines[i] = lines[i]!.replace(/"paid":"[^"]*"/, '"paid":null');
      return lines.join('\n') + '\n';
    });
    const r = railpilot(['report', dir]);
    expectBadInput(r);
    expect(r.stderr).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: crossBorderPayment \\S+ cannot be valued`));
  });

  it('names the field of a run.json that is not one', () => {
    const { path, dir } = broken('run.json', (t) => t.replace('"seed":', '"seed":"x","was":'));
    const r = railpilot(['report', dir]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${path}:1: seed:`);
  });
});
