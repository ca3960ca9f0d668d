// Edges of the breadth the second read found: a receipt draining the exchange's RUB before an
// unwind needs them, parties listed while money waits (an outage, a return over days), a sale
// beyond the exchange's starting depth, a depeg on a coin with its own fx path. Each runs to its
// end with every invariant holding and ends the way a user would expect.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { checkScenario } from '../../src/app/checkScenario.js';
import type { Outcome } from '../../src/scenario/runner.js';

function run(yaml: string): Map<string, Outcome> {
  const r = parseScenario('edge.yaml', yaml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const { failures, outcomes } = checkScenario(r.scenario);
  expect(failures).toEqual([]);
  return new Map(outcomes.map((o) => [o.id, o]));
}

const HEAD = `seed: 1
start: 2024-09-10T09:00:00Z
`;

describe('breadth at its edges', () => {
  it("an unwind the exchange cannot buy back leaves the coin in the payer's custody (a receipt drained its RUB)", () => {
    const out = run(`name: drain
description: a receipt drains the exchange's RUB that an unwind needs
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000", fiatDepth: "0.00"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
  ethereum: {preset: ethereum}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:30Z, for: PT2H}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: out-a, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "140.000000 USDT", via: {stablecoin: USDT, chain: ethereum}, at: 2024-09-10T09:02:00Z}
`);
    expect(out.get('in-r')).toMatchObject({ status: 'settled', reason: null });
    const a = out.get('out-a')!;
    expect(a).toMatchObject({ status: 'refunded', reason: 'chain.notIncluded', refunded: null });
    expect(a.flow === 'crossBorderPayment' && a.keptCoin?.asset.code).toBe('USDT');
  });

  it('a receipt waiting out an outage is frozen, not credited, when the exporter is listed meanwhile', () => {
    const out = run(`name: listed-sale
description: exporter listed while its receipt waits out an exchange outage
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
chains:
  ethereum: {preset: ethereum}
faults:
  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:02:00Z, for: PT3H}
sanctions:
  - {party: exporter-c, from: 2024-09-10T10:00:00Z}
participants:
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "5000.000000 USDT", at: 2024-09-10T09:00:00Z}
`);
    expect(out.get('in-r')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:exporter-c', rub: null });
  });

  it('a correspondent return to a payer listed while it travelled back is frozen, not paid', () => {
    const out = run(`name: corr-listed
description: payer listed while its rejected correspondent payment travels back
${HEAD}fx:
  CNY/RUB: {mid: "13.00"}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30}
chains:
  tron: {preset: tron}
correspondent:
  rejection: {CN: 1}
  rejectionAfter: {min: P3D, max: P4D}
sanctions:
  - {party: importer-msk, from: 2024-09-11T09:00:00Z}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: c1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", rail: correspondent, at: 2024-09-10T09:01:00Z}
`);
    expect(out.get('c1')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:importer-msk', refunded: null });
  });

  it("a sale larger than the exchange's starting depth moves the bid no further than one of the depth", () => {
    const out = run(`name: big-sale
description: a receipt far beyond the exchange's depth, with slippage
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000.000000", slippageBps: 9000, fiatDepth: "100000000.00"}
chains:
  ethereum: {preset: ethereum}
participants:
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "50000.000000 USDT", at: 2024-09-10T09:00:00Z}
`);
    // bid = 92.50 * (1 - 0.0025 - 0.90) = 9.01875 RUB: the impact capped at the depth's 90%
    const r = out.get('in-r')!;
    expect(r).toMatchObject({ status: 'settled' });
    expect(r.flow === 'crossBorderReceipt' && r.rub?.minor).toBe(45_093_750n); // 50,000 x 9.01875 RUB
  });
});
