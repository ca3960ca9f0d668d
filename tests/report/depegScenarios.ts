// Two small scenarios where a payment's coin loses value before the payment ends: USDT trades 10%
// below its peg all day, so coin bought at 83.25 RUB is worth 83.25, not the 92.50 of the peg.

import type { ScenarioInput } from '../../src/scenario/schema.js';

/** USDT 10% below its peg all day: the coin of every payment is worth 83.25 RUB, not 92.50. */
export function depegged(extra: Partial<ScenarioInput>, offramp: Record<string, unknown>, exchange: Record<string, unknown> = {}): ScenarioInput {
  return {
    name: 'depegged',
    description: 'a payment bought during a depeg',
    seed: 1,
    start: '2024-09-02T09:00:00Z',
    markets: {
      'USDT/RUB': { mid: '92.50', spreadBps: 50, quoteTtl: 'PT30S', depth: '1000000', ...exchange },
      'USDT/CNY': { mid: '7.10', spreadBps: 30, delay: 'PT10M', liquidity: '10000000.00', toleranceBps: 1000, ...offramp },
    },
    chains: { tron: { blockTime: 'PT3S', confirmations: 19, fee: '2.00 USDT' } },
    participants: [
      { id: 'importer-msk', kind: 'company', country: 'RU', bank: 'bank-a', balances: { RUB: '50000000.00' } },
      { id: 'supplier-sz', kind: 'company', country: 'CN' },
    ],
    faults: [{ kind: 'depeg', coin: 'USDT', by: '0.10', at: '2024-09-02T09:00:00Z', for: 'PT5H' }],
    payments: [{ id: 'order-1', from: 'importer-msk', to: 'supplier-sz', amount: '100000.00 CNY', via: { stablecoin: 'USDT', chain: 'tron' }, at: '2024-09-02T09:05:00Z' }],
    ...extra,
  };
}

/** The payee is listed while the coin travels: the off-ramp freezes it. */
export function frozenUnderDepeg(): ScenarioInput {
  return depegged({ sanctions: [{ party: 'supplier-sz', from: '2024-09-02T09:07:00Z' }] }, {});
}

/** The off-ramp cannot pay out, and a retail sale has drained the exchange's RUB: the coin stays in the payer's custody. */
export function keptInCustodyUnderDepeg(): ScenarioInput {
  return depegged(
    {
      participants: [
        { id: 'importer-msk', kind: 'company', country: 'RU', bank: 'bank-a', balances: { RUB: '50000000.00' } },
        { id: 'supplier-sz', kind: 'company', country: 'CN' },
        { id: 'seller', kind: 'individual', country: 'RU', bank: 'bank-a', investor: { category: 'qualified', passedTest: true }, balances: { USDT: '100000.000000' } },
      ],
      // A sale drains the exchange's RUB before the unwind sells the coin back.
      orders: [{ id: 'sale-1', by: 'seller', sell: '14000.000000 USDT', at: '2024-09-02T09:08:00Z' }],
    },
    { liquidity: '1000.00' },
    { fiatDepth: '0.00' },
  );
}
