// report.json's sections per kind of flow, checked against the records they are folded from: the
// retail timeline holds every order once under its outcome or reason, cap use agrees with the
// refusals and run.json, miners' rewards are the journal's, each cycle's credit per member adds up
// to the cycle's and the member's totals, receipts and channels' time bins hold every credit once.

import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { loadScenario } from '../../src/cli/readScenario.js';
import { recordRun } from '../../src/app/recordRun.js';
import type { OutcomeDetail } from '../../src/records/index.js';
import type { Report } from '../../src/report/index.js';

/** A shipped scenario run in memory: its report, and its ledger entries and details lines as written. */
function run(file: string) {
  const r = loadScenario(`scenarios/${file}`);
  if (!r.ok) throw new Error(`${file} does not load`);
  const entries: { kind: string; flow: string; postings: { account: string; asset: string; amount: string }[] }[] = [];
  const details: OutcomeDetail[] = [];
  const recorded = recordRun(r.scenario, { ledger: (l) => entries.push(JSON.parse(l) as (typeof entries)[number]), details: (l) => details.push(JSON.parse(l) as OutcomeDetail) });
  return { report: recorded.report, entries, details };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const sumDec = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

/** Every order of a group once in its timeline, under its status when filled or its reason when refused. */
function placedAgrees(g: NonNullable<NonNullable<Report['retail']>['purchases']>) {
  const byKey: Record<string, number> = {};
  for (const b of g.placed.bins) for (const [k, n] of Object.entries(b.counts)) byKey[k] = (byKey[k] ?? 0) + n;
  expect(sum(Object.values(byKey))).toBe(g.orders);
  for (const [reason, n] of Object.entries(g.byReason)) expect(byKey[reason], reason).toBe(n);
  for (const s of ['purchased', 'sold']) if (g.byStatus[s]) expect(byKey[s], s).toBe(g.byStatus[s]);
  // Slots follow each other without a gap, from the first order's slot to the last's.
  const starts = g.placed.bins.map((b) => Date.parse(b.from));
  for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(g.placed.binMinutes * 60_000);
}

describe('report.json sections per kind of flow', () => {
  it('retail-cap-dfa-law: purchases over time and the cap in force, with no section for kinds it lacks', () => {
    const { report, details } = run('retail-cap-dfa-law.yaml');
    const x = report.retail!;
    expect(x.purchases!.orders).toBe(80);
    expect(x.purchases!.filled).toBe(64);
    placedAgrees(x.purchases!);
    const nq = x.caps!.categories.find((c) => c.category === 'nonQualified')!;
    expect(nq.capInForce).toBe('600000.00 RUB');
    expect(nq.refusedAtCap).toBe(x.purchases!.byReason['cap.exceeded']);
    expect(nq.reachedCap).toBe(1);
    expect(nq.peakShare).toBe(1);
    const q = x.caps!.categories.find((c) => c.category === 'qualified')!;
    expect(q.capInForce).toBeNull();
    // An uncapped category still counts its buyers: each investor with a filled purchase, once.
    for (const c of x.caps!.categories) {
      const buyers = new Set(details.flatMap((d) => (d.flow === 'retailPurchase' && d.status === 'purchased' && d.order.participant.category === c.category ? [d.order.participant.id] : [])));
      expect(c.investorsWhoBought, c.category).toBe(buyers.size);
    }
    expect(q.investorsWhoBought).toBeGreaterThan(0);
    expect([report.payments.total, report.receipts, report.miners, report.clearing]).toEqual([0, null, null, null]);
  });

  it('retail-day-at-volume: purchases and sales apart, bands of cap use counting each investor once', () => {
    const { report } = run('retail-day-at-volume.yaml');
    const x = report.retail!;
    placedAgrees(x.purchases!);
    placedAgrees(x.sales!);
    for (const c of x.caps!.categories) if (c.capInForce !== null) expect(sum(Object.values(c.bands)), c.category).toBe(c.investorsWhoBought);
    expect(sum(x.caps!.categories.map((c) => c.refusedAtCap))).toBe(x.purchases!.byReason['cap.exceeded']);
  });

  it('miner-sells-mined-btc: rewards as the journal posted them, sales and registry refusals per miner', () => {
    const { report, entries } = run('miner-sells-mined-btc.yaml');
    const m = report.miners!;
    for (const miner of m.miners) {
      const rewards = entries.filter((e) => e.kind === 'mining.reward' && e.flow === `sim/mining/${miner.miner}`);
      expect(miner.rewards, miner.miner).toBe(rewards.length);
      expect(miner.mined, miner.miner).toBe(`${sumDec(rewards.map((e) => e.postings.find((p) => p.account === `custody:${miner.miner}`)!.amount)).toFixed(8)} BTC`);
    }
    expect(m.registryRefused).toBe(15);
    expect(m.miners.find((x) => x.miner === 'miner-garage')!.sold).toBe(0);
    expect(m.miners.find((x) => x.miner === 'miner-irkutsk')!.receivedRub).toBe(report.domestic.minerProceedsRub['miner-irkutsk']);
    placedAgrees(m.sales!);
    expect(report.retail).toBeNull();
  });

  it('clearing-day-many-banks: each cycle\'s credit per member adds up to the cycle\'s, and over cycles to the member\'s', () => {
    const { report } = run('clearing-day-many-banks.yaml');
    const c = report.clearing!;
    for (const p of c.perCycle) expect(sumDec(Object.values(p.creditByMemberRub)).toFixed(2), p.cycle).toBe(new Decimal(p.creditRub).toFixed(2));
    for (const m of c.members) expect(sumDec(c.perCycle.map((p) => p.creditByMemberRub[m.member] ?? '0')).toFixed(2), m.member).toBe(m.creditRub);
    expect(sumDec(c.perCycle.map((p) => p.creditRub)).toFixed(2)).toBe(c.centralBankCreditRub);
    const times = c.perCycle.map((p) => Date.parse(p.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('exporter-paid-in-brics-coin: receipts credited, blocked and frozen, each credited once in the histogram, and their cost', () => {
    const { report, details } = run('exporter-paid-in-brics-coin.yaml');
    const x = report.receipts!;
    const receipts = details.filter((d) => d.flow === 'crossBorderReceipt');
    expect(x.receipts).toBe(receipts.length);
    expect(x.credited + x.blocked + x.frozen + x.otherwiseStopped).toBe(x.receipts);
    expect(x.blocked).toBe(receipts.filter((d) => d.reason?.startsWith('sanctions.blocked:')).length);
    expect(sum(x.timeToCreditHistogram.bins.map((b) => b.credited))).toBe(x.credited);
    expect(x.timeToCreditHistogram.bins.at(-1)!.toMinutes * 60).toBeGreaterThanOrEqual(x.timeToCreditSeconds.max!);
    expect(x.costRub!.total).toBe(report.channels.find((c) => c.settlement === 'inbound')!.costRub.total);
    expect(report.payments.total).toBe(0);
  });

  it('pilot-vs-correspondent: every credited payment once in its channel\'s time bins, and a payments timeline that ends with the pilot\'s payments', () => {
    const { report } = run('pilot-vs-correspondent.yaml');
    const t = report.channelTimes!;
    for (const c of t.channels) {
      const row = report.channels.find((x) => x.channel === c.channel)!;
      expect(sum(c.counts), c.channel).toBe(row.byStatus.settled);
      expect(c.credited, c.channel).toBe(row.byStatus.settled);
    }
    // The correspondent leg takes weeks; the pilot's payments are drawn over their own day.
    const line = report.timeline;
    expect(line.binMinutes).toBeLessThanOrEqual(60);
    expect(Date.parse(line.bins.at(-1)!.from)).toBeLessThan(Date.parse(report.scenario.end) - 86_400_000);
  });
});
