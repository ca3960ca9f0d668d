// Value in flight and value to listed parties (issue 10, classes 1, 2, 11 and 12): flows that share
// a party cannot spend each other's coin; every credit to a party screens at that very instant,
// listings placed exactly at a fill, a void, an expiry, a payout or a reward; a short fee spike
// does not eat the coin a failed payout returns. Each scenario runs through the real runner and
// every built-in invariant.

import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/money/index.js';
import { instantOf, runYaml, type Ran } from './valueScreening.js';

const HEAD = `seed: 3
start: 2024-09-10T09:00:00Z
`;
const BOTH_VENUES = `markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
`;
const NQ = 'investor: {category: qualified, passedTest: true}';

function ok(r: Ran): void {
  expect(r.failures).toEqual([]);
}

function statusOf(r: Ran, id: string) {
  const o = r.records.get(id);
  expect(o, `outcome of ${id}`).toBeDefined();
  return o!;
}

describe('class 1: coin of a cross-border flow in flight is its own', () => {
  it('a payer who pays abroad and sells retail cannot sell the coin an unwind waits to sell back through an outage', () => {
    const r = runYaml(`name: shared-payer
description: the unwind's coin waits out an outage while its payer sells retail
${HEAD}${BOTH_VENUES}chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:30Z, for: PT2H}
  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:20:00Z, for: PT3H}
participants:
  - {id: ivan, kind: individual, country: RU, bank: bank-a, ${NQ}, balances: {RUB: "1000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: out-a, from: ivan, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
orders:
  - {id: sell-1, by: ivan, sell: "100.000000 USDT", at: 2024-09-10T10:00:00Z}
`);
    ok(r);
    // The coin of the unwind was never the payer's to sell: the sale finds nothing in custody.
    expect(statusOf(r, 'sell-1')).toMatchObject({ status: 'rejected', reason: 'funds.insufficient' });
    expect(statusOf(r, 'out-a')).toMatchObject({ status: 'refunded', reason: 'chain.notIncluded' });
    expect(r.entries.filter((e) => e.flow === 'out-a').flatMap((e) => e.postings).some((p) => p.account === 'custody:ivan')).toBe(false);
    expect(r.balance('npcs:outbound', 'USDT')).toBe(0n);
  });

  it('an unwind the exchange cannot buy back hands the coin to the payer only at the end', () => {
    const r = runYaml(`name: kept
description: a receipt drains the RUB the exchange would buy the coin back with
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000", fiatDepth: "0.00"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
  ethereum: {preset: ethereum}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:30Z, for: PT2H}
participants:
  - {id: ivan, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: out-a, from: ivan, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "140.000000 USDT", via: {stablecoin: USDT, chain: ethereum}, at: 2024-09-10T09:02:00Z}
`);
    ok(r);
    const o = r.records.get('out-a')!;
    expect(o).toMatchObject({ status: 'refunded', reason: 'chain.notIncluded' });
    const custody = r.entries.filter((e) => e.flow === 'out-a' && e.postings.some((p) => p.account === 'custody:ivan'));
    expect(custody.map((e) => e.kind)).toEqual(['npcs.returnedInCoin']);
    expect(o.coin).toBe(formatAmount({ asset: custody[0]!.postings.find((p) => p.account === 'custody:ivan')!.amount.asset, minor: r.balance('custody:ivan', 'USDT') }));
  });
});

describe('class 2: every credit to a party screens at its instant', () => {
  const RETAIL = `${HEAD}fx:
  USD/RUB: {mid: "92.00"}
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 50, depth: "1000000"}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, ${NQ}, balances: {RUB: "1000000.00", USDT: "500.000000"}}
`;

  it('a buyer listed at the fill instant: the coin is frozen, and the purchase says so', () => {
    const yaml = (sanctions: string) => `name: fill-listed
description: buyer listed exactly as the fill lands
${RETAIL}${sanctions}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-10T10:00:00Z}
`;
    const fill = instantOf(runYaml(yaml('')), 'buy-1', 'exchange.filled');
    const r = runYaml(yaml(`sanctions:\n  - {party: anna, from: "${fill}"}\n`));
    ok(r);
    expect(statusOf(r, 'buy-1')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:anna', coin: null });
    expect(statusOf(r, 'buy-1').frozen).toMatch(/ USDT$/);
    expect(r.balance('custody:anna', 'USDT')).toBe(500_000_000n);
  });

  it('a seller listed at the sale instant: the RUB are frozen, and the sale says so', () => {
    const yaml = (sanctions: string) => `name: sale-listed
description: seller listed exactly as the sale fills
${RETAIL}${sanctions}orders:
  - {id: sell-1, by: anna, sell: "100.000000 USDT", at: 2024-09-10T10:00:00Z}
`;
    const sale = instantOf(runYaml(yaml('')), 'sell-1', 'exchange.soldBack');
    const r = runYaml(yaml(`sanctions:\n  - {party: anna, from: "${sale}"}\n`));
    ok(r);
    expect(statusOf(r, 'sell-1')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:anna', rub: null });
    expect(statusOf(r, 'sell-1').frozen).toMatch(/ RUB$/);
    expect(r.balance('banks:bank-a:anna', 'RUB')).toBe(100_000_000n);
  });

  it('a payer listed at the instant its hold is voided: the held RUB are frozen, not released', () => {
    // A quote that lives a millisecond expires before every fill: each attempt voids its hold.
    const yaml = (sanctions: string) => `name: void-listed
description: buyer listed exactly as the hold of an expired quote is voided
${HEAD}fx:
  USD/RUB: {mid: "92.00"}
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 50, depth: "1000000", quoteTtl: PT0.001S}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, ${NQ}, balances: {RUB: "1000000.00"}}
${sanctions}orders:
  - {id: buy-1, by: anna, buy: USDT, spend: "20000.00 RUB", at: 2024-09-10T10:00:00Z}
`;
    const first = runYaml(yaml(''));
    expect(statusOf(first, 'buy-1')).toMatchObject({ status: 'rejected', reason: 'quote.expired' });
    const voided = instantOf(first, 'buy-1', 'hold.voided', true);
    const r = runYaml(yaml(`sanctions:\n  - {party: anna, from: "${voided}"}\n`));
    ok(r);
    expect(statusOf(r, 'buy-1')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:anna' });
    expect(r.balance('compliance:frozen', 'RUB')).toBeGreaterThan(0n);
    expect(r.entries.filter((e) => e.flow === 'buy-1' && e.kind === 'hold.voided')).toEqual([]);
  });

  const PVP = (extra: string, sanctions: string) => `name: pvp-listed
description: a PvP payer listed at a transition
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
rails: {npcsFeeBps: 10${extra}}
participants:
  - {id: ivan, kind: company, country: RU, bank: bank-a, balances: {RUB: "1000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
${sanctions}payments:
  - {id: out-p, from: ivan, to: supplier-sz, amount: "1000.00 CNY", settlement: pvp, via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
`;

  it("PvP: a payer listed at the payout instant has all its held RUB frozen, NPCS's fee part too", () => {
    const payout = instantOf(runYaml(PVP('', '')), 'out-p', 'escrow.released');
    const r = runYaml(PVP('', `sanctions:\n  - {party: ivan, from: "${payout}"}\n`));
    ok(r);
    expect(statusOf(r, 'out-p')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:ivan' });
    expect(r.balance('banks:bank-a:ivan', 'RUB') + r.balance('compliance:frozen', 'RUB')).toBe(100_000_000n);
  });

  it('PvP: a hold that expires at the instant its payer is listed goes to the frozen account', () => {
    // The hold outlives neither the chain leg nor the payout: it expires while the coin travels.
    const expired = instantOf(runYaml(PVP(', pvpHoldTimeout: PT5M', '')), 'out-p', 'hold.expired');
    const r = runYaml(PVP(', pvpHoldTimeout: PT5M', `sanctions:\n  - {party: ivan, from: "${expired}"}\n`));
    ok(r);
    expect(statusOf(r, 'out-p')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:ivan' });
    expect(r.balance('banks:bank-a:ivan', 'RUB') + r.balance('compliance:frozen', 'RUB')).toBe(100_000_000n);
  });

  it('PvP: a hold that expired to a payer not yet listed stays released; a listing before the drop freezes nothing', () => {
    const yaml = `name: pvp-expired-then-listed
description: the hold expires, then the payer is listed, then the transfer is dropped
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:00Z, for: PT2H}
rails: {npcsFeeBps: 10, pvpHoldTimeout: PT5M}
participants:
  - {id: ivan, kind: company, country: RU, bank: bank-a, balances: {RUB: "1000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
sanctions:
  - {party: ivan, from: 2024-09-10T09:15:00Z}
payments:
  - {id: out-p, from: ivan, to: supplier-sz, amount: "1000.00 CNY", settlement: pvp, via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
`;
    const r = runYaml(yaml);
    ok(r);
    expect(statusOf(r, 'out-p')).toMatchObject({ status: 'rejected', reason: 'chain.notIncluded', frozen: null });
    expect(r.balance('compliance:frozen', 'RUB')).toBe(0n);
    expect(r.balance('banks:bank-a:ivan', 'RUB')).toBe(100_000_000n);
  });

  it('sequential: a payer listed at the fill instant never has the coin in custody; the payout freezes it', () => {
    const yaml = (sanctions: string) => `name: seq-fill-listed
description: payer listed exactly as its coin is bought
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
rails: {npcsFeeBps: 10}
participants:
  - {id: ivan, kind: company, country: RU, bank: bank-a, balances: {RUB: "1000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
${sanctions}payments:
  - {id: out-s, from: ivan, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:01:00Z}
`;
    const fill = instantOf(runYaml(yaml('')), 'out-s', 'exchange.filled');
    const r = runYaml(yaml(`sanctions:\n  - {party: ivan, from: "${fill}"}\n`));
    ok(r);
    expect(statusOf(r, 'out-s')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:ivan' });
  });

  it('a receipt whose buyer is listed as its dropped transfer comes back: the coin is frozen', () => {
    const yaml = (sanctions: string) => `name: drop-listed
description: buyer listed exactly as its transfer is dropped
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
chains:
  ethereum: {preset: ethereum, inclusionTimeout: PT30M}
faults:
  - {kind: chainHalt, chain: ethereum, at: 2024-09-10T09:00:00Z, for: PT2H}
participants:
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "100000.000000"}}
${sanctions}payments:
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "5000.000000 USDT", at: 2024-09-10T09:01:00Z}
`;
    const dropped = instantOf(runYaml(yaml('')), 'in-r', 'chain.dropped');
    const r = runYaml(yaml(`sanctions:\n  - {party: buyer-sh, from: "${dropped}"}\n`));
    ok(r);
    expect(statusOf(r, 'in-r')).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:buyer-sh' });
  });
});

describe('class 11: mining rewards', () => {
  it('a miner listed at a reward instant has that reward and every later one frozen', () => {
    const yaml = (sanctions: string) => `name: miner-listed
description: a miner listed while it mines
${HEAD}markets:
  BTC/RUB@moscow: {mid: "5500000.00", spreadBps: 50, depth: "100"}
participants:
  - {id: miner-1, kind: miner, country: RU, bank: bank-a, registered: true, mining: {every: PT1H, reward: {fixed: "0.01000000 BTC"}}}
${sanctions}orders:
  - {id: sell-1, by: miner-1, sell: "0.01000000 BTC", at: 2024-09-10T14:30:00Z}
`;
    const rewards = runYaml(yaml('')).entries.filter((e) => e.kind === 'mining.reward');
    expect(rewards.length).toBeGreaterThan(3);
    const listed = new Date(rewards[2]!.time).toISOString();
    const r = runYaml(yaml(`sanctions:\n  - {party: miner-1, from: "${listed}"}\n`));
    ok(r);
    expect(r.balance('custody:miner-1', 'BTC')).toBe(2n * 1_000_000n);
    expect(r.balance('compliance:frozen', 'BTC')).toBe(BigInt(rewards.length - 2) * 1_000_000n);
  });
});

describe('class 12: a short fee spike does not keep the customer\'s coin', () => {
  const SPIKE = (spikeFor: string) => `name: spike
description: a payout fails during a 1000x fee spike
${HEAD}markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {preset: tron, fee: "2.00 USDT", inclusionTimeout: PT30M}
faults:
  - {kind: offrampOutage, market: USDT/CNY, at: 2024-09-10T09:00:00Z, for: PT2H}
  - {kind: chainCongestion, chain: tron, at: 2024-09-10T09:05:00Z, for: ${spikeFor}, blockTimeFactor: 1, feeFactor: 1000}
participants:
  - {id: ivan, kind: company, country: RU, bank: bank-a, balances: {RUB: "1000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: out-a, from: ivan, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-10T09:00:00Z}
`;

  it('a return priced in a 10-minute spike waits it out and brings the coin back', () => {
    const r = runYaml(SPIKE('PT20M'));
    ok(r);
    const o = r.outcomes.get('out-a')!;
    expect(o).toMatchObject({ status: 'refunded', reason: 'offramp.outage', forfeited: null });
    expect(o.flow === 'crossBorderPayment' && o.refunded!.minor).toBeGreaterThan(10_000_00n);
    expect(statusOf(r, 'out-a').forfeited).toBeNull();
  });

  it('a spike that outlasts the bound: what the off-ramp keeps is the outcome\'s forfeited', () => {
    const r = runYaml(SPIKE('PT6H'));
    ok(r);
    const o = r.outcomes.get('out-a')!;
    expect(o).toMatchObject({ status: 'refunded', reason: 'offramp.outage' });
    const forfeited = o.flow === 'crossBorderPayment' ? o.forfeited : null;
    expect(forfeited?.asset.code).toBe('USDT');
    expect(statusOf(r, 'out-a').forfeited).toBe(formatAmount(forfeited!));
  });
});
