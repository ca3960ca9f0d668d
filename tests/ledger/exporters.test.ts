import { afterAll, describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountId,
  entryToJournal,
  entryToJson,
  isoTime,
  journalExporter,
  jsonlExporter,
  Ledger,
  transfer,
  type JournalEntry,
} from '../../src/ledger/index.js';
import { amountOf, defineAsset, formatMinor, parseMinor } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const CNY = defineAsset('CNY', 2);

const T0 = Date.UTC(2024, 8, 2, 9, 5, 0, 0); // 2024-09-02T09:05:00.000Z

const importer = accountId('participants', 'importer-msk');
const exchange = accountId('exchange', 'spb', 'inventory');
const custody = accountId('custody', 'npcs');
const supplier = accountId('participants', 'supplier-sz');
const deposits = accountId('external', 'deposits');
const fees = accountId('external', 'tron-fees');
const residue = accountId('system', 'fx-residue');

/** A small run through the ledger: deposits, two-phase holds of every outcome, three assets. */
function session(): { ledger: Ledger; entries: JournalEntry[]; jsonl: string; journal: string } {
  const ledger = new Ledger(accountId('holds', 'bank-a'));
  const entries: JournalEntry[] = [];
  let jsonl = '';
  let journal = '';
  ledger.onEntry((e) => entries.push(e));
  ledger.onEntry(jsonlExporter({ write: (t) => (jsonl += t) }));
  ledger.onEntry(journalExporter({ write: (t) => (journal += t) }));
  for (const a of [importer, exchange, custody, supplier]) ledger.open(a, 'nonNegative');
  ledger.open(deposits, 'external');
  ledger.open(fees, 'external');
  ledger.open(residue, 'system');
  ledger.post({ time: T0 - 300_000, flow: 'setup', kind: 'deposit', postings: transfer(deposits, importer, amountOf(RUB, 5_000_000_000n)) });
  ledger.post({ time: T0 - 300_000, flow: 'setup', kind: 'deposit', postings: transfer(deposits, exchange, amountOf(USDT, 1_000_000_000_000n)) });
  ledger.hold('order-1', T0, 'order-1', importer, amountOf(RUB, 925_000_000n), 'quote q-1; USDT|RUB 92.50');
  ledger.postHold('order-1', T0 + 1_234, exchange, amountOf(RUB, 924_999_997n));
  ledger.post({
    time: T0 + 1_234,
    flow: 'order-1',
    kind: 'fill',
    postings: [
      ...transfer(exchange, custody, amountOf(USDT, 99_999_999_676n)),
      ...transfer(exchange, residue, amountOf(RUB, 3n)),
    ],
    memo: 'line one\nline two',
  });
  ledger.post({ time: T0 + 60_000, flow: 'order-1', kind: 'chain.fee', postings: transfer(custody, fees, amountOf(USDT, 2_000_000n)) });
  ledger.post({ time: T0 + 660_000, flow: 'order-1', kind: 'payout', postings: transfer(deposits, supplier, amountOf(CNY, 10_000_000n)) });
  ledger.hold('order-2', T0 + 1_000, 'order-2', importer, amountOf(RUB, 100_000n));
  ledger.voidHold('order-2', T0 + 2_000);
  ledger.hold('order-3', T0 + 1_000, 'order-3', importer, amountOf(RUB, 100_000n));
  ledger.expireHold('order-3', T0 + 31_000);
  // Just before midnight UTC: the date and the time tag must agree.
  ledger.post({ time: Date.UTC(2024, 8, 2, 23, 59, 59, 999), flow: 'late', kind: 'deposit', postings: transfer(deposits, importer, amountOf(RUB, 1n)) });
  return { ledger, entries, jsonl, journal };
}

const dir = mkdtempSync(join(tmpdir(), 'railpilot-exporters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function hledger(text: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `j${++files}.journal`);
  writeFileSync(file, text);
  const r = spawnSync('hledger', ['-f', file, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('isoTime', () => {
  it('writes simulated ms as an ISO instant in UTC with milliseconds', () => {
    expect(isoTime(T0 + 1_234)).toBe('2024-09-02T09:05:01.234Z');
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('entryToJson / jsonlExporter', () => {
  it('writes one line per entry, each a JSON object ending in a newline', () => {
    const { entries, jsonl } = session();
    expect(jsonl.endsWith('\n')).toBe(true);
    const lines = jsonl.slice(0, -1).split('\n');
    expect(lines).toHaveLength(entries.length);
    lines.forEach((line, i) => {
      expect(line).toBe(entryToJson(entries[i]!));
      expect(JSON.parse(line)).toMatchObject({ id: `E${i + 1}` });
    });
  });

  it('carries id, ISO time, flow, kind, memo and postings with amounts as decimal strings', () => {
    const { entries } = session();
    const fill = entries.find((e) => e.kind === 'fill')!;
    expect(JSON.parse(entryToJson(fill))).toEqual({
      id: fill.id,
      time: '2024-09-02T09:05:01.234Z',
      flow: 'order-1',
      kind: 'fill',
      postings: [
        { account: 'exchange:spb:inventory', asset: 'USDT', amount: '-99999.999676' },
        { account: 'custody:npcs', asset: 'USDT', amount: '99999.999676' },
        { account: 'exchange:spb:inventory', asset: 'RUB', amount: '-0.03' },
        { account: 'system:fx-residue', asset: 'RUB', amount: '0.03' },
      ],
      memo: 'line one\nline two',
    });
  });

  it('keeps amounts beyond 2^53 exact, as strings that read back to the same minor units', () => {
    const huge = 2n ** 64n + 1n;
    const entry: JournalEntry = {
      id: 'E1',
      time: T0,
      flow: 'f',
      kind: 'k',
      postings: transfer(deposits, importer, amountOf(USDT, huge)),
      memo: '',
    };
    const parsed = JSON.parse(entryToJson(entry)) as { postings: { amount: string }[] };
    expect(parsed.postings.map((q) => q.amount)).toEqual(['-18446744073709.551617', '18446744073709.551617']);
    expect(parseMinor(parsed.postings[1]!.amount, USDT)).toBe(huge);
  });

  it('balances per asset when the lines are read back', () => {
    const { jsonl } = session();
    for (const line of jsonl.trim().split('\n')) {
      const e = JSON.parse(line) as { postings: { asset: string; amount: string }[] };
      const sums = new Map<string, bigint>();
      for (const q of e.postings) {
        expect(typeof q.amount).toBe('string');
        const scale = q.asset === 'USDT' ? USDT : q.asset === 'CNY' ? CNY : RUB;
        sums.set(q.asset, (sums.get(q.asset) ?? 0n) + (parseMinor(q.amount, scale) as bigint));
      }
      for (const s of sums.values()) expect(s).toBe(0n);
    }
  });
});

describe('entryToJournal / journalExporter', () => {
  it('writes a dated, cleared transaction with id and time tags and amounts like -9250000.00 RUB', () => {
    const { entries } = session();
    const posted = entries.find((e) => e.kind === 'hold.posted')!;
    const lines = entryToJournal(posted).split('\n');
    expect(lines[0]).toBe('2024-09-02 * hold.posted order-1 - post hold order-1');
    expect(lines[1]).toBe(`    ; id:${posted.id}, time:09:05:01.234, flow:order-1, hold:order-1`);
    expect(lines[2]).toMatch(/^ {4}holds:bank-a {2,}-9250000\.00 RUB$/);
    expect(lines[3]).toMatch(/^ {4}exchange:spb:inventory {2,}9249999\.97 RUB$/);
    expect(lines[4]).toMatch(/^ {4}participants:importer-msk {2,}0\.03 RUB$/);
    expect(entryToJournal(posted).endsWith('RUB\n\n')).toBe(true);
  });

  it('aligns the amounts of one entry in a column', () => {
    const { entries } = session();
    const posted = entries.find((e) => e.kind === 'hold.posted')!;
    const starts = entryToJournal(posted)
      .split('\n')
      .slice(2, 5)
      .map((l) => l.search(/-?\d+\.\d+ RUB$/));
    expect(new Set(starts).size).toBe(1);
  });

  it('keeps | ; and newlines out of the description, which hledger would misread', () => {
    const { entries } = session();
    const held = entries.find((e) => e.kind === 'hold.pending' && e.flow === 'order-1')!;
    expect(entryToJournal(held).split('\n')[0]).toBe('2024-09-02 * hold.pending order-1 - quote q-1  USDT RUB 92.50');
    const fill = entries.find((e) => e.kind === 'fill')!;
    const text = entryToJournal(fill);
    expect(text.split('\n')[0]).toBe('2024-09-02 * fill order-1 - line one line two');
    expect(text.split('\n')).toHaveLength(4 + 2 + 2);
  });

  it('omits the memo separator when there is no memo', () => {
    const e: JournalEntry = { id: 'E9', time: T0, flow: 'f1', kind: 'deposit', postings: transfer(deposits, importer, amountOf(RUB, 1n)), memo: '' };
    expect(entryToJournal(e).split('\n')[0]).toBe('2024-09-02 * deposit f1');
  });

  it('writes the same text through the exporter as entryToJournal does', () => {
    const { entries, journal } = session();
    expect(journal).toBe(entries.map(entryToJournal).join(''));
  });

  it('is accepted by `hledger check`', () => {
    const { journal } = session();
    const r = hledger(journal, 'check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('gives hledger the same balances as the ledger, to the last minor unit', () => {
    const { ledger, journal } = session();
    const r = hledger(journal, 'bal', '--flat', '-N', '-O', 'csv');
    expect(r.status).toBe(0);
    const theirs: Record<string, string> = {};
    for (const line of r.stdout.trim().split('\n').slice(1)) {
      const [account, amounts] = JSON.parse(`[${line}]`) as [string, string];
      for (const a of amounts.split(', ')) {
        const [value, asset] = a.split(' ');
        theirs[`${account} ${asset}`] = value!;
      }
    }
    const ours: Record<string, string> = {};
    for (const row of ledger.allBalances()) if (row.minor !== 0n) ours[`${row.account} ${row.asset}`] = formatMinor(row.minor, row.scale);
    expect(Object.keys(ours).length).toBeGreaterThan(8);
    expect(theirs).toEqual(ours);
  });

  it('lets hledger find an entry by its id tag and date it on the simulated day', () => {
    const { entries, journal } = session();
    const late = entries.at(-1)!;
    const r = hledger(journal, 'print', `tag:id=^${late.id}$`);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('2024-09-02 * deposit late');
    expect(r.stdout).toContain('time:23:59:59.999');
  });

  // Regression test for a fixed bug (src/ledger/exporters.ts:50): asset codes may contain digits (assetCode accepts
  // /^[A-Z][A-Z0-9]{1,9}$/, e.g. the ruble stablecoin A7A5), but the journal writes the
  // commodity unquoted: `100.00 A7A5`. hledger rejects that line ("unexpected '7'"); commodity
  // symbols with digits must be written in double quotes (`100.00 "A7A5"`).
  it('writes asset codes with digits so that hledger accepts them (A7A5)', () => {
    const A7A5 = defineAsset('A7A5', 2, 'RUB');
    const e: JournalEntry = { id: 'E1', time: T0, flow: 'f1', kind: 'mint', postings: transfer(deposits, importer, amountOf(A7A5, 10_000n)), memo: '' };
    const r = hledger(entryToJournal(e), 'check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
