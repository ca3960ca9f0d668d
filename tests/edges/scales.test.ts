// Declared scales against the figures the simulator brings itself (the regime's caps and AML
// threshold, chain presets' fees, correspondent fees, market defaults): a figure that the declared
// scale can write exactly follows it ("1000000.00 RUB" is 1000000 at scale 0); one it cannot is
// refused by check, naming the field and the figure. And an off-ramp price that makes every
// payout round to zero is refused, not run.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { railpilot, tempDir } from '../cli/helpers.js';
import { parseScenario } from '../../src/scenario/load.js';
import { expectInvariantsHold, runEdge } from './run.js';

let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('scales');
});
afterAll(() => root.cleanup());

function problemsOf(yaml: string) {
  const r = parseScenario('s.yaml', yaml);
  return r.ok ? [] : r.problems;
}

/** Whole rubles: the dfa-law caps (600000.00 RUB) and the AML threshold (1000000.00 RUB) at scale 0. */
const WHOLE_RUBLES = `name: whole-rubles
description: RUB declared with no decimals, retail under the dfa-law preset and a correspondent twin
seed: 2
start: 2024-11-05T09:00:00Z
assets: {RUB: {scale: 0}}
regime: {preset: dfa-law}
fx: {CNY/RUB: {mid: "13.00"}}
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 100}
  USDT/RUB: {mid: "92.50", spreadBps: 50}
  USDT/CNY: {mid: "7.10", spreadBps: 30}
chains:
  tron: {preset: tron}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, investor: {category: qualified, passedTest: true}, balances: {RUB: "5000000"}}
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000"}}
  - {id: supplier-sz, kind: company, country: CN}
orders:
  - {id: big, by: anna, buy: USDT, spend: "1200000 RUB", at: 2024-11-05T10:00:00Z}
  - {id: small, by: anna, buy: USDT, spend: "1000 RUB", at: 2024-11-05T10:00:00Z}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", rail: [pilot, correspondent], at: 2024-11-05T09:00:00Z}
`;

describe('RUB at scale 0', () => {
  it('check accepts it, and the run takes the built-in figures at whole rubles', () => {
    expect(problemsOf(WHOLE_RUBLES)).toEqual([]);
    const r = runEdge(WHOLE_RUBLES);
    expect(r.record('big')).toMatchObject({ status: 'purchased' });
    expect(r.record('big').rub).toMatch(/^\d+ RUB$/);
    expect(r.records.map((o) => o.status)).not.toContain(undefined);
    expectInvariantsHold(r);
  });

  it('railpilot run flags the order above the AML threshold and writes RUB without decimals', () => {
    writeFileSync(join(root.dir, 'whole.yaml'), WHOLE_RUBLES);
    const r = railpilot(['run', 'whole.yaml', '--out', 'out'], { cwd: root.dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(root.dir, 'out', 'report.json'), 'utf8')) as { domestic: { regime: { aml: { threshold: string } }; amlFlags: { count: number; totalRub: string } } };
    expect(report.domestic.amlFlags.count).toBeGreaterThanOrEqual(1);
    expect(report.domestic.amlFlags.totalRub).toMatch(/^\d+$/);
  });
});

const coinScale = (scale: number, chain = 'tron: {preset: tron}') => `name: coin-scale
description: USDT declared with an unusual scale on a preset chain
seed: 2
start: 2024-09-10T09:00:00Z
assets: {USDT: {scale: ${scale}, peg: USD}}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50}
  USDT/CNY: {mid: "7.10", spreadBps: 30}
chains:
  ${chain}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", at: 2024-09-10T09:00:00Z}
`;

describe('a coin of an unusual scale against a chain preset', () => {
  it('USDT at 3 decimals takes the tron preset fee 1.70 as 1.700', () => {
    const r = runEdge(coinScale(3));
    expect(r.entries.find((e) => e.kind === 'chain.fee')!.postings.map((p) => p.amount)).toContain('1.700');
    expectInvariantsHold(r);
  });

  it('USDT at 1 decimal writes the preset fee 1.70 exactly, as 1.7', () => {
    const r = runEdge(coinScale(1));
    expect(r.entries.find((e) => e.kind === 'chain.fee')!.postings.map((p) => p.amount)).toContain('1.7');
    expectInvariantsHold(r);
  });

  it('USDT at 0 decimals cannot write the preset fee 1.70: check refuses, naming the field and the figure', () => {
    const problems = problemsOf(coinScale(0));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'chains.tron.preset' }));
    expect(problems.find((p) => p.path === 'chains.tron.preset')!.message).toMatch(/fee 1\.70 USDT.*USDT, which has 0 decimal places \(assets\.USDT\.scale\): expected a scale of at least 1/);
  });

  it('USDT at 0 decimals with its own fee is fine', () => {
    expect(problemsOf(coinScale(0, 'tron: {preset: tron, fee: "2 USDT"}'))).toEqual([]);
  });

  it('railpilot check exits 2 on it, naming file, field and figure', () => {
    writeFileSync(join(root.dir, 'coin0.yaml'), coinScale(0));
    const r = railpilot(['check', 'coin0.yaml'], { cwd: root.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coin0\.yaml:\d+:\d+: chains\.tron\.preset: .*1\.70 USDT/m);
  });
});

describe('a price that makes every amount round to zero', () => {
  const market = (line: string) => `name: zero-price
description: a market at a price where everything it can trade rounds to zero
seed: 2
start: 2024-09-10T09:00:00Z
markets:
  ${line}
  USDT/CNY: {mid: "7.10", spreadBps: 30}
chains:
  tron: {preset: tron}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", at: 2024-09-10T09:00:00Z}
`;

  it("an off-ramp whose whole liquidity is worth no minor unit of the coin is refused at its mid", () => {
    const yaml = market('USDT/RUB: {mid: "92.50", spreadBps: 50}').replace('USDT/CNY: {mid: "7.10", spreadBps: 30}', 'USDT/CNY: {mid: "1000000000000000", spreadBps: 30, liquidity: "100.00"}');
    const problems = problemsOf(yaml);
    expect(problems.map((p) => p.path)).toEqual(['markets.USDT/CNY.mid']);
    expect(problems[0]!.message).toMatch(/whole liquidity of 100\.00 CNY is worth less than one minor unit of USDT: every payout here would round to zero coin/);
  });

  it('railpilot check exits 2 on it', () => {
    const yaml = market('USDT/RUB: {mid: "92.50", spreadBps: 50}').replace('USDT/CNY: {mid: "7.10", spreadBps: 30}', 'USDT/CNY: {mid: "1000000000000000", spreadBps: 30, liquidity: "100.00"}');
    writeFileSync(join(root.dir, 'zero-price.yaml'), yaml);
    const r = railpilot(['check', 'zero-price.yaml'], { cwd: root.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zero-price\.yaml:\d+:\d+: markets\.USDT\/CNY\.mid: /m);
  });
});
