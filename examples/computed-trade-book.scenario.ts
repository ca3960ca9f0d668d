// A scenario script: the trade book is computed in code instead of listed. An importer pays its
// three Chinese suppliers a month of invoices, one every weekday at 10:00 Moscow time, each 3%
// larger than the last. Run it like a YAML scenario:
//   npx railpilot run examples/computed-trade-book.scenario.ts
// Numbers: Tron's 3 s blocks and 19 confirmations, the 2.00 USDT fee (docs/sources.md);
// everything else is an assumption of this example.

import { defineScenario } from 'railpilot';

const suppliers = ['supplier-sz', 'supplier-gz', 'supplier-yw'];
const weekdays: string[] = [];
for (let day = 2; weekdays.length < 20; day++) {
  const date = new Date(Date.UTC(2024, 8, day, 7, 0, 0));
  if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) weekdays.push(date.toISOString().replace('.000Z', 'Z'));
}

// Invoice amounts grow 3% a day; computed in integer fen so no float reaches the file.
let fen = 8_000_000n;
const payments = weekdays.map((at, i) => {
  const amount = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')} CNY`;
  fen = (fen * 103n) / 100n;
  return { id: `invoice-${i + 1}`, from: 'importer-msk', to: suppliers[i % suppliers.length]!, amount, at };
});

export default defineScenario({
  name: 'computed-trade-book',
  description: 'A month of invoices to three Chinese suppliers, computed in TypeScript, paid through NPCS in USDT on Tron.',
  seed: 17,
  start: '2024-09-02T06:00:00Z',
  markets: {
    'USDT/RUB': { mid: '92.50', spreadBps: 50, quoteTtl: 'PT30S', depth: '2000000' },
    'USDT/CNY': { mid: '7.10', spreadBps: 30, delay: 'PT10M', liquidity: '50000000.00' },
  },
  chains: { tron: { blockTime: 'PT3S', confirmations: 19, fee: '2.00 USDT' } },
  participants: [
    { id: 'importer-msk', kind: 'company', country: 'RU', bank: 'bank-a', balances: { RUB: '500000000.00' } },
    ...suppliers.map((id) => ({ id, kind: 'company' as const, country: 'CN' })),
  ],
  payments,
});
