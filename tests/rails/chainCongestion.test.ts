// When a fee spike ends, as a sender re-pricing a transfer asks it: the end of the congestion in
// force, touching windows taken as one, both edges of a window tested.

import { describe, expect, it } from 'vitest';
import { Chain } from '../../src/rails/chain/chain.js';
import { Ledger, accountId } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const USDT = defineAsset('USDT', 6, 'USD');
const T0 = Date.UTC(2024, 8, 2, 9);
const MIN = 60_000;

function chain(congestion: { from: number; to: number }[]): Chain {
  return new Chain(
    {
      id: 'tron',
      blockTimeMs: 3_000,
      confirmations: 19,
      fees: new Map([['USDT', amountOf(USDT, 2_000_000n)]]),
      halts: [],
      congestion: congestion.map((c) => ({ ...c, blockTimeFactor: 1, feeFactor: 1000 })),
      epoch: T0,
    },
    new Ledger(accountId('npcs', 'holds')),
    new EventQueue(T0),
  );
}

describe('Chain.congestedUntil', () => {
  const c = chain([{ from: T0 + 10 * MIN, to: T0 + 20 * MIN }]);

  it('is undefined before a spike and from its end on; the end of the spike inside it', () => {
    expect(c.congestedUntil(T0 + 10 * MIN - 1)).toBeUndefined();
    expect(c.congestedUntil(T0 + 10 * MIN)).toBe(T0 + 20 * MIN);
    expect(c.congestedUntil(T0 + 20 * MIN - 1)).toBe(T0 + 20 * MIN);
    expect(c.congestedUntil(T0 + 20 * MIN)).toBeUndefined();
  });

  it('takes touching spikes as one, and stops at a gap', () => {
    const touching = chain([
      { from: T0, to: T0 + 10 * MIN },
      { from: T0 + 10 * MIN, to: T0 + 30 * MIN },
      { from: T0 + 31 * MIN, to: T0 + 40 * MIN },
    ]);
    expect(touching.congestedUntil(T0 + MIN)).toBe(T0 + 30 * MIN);
    expect(touching.congestedUntil(T0 + 30 * MIN)).toBeUndefined();
  });
});
