// `railpilot diagram --run <run-folder>` as a user runs it: the diagram report.html shows for that
// run, with the counts of its trace, in each format; a folder it cannot read is bad input that
// names the file and line.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

const tmp = tempDir('diagram-run');
const run = join(tmp.dir, 'run');

beforeAll(() => {
  const r = railpilot(['run', 'scenarios/halted-chain-refund.yaml', '--out', run], { cwd: process.cwd() });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('railpilot diagram --run', () => {
  it('prints the run-weighted DOT, top to bottom, with the refund path taken once', () => {
    const r = railpilot(['diagram', '--run', run, '--format', 'dot'], { cwd: process.cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^digraph "crossBorderPayment" \{\n {2}rankdir=TB;/);
    expect(r.stdout).toContain('label="2 started"');
    expect(r.stdout).toMatch(/"unwinding_sellingBack" -> "refunded" \[label=<<TABLE [^>]*><TR><TD>SOLD_BACK ×1<\/TD>/);
    // The halted-chain scenario uses only payments abroad: no other flow is drawn.
    expect(r.stdout.match(/^digraph /gm)).toHaveLength(1);
  });

  it('prints Mermaid by default and the counts as JSON for one flow', () => {
    const m = railpilot(['diagram', '--run', run], { cwd: process.cwd() });
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain('unwinding_sellingBack --> refunded: SOLD_BACK ×1');
    expect(m.stdout).toContain('screening --> rejected: SCREENING_BLOCKED ×0');
    const j = railpilot(['diagram', 'crossBorderPayment', '--run', run, '--format', 'json'], { cwd: process.cwd() });
    expect(j.code, j.stderr).toBe(0);
    const d = JSON.parse(j.stdout) as { flows: number; edges: { from: string; to: string; event: string; count: number }[]; states: { id: string; entered: number }[] };
    expect(d.flows).toBe(2);
    expect(d.edges.find((e) => e.event === 'after inclusionTimeout')?.count).toBe(1);
    expect(d.states.find((s) => s.id === 'refunded')?.entered).toBe(1);
    expect(d.states.find((s) => s.id === 'settled')?.entered).toBe(1);
  });

  it('names each flow before its diagram when the run used several', () => {
    const two = join(tmp.dir, 'two');
    expect(railpilot(['run', 'scenarios/pilot-vs-correspondent.yaml', '--out', two], { cwd: process.cwd() }).code).toBe(0);
    const m = railpilot(['diagram', '--run', two], { cwd: process.cwd() });
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout.match(/^%% (\w+)\nstateDiagram-v2$/gm)?.map((l) => l.split('\n')[0])).toEqual(['%% crossBorderPayment', '%% correspondentPayment']);
    const d = railpilot(['diagram', '--run', two, '--format', 'dot'], { cwd: process.cwd() });
    expect(d.stdout.match(/^\/\/ (\w+)\ndigraph "\1"/gm)).toHaveLength(2);
  });

  it('draws a flow the run did not use with nothing taken', () => {
    const r = railpilot(['diagram', 'retailPurchase', '--run', run, '--format', 'json'], { cwd: process.cwd() });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as { flows: number; edges: { count: number }[] };
    expect(d.flows).toBe(0);
    expect(d.edges.every((e) => e.count === 0)).toBe(true);
  });

  it('refuses a folder it cannot read, naming the file and line', () => {
    const missing = railpilot(['diagram', '--run', join(tmp.dir, 'nope')], { cwd: process.cwd() });
    expectBadInput(missing);
    expect(missing.stderr).toContain('no such run folder');

    const bad = join(tmp.dir, 'bad');
    cpSync(run, bad, { recursive: true });
    const trace = join(bad, 'trace.jsonl');
    const lines = readFileSync(trace, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"event":"QUOTE_RECEIVED"', '"event":"TELEPORTED"');
    writeFileSync(trace, lines.join('\n'));
    const odd = railpilot(['diagram', '--run', bad], { cwd: process.cwd() });
    expectBadInput(odd);
    expect(odd.stderr).toContain(`${trace}:3: crossBorderPayment from quoting on TELEPORTED to holdingFunds is no transition`);
    // `report` reads the trace for its diagrams the same way.
    expectBadInput(railpilot(['report', bad, '--out', join(tmp.dir, 'again')], { cwd: process.cwd() }));

    lines[2] = '{"time":"soon"}';
    writeFileSync(trace, lines.join('\n'));
    const broken = railpilot(['diagram', '--run', bad, '--format', 'dot'], { cwd: process.cwd() });
    expectBadInput(broken);
    expect(broken.stderr).toContain(`${trace}:3: time`);

    expectBadInput(railpilot(['diagram', 'teleport', '--run', run], { cwd: process.cwd() }));
    expectBadInput(railpilot(['diagram', '--run', run, '--format', 'svg'], { cwd: process.cwd() }));
  });
});
