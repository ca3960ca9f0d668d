// Retail purchases, sales and miners' sales through the real runner and rails, from small YAML
// scenarios: who may buy, the law's dates, caps valued at the fx rate, mined coin and its sale.

import { describe, expect, it } from 'vitest';
import { formatProblems, parseScenario } from '../../src/scenario/load.js';
import { BLOCK_REWARDS_ACCOUNT, runScenario, type Outcome } from '../../src/scenario/runner.js';
import type { OrderOutcome } from '../../src/flows/order.js';
import { miningFlow, type JournalEntry } from '../../src/ledger/index.js';
import { Dec, fineOf, valueUpIn, KNOWN_ASSETS, type Amount, type FineAmount } from '../../src/money/index.js';

const USD = KNOWN_ASSETS.find((a) => a.code === 'USD')!;

const HEAD = `name: retail-test
description: a small retail scenario for tests
seed: 11
`;
const USDT_MARKET = `markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 100, depth: "1000000"}
`;

function participant(id: string, extra: string): string {
  return `  - {id: ${id}, kind: individual, country: RU, bank: bank-a, ${extra}}\n`;
}

const NQ = 'investor: {category: nonQualified, passedTest: true}';
const Q = 'investor: {category: qualified, passedTest: true}';

function runYaml(yaml: string) {
  const parsed = parseScenario('retail-test.yaml', yaml);
  if (!parsed.ok) throw new Error(formatProblems('retail-test.yaml', parsed.problems));
  const entries: JournalEntry[] = [];
  const outcomes: OrderOutcome[] = [];
  const run = runScenario(parsed.scenario, {
    entry: (e) => entries.push(e),
    outcome: (o: Outcome) => outcomes.push(o as OrderOutcome),
  });
  const outcome = (id: string) => {
    const found = outcomes.filter((o) => o.id === id);
    expect(found, `outcomes of ${id}`).toHaveLength(1);
    return found[0]!;
  };
  const entriesOf = (flow: string) => entries.filter((e) => e.flow === flow);
  const balance = (account: string, asset: string) => run.balances.find((b) => b.account === account && b.asset === asset)?.minor ?? 0n;
  /** The net of a flow's entries on one account, per asset. */
  const netOf = (flow: string, account: string, asset: string) =>
    entriesOf(flow)
      .flatMap((e) => e.postings)
      .filter((p) => p.account === account && p.amount.asset.code === asset)
      .reduce((s, p) => s + p.amount.minor, 0n);
  return { run, entries, outcomes, outcome, entriesOf, balance, netOf };
}

/** The value of a RUB amount in USD at `rate`, to 10^-18 of a dollar, rounded up (what a cap counts). */
function usdAt(rub: Amount, rate: string): FineAmount {
  return valueUpIn(rub, new Dec(rate), USD);
}

describe('retail purchases through the runner', () => {
  it('a purchase debits exactly its RUB cost from the bank account and credits the coin to custody', () => {
    const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
`);
    const o = r.outcome('buy-1');
    expect(o).toMatchObject({ flow: 'retailPurchase', status: 'purchased', reason: null });
    // about 20,000 RUB at the ask of 92.9625, to the kopeck of the coin's rounding
    expect(o.rub!.asset.code).toBe('RUB');
    expect(Number(o.rub!.minor)).toBeGreaterThan(1_999_990);
    expect(Number(o.rub!.minor)).toBeLessThan(2_000_010);
    expect(o.coin!.asset.code).toBe('USDT');
    expect(r.netOf('buy-1', 'banks:bank-a:anna', 'RUB')).toBe(-o.rub!.minor);
    expect(r.netOf('buy-1', 'custody:anna', 'USDT')).toBe(o.coin!.minor);
    expect(r.balance('banks:bank-a:anna', 'RUB')).toBe(100_000_000n - o.rub!.minor);
    expect(r.balance('custody:anna', 'USDT')).toBe(o.coin!.minor);
    // the cap counts the cost in USD at the fx rate (92.00), not at the USDT market's price
    expect(o.capValue).toEqual(usdAt(o.rub!, '92.00'));
    expect([...r.run.caps.entries()]).toEqual([{ investor: 'anna', year: 2024, used: o.capValue!.atto, reserved: 0n }]);
  });

  it('KYC not complete: kyc.incomplete, and no entry for the order', () => {
    const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, kyc: false, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
`);
    expect(r.outcome('buy-1')).toMatchObject({ status: 'rejected', reason: 'kyc.incomplete', rub: null, coin: null, capValue: null });
    expect(r.entriesOf('buy-1')).toEqual([]);
    expect(r.balance('banks:bank-a:anna', 'RUB')).toBe(100_000_000n);
  });

  it('a non-qualified investor without the knowledge test: investor.testNotPassed; a qualified one needs no test', () => {
    const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', 'investor: {category: nonQualified, passedTest: false}, balances: {RUB: "1000000.00"}')}${participant('boris', 'investor: {category: qualified, passedTest: false}, balances: {RUB: "1000000.00"}')}orders:
  - {id: buy-anna, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: buy-boris, by: boris, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
`);
    expect(r.outcome('buy-anna')).toMatchObject({ status: 'rejected', reason: 'investor.testNotPassed' });
    expect(r.entriesOf('buy-anna')).toEqual([]);
    expect(r.outcome('buy-boris')).toMatchObject({ status: 'purchased' });
  });

  it('a purchase dated before 2024-09-01 is rejected naming the rule and its date; one after is bought', () => {
    const r = runYaml(`${HEAD}start: 2024-08-30T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00", USDT: "500.000000"}`)}orders:
  - {id: buy-early, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-08-31T12:00:00Z}
  - {id: sell-early, by: anna, sell: "100.000000 USDT", at: 2024-08-31T12:00:00Z}
  - {id: buy-later, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-01T09:00:00Z}
`);
    expect(r.outcome('buy-early')).toMatchObject({ status: 'rejected', reason: 'regime.notYetLawful:retailPurchases:2024-09-01' });
    expect(r.outcome('sell-early')).toMatchObject({ status: 'rejected', reason: 'regime.notYetLawful:retailSales:2024-09-01' });
    expect(r.entriesOf('buy-early')).toEqual([]);
    expect(r.entriesOf('sell-early')).toEqual([]);
    expect(r.outcome('buy-later')).toMatchObject({ status: 'purchased' });
  });

  // The law applies on the day the order was given, even if the answer comes after midnight.
  it('a purchase placed one second before the Moscow day 2024-09-01 begins is dated before the law', () => {
    const r = runYaml(`${HEAD}start: 2024-08-31T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-last-second, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-08-31T20:59:59Z}
`);
    expect(r.outcome('buy-last-second')).toMatchObject({ status: 'rejected', reason: 'regime.notYetLawful:retailPurchases:2024-09-01' });
  });

  it('a purchase placed as the Moscow day 2024-09-01 begins is lawful', () => {
    const r = runYaml(`${HEAD}start: 2024-08-31T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-first-second, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-08-31T21:00:00Z}
`);
    expect(r.outcome('buy-first-second').status).toBe('purchased');
  });

  it('a regime rule from the scenario moves the date', () => {
    const r = runYaml(`${HEAD}start: 2024-08-30T09:00:00Z
regime:
  rules:
    - {id: retailPurchases, operation: retailPurchase, lawfulFrom: "2024-08-01", source: "test assumption"}
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-early, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-08-31T12:00:00Z}
`);
    expect(r.outcome('buy-early')).toMatchObject({ status: 'purchased' });
  });

  describe('caps in USD, valued at the fx rate of the purchase', () => {
    const capScenario = (fx: string) => `${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "${fx}"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: buy-2, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T11:00:00Z}
  - {id: buy-3, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T12:00:00Z}
  - {id: buy-4, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T13:00:00Z}
`;

    it('at 92 RUB/USD two 20,000 RUB purchases fit under $600, the third is cap.exceeded and moves no money', () => {
      const r = runYaml(capScenario('92.00'));
      expect(['buy-1', 'buy-2', 'buy-3', 'buy-4'].map((id) => `${r.outcome(id).status}/${r.outcome(id).reason ?? ''}`)).toEqual([
        'purchased/',
        'purchased/',
        'rejected/cap.exceeded',
        'rejected/cap.exceeded',
      ]);
      expect(r.entriesOf('buy-3')).toEqual([]);
      expect(r.entriesOf('buy-4')).toEqual([]);
      const spent = r.outcome('buy-1').rub!.minor + r.outcome('buy-2').rub!.minor;
      expect(r.balance('banks:bank-a:anna', 'RUB')).toBe(100_000_000n - spent);
      for (const id of ['buy-1', 'buy-2']) expect(r.outcome(id).capValue).toEqual(usdAt(r.outcome(id).rub!, '92.00'));
      const used = r.outcome('buy-1').capValue!.atto + r.outcome('buy-2').capValue!.atto;
      expect([...r.run.caps.entries()]).toEqual([{ investor: 'anna', year: 2024, used, reserved: 0n }]);
    });

    it('at 100 RUB/USD the same purchases are worth $200 each: three fit, the fourth is refused', () => {
      const r = runYaml(capScenario('100.00'));
      expect(['buy-1', 'buy-2', 'buy-3', 'buy-4'].map((id) => r.outcome(id).status)).toEqual(['purchased', 'purchased', 'purchased', 'rejected']);
      expect(r.outcome('buy-4').reason).toBe('cap.exceeded');
      for (const id of ['buy-1', 'buy-2', 'buy-3']) expect(r.outcome(id).capValue).toEqual(usdAt(r.outcome(id).rub!, '100.00'));
    });

    it('two purchases in flight at once that together pass the cap: one is refused', () => {
      const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-a, by: anna, buy: USDT, spend: "40000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: buy-b, by: anna, buy: USDT, spend: "40000.00 RUB", at: 2024-09-02T10:00:00Z}
`);
      const statuses = [r.outcome('buy-a'), r.outcome('buy-b')].map((o) => `${o.status}/${o.reason ?? ''}`).sort();
      expect(statuses).toEqual(['purchased/', 'rejected/cap.exceeded']);
    });

    it('caps count per Moscow calendar year: at 21:30 UTC on 31 December the new year has begun', () => {
      const r = runYaml(`${HEAD}start: 2024-12-31T09:00:00Z
${USDT_MARKET}fx:
  USD/RUB: {mid: "92.00"}
participants:
${participant('anna', `${NQ}, balances: {RUB: "1000000.00"}`)}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "50000.00 RUB", at: 2024-12-31T18:00:00Z}
  - {id: buy-2, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-12-31T20:30:00Z}
  - {id: buy-3, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-12-31T21:30:00Z}
`);
      expect(r.outcome('buy-1').status).toBe('purchased');
      expect(r.outcome('buy-2').reason).toBe('cap.exceeded');
      expect(r.outcome('buy-3').status).toBe('purchased');
      const byYear = [...r.run.caps.entries()].map((e) => [e.year, e.used]);
      expect(byYear).toEqual([
        [2024, r.outcome('buy-1').capValue!.atto],
        [2025, r.outcome('buy-3').capValue!.atto],
      ]);
    });
  });

  describe('caps in RUB', () => {
    it('dfa-law: the cap value is the RUB cost itself; qualified investors are uncapped', () => {
      const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
regime: {preset: dfa-law}
${USDT_MARKET}participants:
${participant('anna', `${NQ}, balances: {RUB: "2000000.00"}`)}${participant('boris', `${Q}, balances: {RUB: "2000000.00"}`)}orders:
  - {id: anna-1, by: anna, buy: USDT, spend: "400000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: anna-2, by: anna, buy: USDT, spend: "300000.00 RUB", at: 2024-09-02T11:00:00Z}
  - {id: boris-1, by: boris, buy: USDT, spend: "900000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: boris-2, by: boris, buy: USDT, spend: "900000.00 RUB", at: 2024-09-02T11:00:00Z}
`);
      const a1 = r.outcome('anna-1');
      expect(a1.status).toBe('purchased');
      expect(a1.capValue).toEqual(fineOf(a1.rub!));
      expect(r.outcome('anna-2').reason).toBe('cap.exceeded');
      expect(r.outcome('boris-1')).toMatchObject({ status: 'purchased', capValue: null });
      expect(r.outcome('boris-2')).toMatchObject({ status: 'purchased', capValue: null });
      expect([...r.run.caps.entries()].map((e) => e.investor)).toEqual(['anna']);
    });

    it('a scenario can override the caps', () => {
      const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
regime:
  preset: dfa-law
  caps: {nonQualified: "30000.00 RUB", qualified: "30000.00 RUB", source: "test assumption"}
${USDT_MARKET}participants:
${participant('boris', `${Q}, balances: {RUB: "2000000.00"}`)}orders:
  - {id: boris-1, by: boris, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T10:00:00Z}
  - {id: boris-2, by: boris, buy: USDT, spend: "20000.00 RUB", at: 2024-09-02T11:00:00Z}
`);
      expect(r.outcome('boris-1').status).toBe('purchased');
      expect(r.outcome('boris-2').reason).toBe('cap.exceeded');
    });
  });
});

describe('sales through the runner', () => {
  it('selling more coin than held: funds.insufficient and no entries for that order', () => {
    const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
${USDT_MARKET}participants:
${participant('anna', `${NQ}, balances: {RUB: "1000.00", USDT: "100.000000"}`)}orders:
  - {id: sell-too-much, by: anna, sell: "150.000000 USDT", at: 2024-09-02T10:00:00Z}
  - {id: sell-ok, by: anna, sell: "100.000000 USDT", at: 2024-09-02T11:00:00Z}
`);
    expect(r.outcome('sell-too-much')).toMatchObject({ flow: 'cryptoSale', status: 'rejected', reason: 'funds.insufficient', rub: null, coin: null });
    expect(r.entriesOf('sell-too-much')).toEqual([]);
    const ok = r.outcome('sell-ok');
    expect(ok.status).toBe('sold');
    // at the bid of 92.50 less half a 100 bps spread: 100 USDT for 9,203.75 RUB
    expect(ok.rub).toEqual({ asset: ok.rub!.asset, minor: 920_375n });
    expect(r.balance('banks:bank-a:anna', 'RUB')).toBe(100_000n + 920_375n);
    expect(r.balance('custody:anna', 'USDT')).toBe(0n);
  });
});

describe('sales when the exchange is short of RUB', () => {
  it('exchange.noLiquidity when the exchange cannot pay the RUB; the coin stays in custody', () => {
    const r = runYaml(`${HEAD}start: 2024-09-02T09:00:00Z
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 100, depth: "1000000", fiatDepth: "5000.00"}
participants:
${participant('anna', `${NQ}, balances: {USDT: "100.000000"}`)}orders:
  - {id: sell-big, by: anna, sell: "100.000000 USDT", at: 2024-09-02T10:00:00Z}
  - {id: sell-small, by: anna, sell: "50.000000 USDT", at: 2024-09-02T11:00:00Z}
`);
    expect(r.outcome('sell-big')).toMatchObject({ status: 'rejected', reason: 'exchange.noLiquidity', rub: null, coin: null });
    expect(r.entriesOf('sell-big')).toEqual([]);
    // 50 USDT at the bid (4,601.875 RUB, rounded half-even) fits in the 5,000 RUB float
    expect(r.outcome('sell-small')).toMatchObject({ status: 'sold' });
    expect(r.outcome('sell-small').rub!.minor).toBe(460_188n);
    expect(r.balance('custody:anna', 'USDT')).toBe(50_000_000n);
  });
});

describe('miners through the runner', () => {
  const MINERS = `${HEAD}start: 2024-11-01T00:00:00Z
markets:
  BTC/RUB@moscow: {mid: "5400000.00", spreadBps: 150, depth: "50.00000000"}
participants:
  - {id: miner-reg, kind: miner, country: RU, bank: bank-a, registered: true, mining: {every: PT1H, reward: {fixed: "0.05000000 BTC"}}}
  - {id: miner-garage, kind: miner, country: RU, bank: bank-b, registered: false, mining: {every: PT1H, reward: {fixed: "0.05000000 BTC"}}}
orders:
  - {id: sell-reg, by: miner-reg, sell: "0.10000000 BTC", at: 2024-11-01T03:30:00Z}
  - {id: sell-garage, by: miner-garage, sell: "0.10000000 BTC", at: 2024-11-01T03:30:00Z}
`;

  it("a miner's rewards arrive from external:block-rewards into their custody on schedule", () => {
    const r = runYaml(MINERS);
    expect(BLOCK_REWARDS_ACCOUNT).toBe('external:block-rewards');
    const rewards = r.entries.filter((e) => e.kind === 'mining.reward');
    expect(rewards.length).toBeGreaterThanOrEqual(6); // three hours of hourly rewards for each miner
    const start = Date.parse('2024-11-01T00:00:00Z');
    for (const e of rewards) {
      expect(e.postings).toHaveLength(2);
      const [from, to] = e.postings;
      expect(from!.account).toBe('external:block-rewards');
      expect(from!.amount.minor).toBe(-5_000_000n);
      expect(['custody:miner-reg', 'custody:miner-garage']).toContain(to!.account);
      expect(to!.amount).toEqual({ asset: from!.amount.asset, minor: 5_000_000n });
      expect((e.time - start) % 3_600_000).toBe(0);
    }
    // both miners are paid from the first hour on
    for (const miner of ['miner-reg', 'miner-garage']) {
      const own = rewards.filter((e) => e.postings[1]!.account === `custody:${miner}`);
      expect(own[0]!.time).toBe(start + 3_600_000);
      expect(own[0]!.flow).toBe(miningFlow(miner));
    }
  });

  it('a registered miner sells mined coin for RUB; an unregistered one is rejected under the registry rule', () => {
    const r = runYaml(MINERS);
    const sold = r.outcome('sell-reg');
    expect(sold).toMatchObject({ status: 'sold', reason: null });
    expect(sold.coin!.minor).toBe(10_000_000n);
    // 0.1 BTC at the bid: 5,400,000 less 75 bps
    expect(sold.rub!.minor).toBe(53_595_000n);
    expect(r.netOf('sell-reg', 'banks:bank-a:miner-reg', 'RUB')).toBe(53_595_000n);
    expect(r.netOf('sell-reg', 'custody:miner-reg', 'BTC')).toBe(-10_000_000n);
    expect(r.balance('banks:bank-a:miner-reg', 'RUB')).toBe(53_595_000n);

    expect(r.outcome('sell-garage')).toMatchObject({ status: 'rejected', reason: 'regime.notRegistered:minerSales', rub: null, coin: null });
    expect(r.entriesOf('sell-garage')).toEqual([]);
    expect(r.balance('banks:bank-b:miner-garage', 'RUB')).toBe(0n);
  });

  it('before the mining rules apply even a registered miner is refused, naming the date', () => {
    const r = runYaml(
      MINERS.replace('start: 2024-11-01T00:00:00Z', 'start: 2024-10-30T00:00:00Z').replace(
        '{id: sell-reg, by: miner-reg, sell: "0.10000000 BTC", at: 2024-11-01T03:30:00Z}',
        '{id: sell-reg, by: miner-reg, sell: "0.10000000 BTC", at: 2024-10-31T12:00:00Z}',
      ),
    );
    expect(r.outcome('sell-reg')).toMatchObject({ status: 'rejected', reason: 'regime.notYetLawful:minerSales:2024-11-01' });
  });

  it('a miner selling more than was mined so far: funds.insufficient, no entries', () => {
    const r = runYaml(MINERS.replace('sell: "0.10000000 BTC", at: 2024-11-01T03:30:00Z}\n  - {id: sell-garage', 'sell: "0.50000000 BTC", at: 2024-11-01T03:30:00Z}\n  - {id: sell-garage'));
    expect(r.outcome('sell-reg')).toMatchObject({ status: 'rejected', reason: 'funds.insufficient' });
    expect(r.entriesOf('sell-reg')).toEqual([]);
  });
});
