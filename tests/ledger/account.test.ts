import { describe, it, expect } from 'vitest';
import { accountId } from '../../src/ledger/index.js';

describe('accountId', () => {
  it('joins segments with colons, as ledger-cli and hledger expect', () => {
    expect(accountId('participants', 'importer-msk', 'rub')).toBe('participants:importer-msk:rub');
    expect(accountId('holds')).toBe('holds');
    expect(accountId('bank-a', '0042')).toBe('bank-a:0042');
  });

  it.each(['', 'Importer', 'has space', 'a:b', '-lead', 'under_score', 'dot.ted', 'semi;colon', 'tab\t'])(
    'refuses the segment %j, naming it',
    (segment) => {
      expect(() => accountId('participants', segment)).toThrow(
        `account name segment ${JSON.stringify(segment)} must be lower-case letters, digits and hyphens`,
      );
    },
  );
});
