// Inputs that used to pass `check` and then fail or hang the run: each is now bad input that
// names its field.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.js';

const BASE = readFileSync('scenarios/one-payment-life.yaml', 'utf8');

function problems(from: string, to: string): string[] {
  expect(BASE).toContain(from);
  const r = parseScenario('s.yaml', BASE.replace(from, to));
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('scenario cross-checks', () => {
  it('refuses a zero block interval, which would put every block at the same instant', () => {
    expect(problems('blockTime: PT3S', 'blockTime: PT0S')).toEqual(['chains.tron.blockTime: expected a duration longer than zero, like "PT3S"']);
  });

  it('checks depth and liquidity against their assets\' scales', () => {
    expect(problems('depth: "1000000"', 'depth: "1000000.1234567"')).toEqual(['markets.USDT/RUB.depth: USDT has 6 decimal places, "1000000.1234567 USDT" has 7']);
    expect(problems('liquidity: "10000000.00"', 'liquidity: "10000000.001"')).toEqual(['markets.USDT/CNY.liquidity: CNY has 2 decimal places, "10000000.001 CNY" has 3']);
  });

  it('refuses a spread that would put the bid at or below zero', () => {
    expect(problems('spreadBps: 50', 'spreadBps: 30000')).toEqual(['markets.USDT/RUB.spreadBps: expected half the spread plus the slippage below 10000 bps (100%)']);
  });

  it('refuses two payments with the same id, naming where it was first used', () => {
    const twice = BASE.replace(/( {2}- \{id: order-1.*\n)/, '$1$1');
    const r = parseScenario('s.yaml', twice);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['payments[1].id: id order-1 is already used by payments[0]']);
  });

  it('refuses a zero fx rate, which would value every purchase as infinite', () => {
    const retail = readFileSync('scenarios/retail-cap-as-reported-2024.yaml', 'utf8').replace('USD/RUB: {mid: "92.00"', 'USD/RUB: {mid: "0.00"');
    const r = parseScenario('s.yaml', retail);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['fx.USD/RUB.mid: expected a rate greater than zero']);
  });
});
