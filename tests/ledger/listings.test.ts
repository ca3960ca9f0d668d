// "Listed at t", the one definition the sanctions rails and the sanctions invariant share.

import { describe, expect, it } from 'vitest';
import { Listings } from '../../src/ledger/index.js';
import { SanctionsList } from '../../src/rails/compliance/sanctions.js';

describe('Listings', () => {
  it('lists a party listed twice from its earliest listing, in either order', () => {
    for (const order of [
      [{ party: 'p', from: 2000 }, { party: 'p', from: 1000 }],
      [{ party: 'p', from: 1000 }, { party: 'p', from: 2000 }],
    ]) {
      const l = new Listings(order);
      expect(l.listedFrom('p')).toBe(1000);
      expect(l.isListed('p', 999)).toBe(false);
      expect(l.isListed('p', 1000)).toBe(true);
      expect(l.isListed('p', 1500)).toBe(true);
    }
  });

  it('counts a listing from before the run at every instant, and never lists an unknown party', () => {
    const l = new Listings([{ party: 'p', from: -Infinity }, { party: 'p', from: 5 }]);
    expect(l.isListed('p', Number.MIN_SAFE_INTEGER)).toBe(true);
    expect(l.listedFrom('q')).toBeUndefined();
    expect(l.isListed('q', Infinity)).toBe(false);
  });

  it('is what the rails screen with', () => {
    const rails = new SanctionsList([{ party: 'p', from: 2000 }, { party: 'p', from: 1000 }]);
    expect(rails).toBeInstanceOf(Listings);
    expect(rails.firstListed(['q', 'p'], 1000)).toBe('p');
    expect(rails.firstListed(['q', 'p'], 999)).toBeUndefined();
  });
});
