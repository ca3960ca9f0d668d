// A participant's account names, which the rails now work out once per participant: the same
// names as before for every call, and a participant without a bank still refused.
import { describe, it, expect } from 'vitest';
import { bankAccount, beneficiaryAccount, custodyAccount, type Participant } from '../../src/rails/participants/participant.js';

const importer = { id: 'importer-1', kind: 'importer', country: 'RU', bank: 'sber' } as unknown as Participant;
const supplier = { id: 'supplier-1', kind: 'supplier', country: 'CN' } as unknown as Participant;

describe('participant accounts', () => {
  it('name the bank deposit, custody and beneficiary accounts, the same at every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(bankAccount(importer)).toBe('banks:sber:importer-1');
      expect(custodyAccount(importer)).toBe('custody:importer-1');
      expect(beneficiaryAccount(supplier)).toBe('beneficiaries:supplier-1');
      expect(beneficiaryAccount(importer)).toBe('beneficiaries:importer-1');
    }
  });

  it('keep participants apart: two with the same bank have their own deposits', () => {
    const other = { ...importer, id: 'importer-2' } as Participant;
    expect(bankAccount(importer)).toBe('banks:sber:importer-1');
    expect(bankAccount(other)).toBe('banks:sber:importer-2');
  });

  it('refuse a bank deposit for a participant without a bank, every time', () => {
    expect(() => bankAccount(supplier)).toThrow(/participant supplier-1 has no bank/);
    expect(() => bankAccount(supplier)).toThrow(/has no bank/);
  });
});
