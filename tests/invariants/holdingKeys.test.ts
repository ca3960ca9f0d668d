// non-negative-holdings keeps each account's balance per asset apart even when the names, as a
// tampered ledger.jsonl may spell them, hold a space: before the speed work the balances were kept
// under one "account asset" string, so ("npcs:x", "A B") and ("npcs:x A", "B") shared a balance
// and a holding taken below zero passed `railpilot verify`. Now it is named as any other.

import { describe, expect, it } from 'vitest';
import { nonNegativeHoldings } from '../../src/invariants/index.js';
import { entry, run } from './handBuilt.js';

describe('non-negative-holdings with names that hold a space', () => {
  it('does not let one account-asset pair cover another whose joined names read the same', () => {
    const v = run(nonNegativeHoldings(), [
      entry('E1', 'f', 'pay', [
        ['npcs:x', 'A B', '5'],
        ['npcs:x A', 'B', '-5'],
      ]),
    ]);
    expect(v).toEqual({ name: 'non-negative-holdings', ok: false, checked: 1, detail: 'E1 (pay of f) takes npcs:x A B below zero' });
  });

  it('still sums one account and asset over entries, space or not', () => {
    const v = run(nonNegativeHoldings(), [
      entry('E1', 'f', 'fund', [['npcs:x A', 'B', '5'], ['external:funding', 'B', '-5']]),
      entry('E2', 'f', 'pay', [['npcs:x A', 'B', '-5'], ['npcs:x', 'A B', '5'], ['external:funding', 'A B', '-5'], ['external:funding', 'B', '5']]),
    ]);
    expect(v).toEqual({ name: 'non-negative-holdings', ok: true, checked: 2 });
  });
});
