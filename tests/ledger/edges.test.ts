// Ledger edges the mutation run (npm run test:mutation) found untested: who owns an account by
// its name, the hold field of plain and hold entries in every output, the quoting of commodities
// with digits, and reading a pending hold back.

import { describe, expect, it } from 'vitest';
import { accountId, entryRecord, entryToJournal, entryToJson, kindByName, Ledger, ownerOf, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const T0 = Date.UTC(2024, 8, 2, 9, 5, 0, 0);
const from = accountId('external', 'funding');
const to = accountId('banks', 'bank-a', 'importer-msk');

describe('ownerOf and kindByName', () => {
  it.each([
    ['banks:bank-a:importer-msk', 'importer-msk'],
    ['banks:b:x', 'x'],
    ['custody:miner-7', 'miner-7'],
    ['beneficiaries:supplier-sz', 'supplier-sz'],
  ])('reads %s as the account of %s', (account, owner) => {
    expect(ownerOf(account)).toBe(owner);
  });

  it.each(['custody:x:sub', 'banks:bank-a', 'banks:bank-a:x:y', 'npcs:custody:x', 'exchange:beneficiaries:x', 'custody', 'external:funding'])('gives %s to no party', (account) => {
    expect(ownerOf(account)).toBeUndefined();
  });

  it('tells external, rounding and holding accounts apart by their first segment only', () => {
    expect(['external:funding', 'rounding:fx', 'banks:a:x', 'npcs:external:x', 'npcs:rounding:x'].map(kindByName)).toEqual(['external', 'system', 'nonNegative', 'nonNegative', 'nonNegative']);
  });
});

describe('the hold field of an entry', () => {
  const plain: JournalEntry = { id: 'E1', time: T0, flow: 'f1', kind: 'deposit', postings: transfer(from, to, amountOf(RUB, 100n)), memo: '' };
  const held: JournalEntry = { ...plain, id: 'E2', kind: 'hold.pending', hold: 'h-1' };

  it('is absent from a plain entry as the ledger posts it and in every export', () => {
    const ledger = new Ledger(accountId('npcs', 'holds'));
    ledger.open(from, 'external');
    ledger.open(to, 'nonNegative');
    const posted = ledger.post({ time: T0, flow: 'f1', kind: 'deposit', postings: plain.postings });
    expect(posted).not.toHaveProperty('hold');
    expect(entryRecord(plain)).not.toHaveProperty('hold');
    expect(entryToJson(plain)).not.toContain('hold');
    expect(entryToJournal(plain).split('\n')[1]).toBe('    ; id:E1, time:09:05:00.000, flow:f1');
  });

  it('names the hold in the JSON line and in the journal tags', () => {
    expect(entryRecord(held).hold).toBe('h-1');
    expect(JSON.parse(entryToJson(held))).toMatchObject({ hold: 'h-1' });
    expect(entryToJournal(held).split('\n')[1]).toBe('    ; id:E2, time:09:05:00.000, flow:f1, hold:h-1');
  });
});

describe('commodities in the journal', () => {
  it.each([
    ['RUB', 'RUB'],
    ['A7A5', '"A7A5"'],
    ['A7A', '"A7A"'],
    ['USDT0', '"USDT0"'],
  ])('writes %s as %s', (code, written) => {
    const e: JournalEntry = { id: 'E1', time: T0, flow: 'f1', kind: 'mint', postings: transfer(from, to, amountOf(defineAsset(code, 2), 100n)), memo: '' };
    const line = entryToJournal(e).split('\n')[2]!;
    expect(line.startsWith('    external:funding ')).toBe(true);
    expect(line.endsWith(` -1.00 ${written}`)).toBe(true);
  });
});

describe('pendingHold', () => {
  it('gives back a pending hold as placed, and nothing once it is resolved', () => {
    const ledger = new Ledger(accountId('npcs', 'holds'));
    ledger.open(from, 'external');
    ledger.open(to, 'nonNegative');
    ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(from, to, amountOf(RUB, 500n)) });
    ledger.hold('h1', T0, 'p1', to, amountOf(RUB, 200n));
    expect(ledger.pendingHold('h1')).toEqual({ id: 'h1', flow: 'p1', from: to, amount: amountOf(RUB, 200n) });
    expect(ledger.pendingHold('h2')).toBeUndefined();
    ledger.voidHold('h1', T0);
    expect(ledger.pendingHold('h1')).toBeUndefined();
  });
});
