// The explain and diagram commands as a user runs them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

describe('railpilot explain', () => {
  it('tells a payment step by step, without colour when not on a terminal', () => {
    const r = railpilot(['explain', 'scenarios/halted-chain-refund.yaml', '--payment', 'during-halt'], { cwd: process.cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Payment during-halt: importer-msk pays supplier-sz 100,000\.00 CNY/);
    expect(r.stdout).toContain('refunded');
    expect(r.stdout).toContain('Waited 30 min here: Tron halted 2024-09-02 10:00–12:00 UTC (fault #1, chainHalt).');
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

  it('lists the flows to pick one, filtered by status and reason; an unknown value is bad input naming the known ones', () => {
    const all = railpilot(['explain', 'scenarios/miner-sells-mined-btc.yaml', '--list'], { cwd: process.cwd() });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^id +kind +status +reason +began +took$/);
    const rejected = railpilot(['explain', 'scenarios/miner-sells-mined-btc.yaml', '--list', '--status', 'rejected', '--reason', 'regime.notRegistered'], { cwd: process.cwd() });
    expect(rejected.code, rejected.stderr).toBe(0);
    const rows = rejected.stdout.split('\n').slice(1).filter((l) => l.startsWith('ord-'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => /cryptoSale +rejected +regime\.notRegistered:minerSales /.test(l))).toBe(true);
    expect(rejected.stdout).toContain(`${rows.length} flows`);
    const status = railpilot(['explain', 'scenarios/miner-sells-mined-btc.yaml', '--list', '--status', 'lost'], { cwd: process.cwd() });
    expectBadInput(status);
    expect(status.stderr).toMatch(/--status: .*no flow ended "lost"; this run's statuses are .*sold \(\d+\)/);
    const reason = railpilot(['explain', 'scenarios/miner-sells-mined-btc.yaml', '--list', '--reason', 'cap.exceeded'], { cwd: process.cwd() });
    expectBadInput(reason);
    expect(reason.stderr).toContain('regime.notRegistered:minerSales');
    expectBadInput(railpilot(['explain', 'scenarios/miner-sells-mined-btc.yaml', '--status', 'sold'], { cwd: process.cwd() }));
  });

  describe('on a run folder', () => {
    const tmp = tempDir('explain');
    const folder = `${tmp.dir}/halted`;
    beforeAll(() => {
      const r = railpilot(['run', 'scenarios/halted-chain-refund.yaml', '--out', folder], { cwd: process.cwd() });
      expect(r.code, r.stderr).toBe(0);
    });
    afterAll(() => tmp.cleanup());

    it('explains and lists the flows of the run the folder holds', () => {
      const list = railpilot(['explain', folder, '--list'], { cwd: process.cwd() });
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/^during-halt +crossBorderPayment +refunded +chain\.notIncluded +2024-09-02 10:15:00 UTC +30 min 7 s$/m);
      const one = railpilot(['explain', folder, '--payment', 'during-halt'], { cwd: process.cwd() });
      expect(one.code, one.stderr).toBe(0);
      expect(one.stdout).toContain('Scenario halted-chain-refund, seed 11.');
      expect(one.stdout).toContain('Tron halted 2024-09-02 10:00–12:00 UTC');
    });

    it("names a folder whose outcomes.jsonl no longer matches a run of its scenario.json, as bad input", () => {
      const copy = `${tmp.dir}/tampered`;
      cpSync(folder, copy, { recursive: true });
      const path = `${copy}/outcomes.jsonl`;
      writeFileSync(path, readFileSync(path, 'utf8').replace(/("id":"during-halt".*?"status":)"refunded"/, '$1"settled"'));
      const r = railpilot(['explain', copy, '--payment', 'during-halt'], { cwd: process.cwd() });
      expectBadInput(r);
      expect(r.stderr).toMatch(/outcomes\.jsonl: says settled .*at line \d+ for during-halt, but its scenario\.json run with seed 11 ends it refunded \(chain\.notIncluded\)/);
    });

    it('refuses --seed with a run folder, and an unknown flow with the known ones', () => {
      expectBadInput(railpilot(['explain', folder, '--seed', '3'], { cwd: process.cwd() }));
      const r = railpilot(['explain', folder, '--payment', 'nope'], { cwd: process.cwd() });
      expectBadInput(r);
      expect(r.stderr).toContain('its flows include before-halt, during-halt');
      const typo = railpilot(['explain', folder, '--payment', 'during'], { cwd: process.cwd() });
      expectBadInput(typo);
      expect(typo.stderr).toContain('has no payment or order "during"; did you mean during-halt?');
    });
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
