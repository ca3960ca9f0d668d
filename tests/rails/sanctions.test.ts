import { describe, expect, it } from 'vitest';
import { FROZEN_ACCOUNT, SanctionsList } from '../../src/rails/compliance/sanctions.js';

const T0 = Date.UTC(2024, 8, 2, 9);

describe('SanctionsList', () => {
  it('lists a party from its listing time on, not before', () => {
    const list = new SanctionsList([{ party: 'globex', from: T0 + 60_000 }]);
    expect(list.isListed('globex', T0 + 59_999)).toBe(false);
    expect(list.isListed('globex', T0 + 60_000)).toBe(true);
    expect(list.isListed('globex', T0 + 3_600_000)).toBe(true);
  });

  it('a party listed before the run (-Infinity) is listed at any time', () => {
    const list = new SanctionsList([{ party: 'globex', from: -Infinity }]);
    expect(list.isListed('globex', 0)).toBe(true);
    expect(list.isListed('globex', T0)).toBe(true);
  });

  it('never lists a party that is not on the list', () => {
    const list = new SanctionsList([{ party: 'globex', from: -Infinity }]);
    expect(list.isListed('acme', T0)).toBe(false);
    expect(new SanctionsList([]).isListed('acme', T0)).toBe(false);
  });

  it('a party listed twice is listed from the earlier time, whatever the order', () => {
    for (const listings of [
      [{ party: 'globex', from: T0 + 100 }, { party: 'globex', from: T0 + 10 }],
      [{ party: 'globex', from: T0 + 10 }, { party: 'globex', from: T0 + 100 }],
    ]) {
      const list = new SanctionsList(listings);
      expect(list.isListed('globex', T0 + 9)).toBe(false);
      expect(list.isListed('globex', T0 + 10)).toBe(true);
    }
  });

  it('firstListed names the first of the given parties that is listed at that time', () => {
    const list = new SanctionsList([
      { party: 'payee-co', from: T0 },
      { party: 'payer-co', from: T0 + 1_000 },
    ]);
    expect(list.firstListed(['payer-co', 'payee-co'], T0 - 1)).toBeUndefined();
    expect(list.firstListed(['payer-co', 'payee-co'], T0)).toBe('payee-co');
    // both listed: the order of the question decides, not the order of the list
    expect(list.firstListed(['payer-co', 'payee-co'], T0 + 1_000)).toBe('payer-co');
    expect(list.firstListed(['payee-co', 'payer-co'], T0 + 1_000)).toBe('payee-co');
    expect(list.firstListed([], T0 + 1_000)).toBeUndefined();
  });

  it('frozen funds go to a named compliance account', () => {
    expect(FROZEN_ACCOUNT).toBe('compliance:frozen');
  });
});
