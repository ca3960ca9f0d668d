// `explain` tells one flow's life from the same deterministic run: every transition of that
// flow, every entry it made and what those entries changed at the accounts it touched (never the
// whole system's balances), in major units and readable durations, with the cause of every wait
// and failure named.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import { collectStory, listFlows, mostInstructive, storyMarkdown, storyText, transitionCounts, ANSI, type PaymentStory } from '../../src/app/explain.js';
import { failureCauses, waitOf } from '../../src/app/explainCauses.js';
import { capUse } from '../../src/app/explainCap.js';
import { duration, major, money } from '../../src/app/explainFormat.js';
import { filterFlows } from '../../src/app/explainList.js';
import { runScenario } from '../../src/scenario/runner.js';
import { moscowYear } from '../../src/rails/regime/regime.js';
import { defineAsset } from '../../src/money/index.js';
import type { Model } from '../../src/scenario/model.js';

function scenario(file: string): Model {
  const r = loadScenario(file);
  if (!r.ok) throw new Error(file);
  return r.scenario;
}

/** Per account and asset, the sum of the flow's own postings over every entry the story shows. */
function postingsOf(story: PaymentStory): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const e of story.steps.flatMap((s) => s.entries)) {
    for (const p of e.postings) {
      const key = `${p.account} ${p.amount.asset.code}`;
      sums.set(key, (sums.get(key) ?? 0n) + p.amount.minor);
    }
  }
  return sums;
}

describe('explain', () => {
  const halted = scenario('scenarios/halted-chain-refund.yaml');

  it('follows a refunded payment through the time-out, the drop and the sell-back', () => {
    const story = collectStory(halted, 'during-halt')!;
    expect(story.outcome.status).toBe('refunded');
    expect(story.steps.map((s) => s.record.to)).toEqual([
      'screening',
      'quoting',
      'holdingFunds',
      'converting',
      'transferringOnChain.awaitingInclusion',
      'transferringOnChain.droppingTransfer',
      'unwinding.sellingBack',
      'refunded',
    ]);
    // The time-out fires 30 simulated minutes after the transfer was submitted.
    const submitted = story.steps[4]!.record.time;
    expect(story.steps[5]!.record.time - submitted).toBe(30 * 60_000);
    expect(story.steps.flatMap((s) => s.entries.map((e) => e.kind))).toEqual([
      'hold.pending',
      'hold.posted',
      'exchange.filled',
      'chain.submitted',
      'chain.dropped',
      'exchange.soldBack',
    ]);
    expect(story.steps.flatMap((s) => s.entries).every((e) => e.flow === 'during-halt')).toBe(true);
  });

  it("names the halt and its window as the cause of the wait for a block and of the refund", () => {
    const story = collectStory(halted, 'during-halt')!;
    const inclusion = story.steps.findIndex((s) => s.record.to === 'transferringOnChain.awaitingInclusion');
    const wait = waitOf(story, inclusion);
    expect(wait.ms).toBe(30 * 60_000);
    expect(wait.cause).toBe('Tron halted 2024-09-02 10:00–12:00 UTC (fault #1, chainHalt)');
    // A step of a second inside the halt's window was not held by it.
    expect(waitOf(story, 0).cause).toBeUndefined();
    const text = storyText(story);
    expect(text).toContain('Waited 30 min here: Tron halted 2024-09-02 10:00–12:00 UTC (fault #1, chainHalt).');
    expect(text).toContain('Why: no block included the transfer within the 30 min inclusion time-out (chains.tron.inclusionTimeout): Tron halted 2024-09-02 10:00–12:00 UTC');
    // The payment sent before the halt waited for nothing the run can blame.
    expect(storyText(collectStory(halted, 'before-halt')!)).not.toContain('Tron halted');
  });

  it("names the halt for a confirmation wait it caused, and the listing that froze a payment", () => {
    const s = scenario('scenarios/importer-pays-china-usdt.yaml');
    const story = collectStory(s, 'pay-qakaybdnca')!;
    expect(story.status).toBe('frozen');
    const text = storyText(story);
    expect(text).toContain('Why: supplier-listed-later listed at 2024-09-02 12:30 UTC.');
    const confirming = story.steps.findIndex((st) => st.record.to === 'transferringOnChain.awaitingConfirmations');
    const wait = waitOf(story, confirming);
    expect(wait.ms).toBeGreaterThan(3_600_000);
    expect(wait.cause).toBe('Tron halted 2024-09-02 11:00–13:00 UTC (fault #1, chainHalt)');
    expect(text).not.toMatch(/\d{3,} min/);
  });

  it("shows only the accounts the flow touched, each step's change summing to the flow's own postings", () => {
    for (const [file, id] of [['scenarios/one-payment-life.yaml', 'order-1'], ['scenarios/halted-chain-refund.yaml', 'during-halt']] as const) {
      const story = collectStory(scenario(file), id)!;
      const postings = postingsOf(story);
      const stepSums = new Map<string, bigint>();
      for (const st of story.steps) for (const c of st.changes) stepSums.set(`${c.account} ${c.asset}`, (stepSums.get(`${c.account} ${c.asset}`) ?? 0n) + c.minor);
      expect(stepSums).toEqual(postings);
      const last = story.steps.at(-1)!;
      expect(new Map(last.net.map((n) => [`${n.account} ${n.asset}`, n.minor]))).toEqual(postings);
    }
    // The chain-fee account shows this payment's 2 USDT fee, not every payment's fees so far.
    const life = collectStory(scenario('scenarios/one-payment-life.yaml'), 'order-1')!;
    const fee = life.steps.at(-1)!.balances.find((b) => b.account === 'external:chain-fees:tron');
    expect(fee).toEqual({ account: 'external:chain-fees:tron', asset: 'USDT', balance: '2.000000' });
    // No opening balance of the payer, no other flow's account.
    expect(life.steps.at(-1)!.net.map((n) => n.account)).not.toContain('funding');
  });

  it('names the cap and its use for a purchase the cap refused, as the run counted it', () => {
    const s = scenario('scenarios/retail-cap-dfa-law.yaml');
    const flows = listFlows(s);
    const refused = flows.find((f) => f.reason === 'cap.exceeded')!;
    const story = collectStory(s, refused.id)!;
    const u = capUse(story)!;
    expect(money(u.cap)).toBe('600,000.00 RUB');
    // The same use counted independently: what this investor's purchases of the year committed before it.
    const o = story.outcome;
    if (o.flow !== 'retailPurchase') throw new Error('expected a retail purchase');
    let committed = 0n;
    runScenario(s, {
      outcome: (x, at) => {
        if (x.flow === 'retailPurchase' && x.capValue && x.order.participant.id === o.order.participant.id && moscowYear(x.order.initiatedAt) === moscowYear(o.order.initiatedAt) && at < refused.initiatedAt) committed += x.capValue.atto;
      },
    });
    expect(u.used.atto).toBe(committed);
    const capAtto = u.cap.minor * 10n ** 16n;
    expect(u.used.atto + u.inFlight.atto).toBeLessThanOrEqual(capAtto);
    expect(u.used.atto + u.inFlight.atto + u.orderAtto).toBeGreaterThan(capAtto);
    expect(storyText(story)).toMatch(/Why: cap 600,000\.00 RUB a year for non-qualified investors \(2024\), used [\d,]+\.\d\d RUB by \d+ earlier purchases, order 25,000\.00 RUB/);
  });

  it('explains every kind of flow, each with its own opening line', () => {
    const kinds = [
      ['crossBorderPayment', 'scenarios/one-payment-life.yaml'],
      ['crossBorderReceipt', 'scenarios/exporter-paid-in-brics-coin.yaml'],
      ['retailPurchase', 'scenarios/retail-cap-dfa-law.yaml'],
      ['cryptoSale', 'scenarios/miner-sells-mined-btc.yaml'],
      ['clearingCycle', 'scenarios/clearing-day-many-banks.yaml'],
    ] as const;
    for (const [kind, file] of kinds) {
      const s = scenario(file);
      const f = listFlows(s).find((x) => x.flow === kind)!;
      const story = collectStory(s, f.id)!;
      expect(story.flow).toBe(kind);
      expect(story.steps.length).toBeGreaterThan(0);
      expect(storyText(story).split('\n')[0]).toMatch(/^(Payment|Receipt|Order|Clearing cycle) /);
    }
    const corr = listFlows(scenario('scenarios/pilot-vs-correspondent.yaml')).find((f) => f.flow === 'correspondentPayment' && f.status === 'settled')!;
    const story = collectStory(scenario('scenarios/pilot-vs-correspondent.yaml'), corr.id)!;
    expect(storyText(story)).toMatch(/through correspondent banks/);
    expect(storyText(story)).toMatch(/Waited [\d a-z]+ here: the correspondent chain's time to reach the beneficiary bank, drawn between 1 d and 5 d \(baseline russia-china-sanctioned/);
  });

  it("names the venue's closure for an order an exchange outage refused, and no closure of another venue", () => {
    const s = scenario('scenarios/importer-pays-china-yuan-coin.yaml');
    const f = listFlows(s).find((x) => x.reason === 'exchange.outage:spb')!;
    const story = collectStory(s, f.id)!;
    expect(storyText(story)).toContain('Why: exchange spb closed 2024-09-03 12:00–12:30 UTC (fault #1, exchangeOutage).');
    // The same story told against a scenario whose outage is at another venue: that outage is not named.
    const moscow = { ...s, faults: s.faults.map((x) => (x.kind === 'exchangeOutage' ? { ...x, venue: 'moscow' as const } : x)) };
    expect(failureCauses({ ...story, scenario: moscow })).toEqual(['exchange spb took no orders']);
  });

  it('names the rule for a sale the regime refused', () => {
    const s = scenario('scenarios/miner-sells-mined-btc.yaml');
    const f = listFlows(s).find((x) => x.reason === 'regime.notRegistered:minerSales')!;
    expect(storyText(collectStory(s, f.id)!)).toMatch(/Why: rule minerSales \(minerSale\) of the as-reported-2024 regime allows it only to sellers in the miners' registry, and \S+ is not registered \(source: /);
  });

  it('writes amounts in major units with their asset, exactly, and durations in days, hours and minutes', () => {
    expect(money({ asset: defineAsset('USDT', 6), minor: 1_250_000_000n })).toBe('1,250.000000 USDT');
    expect(money({ asset: defineAsset('RUB', 2), minor: 9_200_000n })).toBe('92,000.00 RUB');
    expect(major(-130_822_146n, 2)).toBe('-1,308,221.46');
    expect(major(53n, 6)).toBe('0.000053');
    // Past 2^53, where a JS number would lose the last digits.
    expect(major(123_456_789_012_345_678_901n, 2)).toBe('1,234,567,890,123,456,789.01');
    expect(duration(10_500)).toBe('10.5 s');
    expect(duration(0)).toBe('0.0 s');
    expect(duration(8 * 60_000 + 30_400)).toBe('8 min 30 s');
    expect(duration(121 * 60_000)).toBe('2 h 1 min');
    expect(duration(2 * 3_600_000)).toBe('2 h');
    expect(duration(10_670 * 60_000 + 10_500)).toBe('7 d 9 h 50 min');
    expect(duration(21 * 86_400_000)).toBe('21 d');
  });

  it('shows balances that add up, and the loss in the headline, in major units', () => {
    const story = collectStory(halted, 'during-halt')!;
    const text = storyText(story);
    expect(text).toMatch(/The payer paid 1,308,221\.46 RUB and got back 1,301,696\.66 RUB: a loss of 6,524\.80 RUB\./);
    expect(text).toContain('after 30 min 7 s');
    expect(text).toContain('Time is up (inclusionTimeout)');
    expect(text).not.toContain('\x1b[');
    expect(storyText(story, ANSI)).toContain('\x1b[1m');
  });

  it('lists the flows of a run, filtered by status or by reason (in full or by its code)', () => {
    const flows = listFlows(scenario('scenarios/miner-sells-mined-btc.yaml'));
    const rejected = filterFlows(flows, { status: 'rejected' });
    expect(rejected.ok && rejected.flows.length).toBe(flows.filter((f) => f.status === 'rejected').length);
    const byCode = filterFlows(flows, { reason: 'regime.notRegistered' });
    const byFull = filterFlows(flows, { reason: 'regime.notRegistered:minerSales' });
    expect(byCode.ok && byCode.flows.length).toBeGreaterThan(0);
    expect(byCode.ok && byCode.flows.every((f) => f.reason === 'regime.notRegistered:minerSales')).toBe(true);
    expect(byFull).toEqual(byCode);
    const both = filterFlows(flows, { status: 'sold', reason: 'regime.notRegistered' });
    expect(both.ok && both.flows).toEqual([]);
    const unknown = filterFlows(flows, { status: 'lost' });
    expect(unknown).toMatchObject({ ok: false, option: '--status' });
    expect(!unknown.ok && unknown.problem).toMatch(/statuses are .*rejected \(\d+\).*sold \(\d+\)|statuses are .*sold \(\d+\).*rejected \(\d+\)/);
    const noReason = filterFlows(flows, { reason: 'cap.exceeded' });
    expect(!noReason.ok && noReason.problem).toContain('regime.notYetLawful:minerSales:2024-11-01');
  });

  it('picks the payment with the most transitions by default, the earliest on a tie', () => {
    const counts = transitionCounts(scenario('scenarios/importer-pays-china-usdt.yaml'));
    const best = mostInstructive(counts)!;
    expect(Math.max(...counts.values())).toBe(counts.get(best));
    expect(mostInstructive(new Map([['a', 3], ['b', 5], ['c', 5]]))).toBe('b');
  });

  it('renders Markdown with a section per step and a table of what each step changed', () => {
    const md = storyMarkdown(collectStory(scenario('scenarios/one-payment-life.yaml'), 'order-1')!);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(8);
    expect(md).toMatch(/^Entries: E\d+ `hold\.pending`/m);
    expect(md).toMatch(/^\| banks:bank-a:importer-msk \| -1,308,221\.46 RUB \| -1,308,221\.46 RUB \|$/m);
    expect(md).toContain('`settled`');
  });

  it('returns nothing for a payment the scenario does not have', () => {
    expect(collectStory(halted, 'no-such-payment')).toBeUndefined();
  });
});
