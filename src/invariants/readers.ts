// How the invariants read the records' text: amounts as exact counts of 10^-18 (atto), so sums
// never touch floats, and ISO times as ms. Every posting of every entry and several times a flow
// pass through here, so the common shapes are read without building strings.

import { formatMinor } from '../money/index.js';
import type { EntryRecord } from './records.js';

const ATTO_ZEROS = '000000000000000000';
const PLAIN_DECIMAL = /^-?\d+(?:\.\d{1,18})?$/;

/** 10^(18-k): one unit with k decimals, in atto. */
const ATTO_PER_UNIT = Array.from({ length: 19 }, (_, k) => 10n ** BigInt(18 - k));
/** Up to 15 digits, a whole number is exact in a double (below 2^53). */
const EXACT_DIGITS = 15;

/**
 * The commonest amount, at most 15 digits with some before the point ("-9250000.00"), read digit
 * by digit into a whole number that a double holds exactly, then scaled once: no string is built.
 * Anything else: undefined, for `atto` to read.
 */
function shortAtto(text: string): bigint | undefined {
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (text.length - i > EXACT_DIGITS) return undefined;
  let n = 0;
  let whole = 0;
  let decimals = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (decimals >= 0 || whole === 0) return undefined;
      decimals = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
    if (decimals >= 0) decimals++;
    else whole++;
  }
  if (whole === 0 || decimals === 0) return undefined;
  const v = BigInt(n) * ATTO_PER_UNIT[decimals < 0 ? 0 : decimals]!;
  return negative ? -v : v;
}

/** A decimal string ("-9250000.00") as an exact count of 10^-18: sums never touch floats. */
export function atto(text: string): bigint {
  const short = shortAtto(text);
  if (short !== undefined) return short;
  // Longer amounts of the same shape in one BigInt call, without split and pad; anything else
  // takes the general path below.
  if (PLAIN_DECIMAL.test(text)) {
    const dot = text.indexOf('.');
    return dot < 0 ? BigInt(text + ATTO_ZEROS) : BigInt(text.slice(0, dot) + text.slice(dot + 1) + ATTO_ZEROS.slice(text.length - dot - 1));
  }
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  if (frac.length > 18) throw new Error(`more than 18 decimals: ${text}`);
  const v = BigInt(whole + frac.padEnd(18, '0'));
  return negative ? -v : v;
}

/** The amounts of `e`'s postings as atto counts, in order: `given` when the caller parsed them already. */
export function attosOf(e: EntryRecord, given?: readonly bigint[]): readonly bigint[] {
  if (given) return given;
  const out: bigint[] = [];
  for (const p of e.postings) out.push(atto(p.amount));
  return out;
}

/** A posting as the ledger holds it: minor units of an asset of some scale. */
interface MinorPosting {
  readonly amount: { readonly minor: bigint; readonly asset: { readonly scale: number } };
}

/**
 * The amounts of postings as atto counts, from their minor units: what `attosOf` reads back from
 * the record's text (`formatMinor`), without reading text. A run has the entry before its record,
 * so the text it writes is not parsed again for the checkers.
 */
export function attosOfMinor(postings: readonly MinorPosting[]): bigint[] {
  const out = new Array<bigint>(postings.length);
  for (let i = 0; i < postings.length; i++) {
    const { minor, asset } = postings[i]!.amount;
    const unit = ATTO_PER_UNIT[asset.scale];
    // Scales are whole numbers 0-18 (defineAsset); any other is read from its text, as before.
    out[i] = unit !== undefined ? minor * unit : atto(formatMinor(minor, asset.scale));
  }
  return out;
}

/** The number `text` spells from `at`, `length` digits long; -1 if any is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `Date.parse(text)`, by arithmetic for the times the records carry ("2024-09-02T09:05:00.000Z"):
 * the invariants compare several per flow. Only fields that cannot overflow are read so (years
 * 100-9999, days to the 28th, no leap second); any other text is left to `Date.parse`.
 */
export function isoMs(text: string): number {
  if (text.length !== 24 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const ms = digits(text, 20, 3);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Date.parse(text);
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil; isoTime in money/isoTime.ts is its inverse): what `Date.UTC` gives, in whole
 * numbers a double holds exactly, without a call into the date library for each time read.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** An atto count back as a plain decimal, for messages: 1500000000000000000n -> "1.5". */
export function showAtto(x: bigint): string {
  const negative = x < 0n;
  const digits = (negative ? -x : x).toString().padStart(19, '0');
  const frac = digits.slice(-18).replace(/0+$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -18)}${frac ? '.' + frac : ''}`;
}

/** "123.45 RUB" as [atto, asset]. */
export function amountOf(text: string): [bigint, string] {
  const [num, asset] = text.split(' ') as [string, string];
  return [atto(num), asset];
}
