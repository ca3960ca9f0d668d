// The report's money outside the happy path: coin kept or frozen is valued at the mid of the
// moment its payment ended (a depeg is a loss, never a gain); AML flags and sanctions hits count
// every kind of flow; cap usage counts investors, not investor-years.

import { compileScenario } from '../../src/scenario/compile.js';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { Dec } from '../../src/money/index.js';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/schema.js';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';
import { ComplianceTally, type Report } from '../../src/report/index.js';
import { frozenUnderDepeg, keptInCustodyUnderDepeg } from './depegScenarios.js';
import type { OutcomeRecord } from '../../src/invariants/index.js';

const dir = mkdtempSync(join(tmpdir(), 'railpilot-money-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
async function run(input: ScenarioInput | string): Promise<{ report: Report; outcomes: OutcomeRecord[] }> {
  let s;
  if (typeof input === 'string') {
    const r = loadScenario(input);
    if (!r.ok) throw new Error(`${input} does not load`);
    s = r.scenario;
  } else s = compileScenario(scenarioSchema.parse(input));
  const out = join(dir, `run-${runs++}`);
  const report = await runToFolder(s, out);
  const outcomes = readFileSync(join(out, 'outcomes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OutcomeRecord);
  return { report, outcomes };
}

const units = (text: string) => new Decimal(text.split(' ')[0]!);

const DEPEGGED_MID = new Decimal('92.50').mul('0.90');

describe('coin valued at the mid of the moment its payment ended', () => {
  it('books the coin frozen in flight under a depeg at the depegged mid, every part of the payer\'s RUB a loss', async () => {
    const { report, outcomes } = await run(frozenUnderDepeg());
    const o = outcomes.find((x) => x.id === 'order-1')!;
    expect(o.status).toBe('frozen');
    const f = report.flowOfFundsRub.frozen;
    expect(f.frozenAtMid).toBe(units(o.frozen!).mul(DEPEGGED_MID).toFixed(2));
    expect(report.lossesRub.frozen.frozenValue).toBe(f.frozenAtMid);
    for (const part of [f.exchangeSpread, f.chainFees, f.npcsFees, f.frozenAtMid]) expect(new Decimal(part).gte(0), part).toBe(true);
    expect(new Decimal(f.frozenAtMid).lt(f.paid)).toBe(true);
  });

  it('books coin an unwind left in the payer\'s custody under a depeg at the depegged mid: a loss, not a gain', async () => {
    const input = keptInCustodyUnderDepeg();
    const { report, outcomes } = await run(input);
    const o = outcomes.find((x) => x.id === 'order-1')!;
    expect(o.status).toBe('refunded');
    expect(o.coin).not.toBeNull();
    const r = report.flowOfFundsRub.refunded;
    expect(r.refundedToPayers).toBe(units(o.coin!).mul(DEPEGGED_MID).toFixed(2));
    expect(new Decimal(r.lostOnRefunds).gt(0)).toBe(true);
    expect(report.lossesRub.refunded.loss).toBe(r.lostOnRefunds);
  });
});

describe('a frozen payment\'s parts', () => {
  it('count the return transfer\'s chain fee when the payer is listed after the payout failed', async () => {
    const { report, outcomes } = await run({
      name: 'refund-frozen',
      description: 'the payout fails, the coin comes back, the payer is listed before the sell-back',
      seed: 1,
      start: '2024-09-02T09:00:00Z',
      markets: {
        'USDT/RUB': { mid: '92.50', spreadBps: 50, quoteTtl: 'PT30S', depth: '1000000' },
        'USDT/CNY': { mid: '7.10', spreadBps: 30, delay: 'PT10M', liquidity: '1000.00' },
      },
      chains: { tron: { blockTime: 'PT3S', confirmations: 19, fee: '2.00 USDT' } },
      participants: [
        { id: 'importer-msk', kind: 'company', country: 'RU', bank: 'bank-a', balances: { RUB: '50000000.00' } },
        { id: 'supplier-sz', kind: 'company', country: 'CN' },
      ],
      sanctions: [{ party: 'importer-msk', from: '2024-09-02T09:14:30Z' }],
      payments: [{ id: 'order-1', from: 'importer-msk', to: 'supplier-sz', amount: '100000.00 CNY', via: { stablecoin: 'USDT', chain: 'tron' }, at: '2024-09-02T09:05:00Z' }],
    });
    expect(outcomes.find((o) => o.id === 'order-1')!.status).toBe('frozen');
    const f = report.flowOfFundsRub.frozen;
    // Two transfers of 2.00 USDT each, out and back, at 92.50.
    expect(f.chainFees).toBe('370.00');
    const { paid, ...parts } = f;
    expect(Object.values(parts).reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2)).toBe(paid);
  });
});

describe('compliance figures over every kind of flow', () => {
  it('counts sanctions hits and AML flags of receipts from abroad', async () => {
    const { report, outcomes } = await run('scenarios/exporter-paid-in-brics-coin.yaml');
    const hits = (kind: string) => outcomes.filter((o) => o.reason?.startsWith(`sanctions.${kind}:`)).length;
    expect(hits('blocked')).toBeGreaterThan(0);
    expect(hits('frozen')).toBeGreaterThan(0);
    expect(report.sanctions.blocked).toBe(hits('blocked'));
    expect(report.sanctions.frozen).toBe(hits('frozen'));
    const flagged = outcomes.filter((o) => o.rub !== null && units(o.rub).gte('1000000.00'));
    expect(flagged.some((o) => o.flow === 'crossBorderReceipt')).toBe(true);
    expect(report.domestic.amlFlags.count).toBe(flagged.length);
    expect(report.domestic.amlFlags.totalRub).toBe(flagged.reduce((a, o) => a.plus(units(o.rub!)), new Decimal(0)).toFixed(2));
  });

  it('counts AML flags of correspondent payments', async () => {
    const { report, outcomes } = await run('scenarios/pilot-vs-correspondent.yaml');
    const flagged = outcomes.filter((o) => o.rub !== null && units(o.rub).gte('1000000.00'));
    expect(flagged.some((o) => o.flow === 'correspondentPayment')).toBe(true);
    expect(report.domestic.amlFlags.count).toBe(flagged.length);
  });

  it('flags an operation of exactly the threshold, whatever its flow, and nothing a kopeck below', () => {
    const tally = new ComplianceTally('1000000.00 RUB', 2);
    const line = (flow: string, rub: string | null, reason: string | null = null) => ({ flow, rub, reason });
    tally.add(line('crossBorderReceipt', '1000000.00 RUB'));
    tally.add(line('correspondentPayment', '1000000.00 RUB', 'sanctions.frozen:x'));
    tally.add(line('crossBorderPayment', '999999.99 RUB', 'sanctions.blocked:y'));
    tally.add(line('cryptoSale', '1000000.01 RUB'));
    tally.add(line('crossBorderReceipt', null, 'sanctions.blocked:z'));
    const c = tally.section();
    expect(c.amlFlags).toEqual({ count: 3, totalRub: '3000000.01', byFlow: { correspondentPayment: 1, crossBorderReceipt: 1, cryptoSale: 1 } });
    expect(c.sanctions).toEqual({
      blocked: 2,
      frozen: 1,
      byFlow: { correspondentPayment: { blocked: 0, frozen: 1 }, crossBorderPayment: { blocked: 1, frozen: 0 }, crossBorderReceipt: { blocked: 1, frozen: 0 } },
    });
  });
});

describe('the AML total', () => {
  // Kept in minor units while every amount reads exactly at the scale, in decimals after one
  // that does not: either way the total decimal.js gives, to the scale's places.
  const total = (threshold: string, rubs: string[]) => {
    const tally = new ComplianceTally(threshold, 2);
    for (const rub of rubs) tally.add({ flow: 'crossBorderPayment', rub, reason: null });
    return tally.section().amlFlags;
  };
  const decimalTotal = (threshold: string, rubs: string[]) => {
    // The run's decimals: 40 digits, half-even.
    const flagged = rubs.map((r) => new Dec(r.split(' ')[0]!)).filter((d) => d.gte(threshold.split(' ')[0]!));
    return { count: flagged.length, totalRub: flagged.reduce((a, d) => a.plus(d), new Dec(0)).toFixed(2) };
  };

  it('is the decimal sum of the flagged amounts, whether or not they have more places than the scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(0, 1, 2, 3)), { maxLength: 20 }),
        fc.constantFrom('1000000.00 RUB', '1000000.005 RUB', '0 RUB'),
        (lines, threshold) => {
          const rubs = lines.map(([n, places]) => `${new Decimal(n.toString()).div(10 ** places).toFixed(places)} RUB`);
          const { count, totalRub } = total(threshold, rubs);
          expect({ count, totalRub }).toEqual(decimalTotal(threshold, rubs));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('cap usage', () => {
  it('counts an investor who bought in two calendar years once', async () => {
    const { report } = await run({
      name: 'two-years',
      description: 'one investor buys on both sides of new year',
      seed: 1,
      start: '2024-12-31T20:00:00Z',
      markets: { 'USDT/RUB@moscow': { mid: '92.50', spreadBps: 50, depth: '1000000' } },
      regime: { preset: 'dfa-law' },
      participants: [{ id: 'investor', kind: 'individual', country: 'RU', bank: 'bank-a', investor: { category: 'nonQualified', passedTest: true }, balances: { RUB: '1000000.00' } }],
      orders: [
        { id: 'buy-1', by: 'investor', buy: 'USDT', spend: '10000.00 RUB', at: '2024-12-31T20:10:00Z' },
        { id: 'buy-2', by: 'investor', buy: 'USDT', spend: '10000.00 RUB', at: '2024-12-31T22:10:00Z' },
      ],
    });
    const usage = report.retail!.caps!.categories.find((c) => c.category === 'nonQualified')!;
    expect(usage.investorsWhoBought).toBe(1);
    expect(Object.values(usage.bands).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
