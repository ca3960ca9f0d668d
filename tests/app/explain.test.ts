// `explain` tells one payment's life from the same deterministic run: every transition of that
// payment, every entry it made, and the balances those entries left.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import { collectStory, mostInstructive, storyMarkdown, storyText, transitionCounts, ANSI } from '../../src/app/explain.js';
import type { Model } from '../../src/scenario/model.js';

function scenario(file: string): Model {
  const r = loadScenario(file);
  if (!r.ok) throw new Error(file);
  return r.scenario;
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

  it('shows balances that add up from the entries it shows, and the loss in the headline', () => {
    const story = collectStory(halted, 'during-halt')!;
    const last = story.steps.at(-1)!;
    // Nothing of this payment is left in flight: holds, NPCS's outbound coin and transit are back to zero.
    const bal = (account: string, asset: string) => last.balances.find((b) => b.account === account && b.asset === asset)?.balance;
    expect(bal('npcs:holds', 'RUB')).toBe('0.00');
    expect(bal('npcs:outbound', 'USDT')).toBe('0.000000');
    expect(bal('chains:tron:transit', 'USDT')).toBe('0.000000');
    const text = storyText(story);
    expect(text).toMatch(/The payer paid 1308221\.46 RUB and got back 1301696\.66 RUB: a loss of 6524\.80 RUB\./);
    expect(text).toContain('Time is up (inclusionTimeout)');
    expect(text).not.toContain('\x1b[');
    expect(storyText(story, ANSI)).toContain('\x1b[1m');
  });

  it('picks the payment with the most transitions by default, the earliest on a tie', () => {
    const counts = transitionCounts(scenario('scenarios/importer-pays-china-usdt.yaml'));
    const best = mostInstructive(counts)!;
    expect(Math.max(...counts.values())).toBe(counts.get(best));
    expect(mostInstructive(new Map([['a', 3], ['b', 5], ['c', 5]]))).toBe('b');
  });

  it('renders Markdown with a section per step and a table of postings', () => {
    const md = storyMarkdown(collectStory(scenario('scenarios/one-payment-life.yaml'), 'order-1')!);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(8);
    expect(md).toMatch(/^\| E\d+ \| hold\.pending \| banks:bank-a:importer-msk \| -\d+\.\d{2} RUB \|$/m);
    expect(md).toContain('`settled`');
  });

  it('returns nothing for a payment the scenario does not have', () => {
    expect(collectStory(halted, 'no-such-payment')).toBeUndefined();
  });
});
