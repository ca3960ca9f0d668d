// A purchase never costs more than the RUB its buyer asked to spend, whatever the slippage.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/runner.js';
import type { OrderOutcome } from '../../src/flows/order.js';

describe('retail purchase sizing', () => {
  it('shrinks the coin until the quote, slippage and rounding included, fits the spend', () => {
    const text = readFileSync('scenarios/retail-cap-dfa-law.yaml', 'utf8').replace('depth: "1000000"}', 'depth: "20000", slippageBps: 2000}');
    const r = parseScenario('s.yaml', text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const bought: OrderOutcome[] = [];
    runScenario(r.scenario, { outcome: (o) => (o.flow === 'retailPurchase' && o.status === 'purchased' ? bought.push(o) : undefined) });
    expect(bought.length).toBeGreaterThan(10);
    for (const o of bought) {
      expect(o.rub!.minor <= o.order.amount.minor, `${o.id} cost ${o.rub!.minor} for a spend of ${o.order.amount.minor}`).toBe(true);
      // and not absurdly less: within the slippage of the spend
      expect(o.rub!.minor * 10n > o.order.amount.minor * 7n).toBe(true);
    }
  });
});
