// journal.ledger is now written from each entry's ledger.jsonl record (recordToJournal), its time
// and amounts formatted once for both files. Against the writer it replaced, kept here verbatim as
// a reference: the same text for any entry, with memos, flows and holds holding `|`, `;`, new
// lines or non-Latin letters, any scale from 0 to 18, amounts past 2^63, times before 1970 and
// past 9999, no postings at all, an empty hold.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entryRecord, entryToJournal, recordToJournal, type JournalEntry } from '../../src/ledger/index.js';
import { formatMinor } from '../../src/money/index.js';
import { isoTime } from '../../src/money/isoTime.js';

/** entryToJournal as it was (src/ledger/exporters.ts at 74b1b45). */
function journalBefore(entry: JournalEntry): string {
  const clean = (text: string) => text.replace(/[|;\n]/g, ' ');
  const commodity = (code: string) => (/^[A-Za-z]+$/.test(code) ? code : `"${code}"`);
  const iso = isoTime(entry.time);
  const head = `${iso.slice(0, 10)} * ${clean(entry.kind)} ${clean(entry.flow)}${entry.memo ? ' - ' + clean(entry.memo) : ''}`;
  const tags = `    ; id:${entry.id}, time:${iso.slice(11, 23)}, flow:${clean(entry.flow)}${entry.hold ? `, hold:${clean(entry.hold)}` : ''}`;
  const width = Math.max(...entry.postings.map((p) => p.account.length)) + 4;
  const lines = entry.postings.map((p) => `    ${p.account.padEnd(width)}${formatMinor(p.amount.minor, p.amount.asset.scale)} ${commodity(p.amount.asset.code)}`);
  return [head, tags, ...lines].join('\n') + '\n\n';
}

const text = fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom('', 'a|b', 'x;y', 'one\ntwo', 'Платёж поставщику', '付款 供应商', '😀 memo', '|;\n'));
const account = fc.oneof(fc.constantFrom('banks:bank-a:importer-msk', 'npcs:holds', 'external:funding', 'chains:tron:npcs', 'beneficiaries:поставщик'), fc.string({ maxLength: 30 }));
const asset = fc.record({ code: fc.constantFrom('RUB', 'USDT', 'A7A5', 'CNY', 'BTC'), scale: fc.integer({ min: 0, max: 18 }) });
const entry = fc.record(
  {
    id: fc.constantFrom('E1', 'E42', 'E9007199254740993'),
    // Milliseconds from year -271821 to 275760, the whole range of a Date, as integers and not.
    time: fc.oneof(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.double({ min: -1e15, max: 1e15, noNaN: true })),
    flow: text,
    kind: text,
    memo: text,
    hold: text,
    postings: fc.array(fc.record({ account, amount: fc.record({ asset, minor: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }) }) }), { maxLength: 5 }),
  },
  { requiredKeys: ['id', 'time', 'flow', 'kind', 'memo', 'postings'] },
) as unknown as fc.Arbitrary<JournalEntry>; // accounts and codes as plain text: the writer only prints them

describe('journal.ledger text from the entry record', () => {
  it('is the text the entry-based writer made, for any entry', () => {
    fc.assert(
      fc.property(entry, (e) => {
        const before = journalBefore(e);
        expect(recordToJournal(entryRecord(e))).toBe(before);
        expect(entryToJournal(e)).toBe(before);
      }),
      { numRuns: 5_000 },
    );
  });
});
