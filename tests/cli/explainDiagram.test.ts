// The explain and diagram commands as a user runs them.

import { describe, expect, it } from 'vitest';
import { expectBadInput, railpilot } from './helpers.js';

describe('railpilot explain', () => {
  it('tells a payment step by step, without colour when not on a terminal', () => {
    const r = railpilot(['explain', 'scenarios/halted-chain-refund.yaml', '--payment', 'during-halt'], { cwd: process.cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Payment during-halt: importer-msk pays supplier-sz 100000\.00 CNY/);
    expect(r.stdout).toContain('refunded');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('writes Markdown with --format md', () => {
    const r = railpilot(['explain', 'scenarios/one-payment-life.yaml', '--format', 'md'], { cwd: process.cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Payment order-1/);
  });

  it('refuses an unknown payment and an unknown format as bad input', () => {
    const unknown = railpilot(['explain', 'scenarios/one-payment-life.yaml', '--payment', 'nope'], { cwd: process.cwd() });
    expectBadInput(unknown);
    expect(unknown.stderr).toContain('no payment or order "nope"; its flows include order-1');
    expectBadInput(railpilot(['explain', 'scenarios/one-payment-life.yaml', '--format', 'pdf'], { cwd: process.cwd() }));
  });
});

describe('railpilot diagram', () => {
  it('prints Mermaid by default and DOT on request', () => {
    const m = railpilot(['diagram'], { cwd: process.cwd() });
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^stateDiagram-v2\n/);
    const d = railpilot(['diagram', 'crossBorderPayment', '--format', 'dot'], { cwd: process.cwd() });
    expect(d.stdout).toMatch(/^digraph "crossBorderPayment"/);
  });

  it('refuses an unknown flow', () => {
    const r = railpilot(['diagram', 'teleport'], { cwd: process.cwd() });
    expectBadInput(r);
    expect(r.stderr).toContain('expected one of crossBorderPayment');
  });
});
