// Bad retail scenarios are refused by the schema's cross-checks with a message that names the
// field path (and the YAML line), before anything runs.

import { describe, expect, it } from 'vitest';
import { parseScenario, type Problem } from '../../src/scenario/load.js';
import { edit, lineOf } from './fixtures.js';

/** A valid retail scenario: each order on a line of its own so a test can find its line. */
const RETAIL = `name: retail-schema
description: retail purchases and sales, a population and a miner
seed: 1
start: 2024-09-02T09:00:00Z
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 100}
fx:
  USD/RUB: {mid: "92.00", volatilityBps: 20}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, investor: {category: nonQualified, passedTest: true}, balances: {RUB: "100000.00"}}
  - {id: boris, kind: individual, country: RU, bank: bank-b, balances: {USDT: "100.000000"}}
  - {id: miner-one, kind: miner, country: RU, bank: bank-a, registered: true, mining: {every: PT2H, reward: {fixed: "10.000000 USDT"}}}
populations:
  - {prefix: retail, count: 10, banks: [bank-a], qualifiedShare: 0.5, passedTestShare: 1, balance: {fixed: "50000.00 RUB"}}
orders:
  - {id: anna-buys, by: anna, buy: USDT, spend: "10000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: boris-sells, by: boris, sell: "50.000000 USDT", at: 2024-09-02T10:00:00Z}
  - generate: {count: 5, by: {population: retail}, buy: USDT, spend: {fixed: "1000.00 RUB"}, over: PT1H}
`;

function problemsOf(text: string): Problem[] {
  const r = parseScenario('retail.yaml', text);
  if (r.ok) throw new Error('expected the scenario to be rejected, but it loaded');
  return r.problems;
}

/** The only problem of `text`: its path, and that the message says what it must. */
function onlyProblem(text: string, path: string, says: RegExp): Problem {
  const problems = problemsOf(text);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  const p = problems[0]!;
  expect(p.path).toBe(path);
  expect(p.message).toMatch(says);
  return p;
}

describe('retail scenario cross-checks', () => {
  it('the base scenario is valid (each case below breaks one thing)', () => {
    const r = parseScenario('retail.yaml', RETAIL);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('a buyer without an investor profile, named at orders[n].by and its line', () => {
    const text = edit(RETAIL, 'by: anna, buy: USDT', 'by: boris, buy: USDT');
    const p = onlyProblem(text, 'orders[0].by', /buyer boris has no investor profile.*investor: \{category: qualified\|nonQualified/);
    expect(p.line).toBe(lineOf(text, 'anna-buys'));
  });

  it('a generated purchase by participants one of whom has no investor profile', () => {
    const text = edit(RETAIL, 'by: {population: retail}', 'by: [anna, boris]');
    onlyProblem(text, 'orders[2].generate.by', /buyer boris has no investor profile/);
  });

  it('a buyer without a bank has no RUB account to pay from', () => {
    const text = edit(RETAIL, '{id: anna, kind: individual, country: RU, bank: bank-a, investor', '{id: anna, kind: individual, country: RU, investor');
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toContain('orders[0].by');
    expect(problems.find((p) => p.path === 'orders[0].by')!.message).toMatch(/buyer anna has no bank/);
  });

  it('an unknown population, named at generate.by.population, listing the known ones', () => {
    const text = edit(RETAIL, 'by: {population: retail}', 'by: {population: savers}');
    onlyProblem(text, 'orders[2].generate.by.population', /unknown population savers; populations are retail/);
  });

  it('a population when none are declared', () => {
    const text = edit(RETAIL, 'populations:\n  - {prefix: retail, count: 10, banks: [bank-a], qualifiedShare: 0.5, passedTestShare: 1, balance: {fixed: "50000.00 RUB"}}\n', '');
    onlyProblem(text, 'orders[2].generate.by.population', /unknown population retail; populations are none/);
  });

  it('an order by an unknown participant', () => {
    onlyProblem(edit(RETAIL, 'by: boris, sell', 'by: carla, sell'), 'orders[1].by', /unknown participant carla; participants are anna, boris, miner-one/);
  });

  describe('caps in a foreign currency need its fx rate', () => {
    const noFx = edit(RETAIL, 'fx:\n  USD/RUB: {mid: "92.00", volatilityBps: 20}\n', '');

    it('the default preset (as-reported-2024, caps in USD) without fx USD/RUB', () => {
      onlyProblem(noFx, 'fx', /the caps are in USD: add fx: \{USD\/RUB: \{mid: "\.\.\."\}\}/);
    });

    it('as-reported-2024 named explicitly, without fx USD/RUB', () => {
      onlyProblem(edit(noFx, 'markets:', 'regime: {preset: as-reported-2024}\nmarkets:'), 'fx', /caps are in USD/);
    });

    it('caps overridden in USD under a RUB preset, without fx USD/RUB', () => {
      const text = edit(noFx, 'markets:', 'regime: {preset: dfa-law, caps: {nonQualified: "600000.00 RUB", qualified: "7000.00 USD", source: "test"}}\nmarkets:');
      onlyProblem(text, 'fx', /caps are in USD/);
    });

    it('RUB caps need no fx: dfa-law and concept-2025 load without it', () => {
      for (const preset of ['dfa-law', 'concept-2025']) {
        const r = parseScenario('retail.yaml', edit(noFx, 'markets:', `regime: {preset: ${preset}}\nmarkets:`));
        expect(r.ok ? [] : r.problems).toEqual([]);
      }
    });

    it('with no purchases the caps need no fx', () => {
      const text = edit(
        edit(noFx, '  - {id: anna-buys, by: anna, buy: USDT, spend: "10000.00 RUB", at: 2024-09-02T10:00:00Z}\n', ''),
        '  - generate: {count: 5, by: {population: retail}, buy: USDT, spend: {fixed: "1000.00 RUB"}, over: PT1H}\n',
        '',
      );
      const r = parseScenario('retail.yaml', text);
      expect(r.ok ? [] : r.problems).toEqual([]);
    });
  });

  describe('orders in a coin with no COIN/RUB market', () => {
    it('a sale of BTC, named at orders[n].sell', () => {
      const text = edit(RETAIL, 'sell: "50.000000 USDT"', 'sell: "0.50000000 BTC"');
      const p = onlyProblem(text, 'orders[1].sell', /no market BTC\/RUB: add one so NPCS can route orders in BTC/);
      expect(p.line).toBe(lineOf(text, 'boris-sells'));
    });

    it('a generated sale of BTC, named at generate.sell', () => {
      const text = edit(RETAIL, 'buy: USDT, spend: {fixed: "1000.00 RUB"}', 'sell: {fixed: "0.01000000 BTC"}');
      onlyProblem(text, 'orders[2].generate.sell', /no market BTC\/RUB/);
    });

    it('a purchase of BTC, named at orders[n].buy', () => {
      onlyProblem(edit(RETAIL, 'buy: USDT, spend: "10000.00 RUB"', 'buy: BTC, spend: "10000.00 RUB"'), 'orders[0].buy', /no market BTC\/RUB/);
    });
  });

  it('a purchase must spend RUB', () => {
    onlyProblem(edit(RETAIL, 'spend: "10000.00 RUB"', 'spend: "100.000000 USDT"'), 'orders[0].spend', /expected RUB to spend/);
  });

  it('a seller without a bank has no account to be paid into', () => {
    const text = edit(RETAIL, '{id: boris, kind: individual, country: RU, bank: bank-b, balances', '{id: boris, kind: individual, country: RU, balances');
    onlyProblem(text, 'orders[1].by', /seller boris has no bank/);
  });

  it('an order before the scenario start', () => {
    onlyProblem(edit(RETAIL, 'at: 2024-09-02T10:00:00Z}\n  - {id: boris', 'at: 2024-09-01T10:00:00Z}\n  - {id: boris'), 'orders[0].at', /must not be before the scenario start/);
  });

  it('only a miner mines', () => {
    onlyProblem(edit(RETAIL, '{id: miner-one, kind: miner', '{id: miner-one, kind: company'), 'participants[2].mining', /only a participant of kind miner mines/);
  });

  it('a population whose ids would clash with a participant', () => {
    onlyProblem(edit(RETAIL, '{id: anna, kind', '{id: retail-01, kind').replace('by: anna, buy', 'by: retail-01, buy'), 'populations[0].prefix', /participant retail-01 would clash/);
  });

  it('a regime rule without a source', () => {
    const problems = problemsOf(edit(RETAIL, 'markets:', 'regime: {rules: [{id: early, operation: retailPurchase, lawfulFrom: "2024-01-01"}]}\nmarkets:'));
    expect(problems.map((p) => p.path)).toEqual(['regime.rules[0].source']);
  });

  // Caps and the AML threshold are amounts like any other: known asset, right scale.
  it('a cap in an unknown asset, or with more decimals than its asset, is refused naming regime.caps.<category>', () => {
    const eur = edit(RETAIL, 'fx:\n  USD/RUB: {mid: "92.00", volatilityBps: 20}', 'regime: {caps: {nonQualified: "600.00 EUR", qualified: null, source: "test"}}\nfx:\n  EUR/RUB: {mid: "100.00"}');
    expect(problemsOf(eur).map((p) => p.path)).toContain('regime.caps.nonQualified');
    const scale = edit(RETAIL, 'markets:', 'regime: {caps: {nonQualified: "600.001 USD", qualified: null, source: "test"}}\nmarkets:');
    expect(problemsOf(scale).map((p) => p.path)).toContain('regime.caps.nonQualified');
  });
});
