// Writers that turn journal entries into lines as they are posted: JSONL for programs, and a
// ledger-cli / hledger journal so those tools can check and query a run independently.

import { formatMinor } from '../money/index.js';
import type { JournalEntry } from './entry.js';
import { isoTime } from '../money/isoTime.js';

export { isoTime };

/** Where exported text goes; a file in a run, a string in a test. */
export interface TextSink {
  write(text: string): void;
}

/** One line of ledger.jsonl, as plain data: what `railpilot verify` and the invariants read. */
export interface EntryRecord {
  readonly id: string;
  readonly time: string;
  readonly flow: string;
  readonly kind: string;
  readonly postings: readonly { readonly account: string; readonly asset: string; readonly amount: string }[];
  readonly memo: string;
  readonly hold?: string;
}

export function entryRecord(entry: JournalEntry): EntryRecord {
  return {
    id: entry.id,
    time: isoTime(entry.time),
    flow: entry.flow,
    kind: entry.kind,
    postings: entry.postings.map((p) => ({
      account: p.account,
      asset: p.amount.asset.code,
      amount: formatMinor(p.amount.minor, p.amount.asset.scale),
    })),
    memo: entry.memo,
    ...(entry.hold !== undefined ? { hold: entry.hold } : {}),
  };
}

export function entryToJson(entry: JournalEntry): string {
  return JSON.stringify(entryRecord(entry));
}

export function jsonlExporter(sink: TextSink): (entry: JournalEntry) => void {
  return (entry) => sink.write(entryToJson(entry) + '\n');
}

/** hledger reads `|` as a payee separator and `;` as a comment start: keep both out of descriptions. */
function clean(text: string): string {
  return text.replace(/[|;\n]/g, ' ');
}

/** hledger and ledger-cli take a bare commodity of letters only; `A7A5` must be quoted. */
function commodity(code: string): string {
  return /^[A-Za-z]+$/.test(code) ? code : `"${code}"`;
}

/**
 * One transaction per entry: date, cleared mark, description; the simulated time of day and the
 * entry id as tags (journal dates carry no time); postings as `-9250000.00 RUB`.
 */
export function entryToJournal(entry: JournalEntry): string {
  const iso = isoTime(entry.time);
  const head = `${iso.slice(0, 10)} * ${clean(entry.kind)} ${clean(entry.flow)}${entry.memo ? ' - ' + clean(entry.memo) : ''}`;
  const tags = `    ; id:${entry.id}, time:${iso.slice(11, 23)}, flow:${clean(entry.flow)}${entry.hold ? `, hold:${clean(entry.hold)}` : ''}`;
  const width = Math.max(...entry.postings.map((p) => p.account.length)) + 4;
  const lines = entry.postings.map(
    (p) => `    ${p.account.padEnd(width)}${formatMinor(p.amount.minor, p.amount.asset.scale)} ${commodity(p.amount.asset.code)}`,
  );
  return [head, tags, ...lines].join('\n') + '\n\n';
}

export function journalExporter(sink: TextSink): (entry: JournalEntry) => void {
  return (entry) => sink.write(entryToJournal(entry));
}
