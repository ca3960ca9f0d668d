// Writers that turn journal entries into lines as they are posted: JSONL for programs, and a
// ledger-cli / hledger journal so those tools can check and query a run independently.

import { formatMinor } from '../money/index.js';
import type { JournalEntry } from './entry.js';
import { isoTime } from '../money/isoTime.js';

export { isoTime };

/**
 * `isoTime` for one run's records, remembering the last time it wrote: the entries a transition
 * posts and its trace line share one instant, so they share one string instead of each making
 * its own. One per run (nothing shared between runs).
 */
export function isoClock(): (ms: number) => string {
  let lastMs = NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      last = isoTime(ms);
      lastMs = ms;
    }
    return last;
  };
}

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

/** @param iso how times are written: `isoClock()` of the run, when it writes many records. */
export function entryRecord(entry: JournalEntry, iso: (ms: number) => string = isoTime): EntryRecord {
  return {
    id: entry.id,
    time: iso(entry.time),
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
  // Most text has neither: a test is cheaper than a replace that copies.
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, ' ') : text;
}
const UNSAFE = /[|;\n]/;
const UNSAFE_ALL = /[|;\n]/g;

const LETTERS = /^[A-Za-z]+$/;

/** hledger and ledger-cli take a bare commodity of letters only; `A7A5` must be quoted. */
function commodity(code: string): string {
  return LETTERS.test(code) ? code : `"${code}"`;
}

/**
 * One transaction per entry: date, cleared mark, description; the simulated time of day and the
 * entry id as tags (journal dates carry no time); postings as `-9250000.00 RUB`.
 */
export function entryToJournal(entry: JournalEntry): string {
  return recordToJournal(entryRecord(entry));
}

/** `entryToJournal` from the entry's record, whose time and amounts are already text. */
export function recordToJournal(r: EntryRecord): string {
  const iso = r.time;
  const flow = clean(r.flow);
  let text = `${iso.slice(0, 10)} * ${clean(r.kind)} ${flow}${r.memo ? ' - ' + clean(r.memo) : ''}\n    ; id:${r.id}, time:${iso.slice(11, 23)}, flow:${flow}${r.hold ? `, hold:${clean(r.hold)}` : ''}`;
  let width = 0;
  for (const p of r.postings) width = Math.max(width, p.account.length);
  width += 4;
  for (const p of r.postings) text += `\n    ${p.account.padEnd(width)}${p.amount} ${commodity(p.asset)}`;
  return text + '\n\n';
}

export function journalExporter(sink: TextSink): (entry: JournalEntry) => void {
  return (entry) => sink.write(entryToJournal(entry));
}
