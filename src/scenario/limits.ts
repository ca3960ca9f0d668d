// How much work a valid scenario asks for, bounded before it runs: the simulated span and the
// number of payments and orders each have a ceiling (--max-span, --max-payments), durations must
// fit in a JavaScript date, and a price must not be so small that the amounts it produces round
// to zero. A typo'd year is a message naming the field and the figure, not an out-of-memory abort.

import { Dec } from '../money/index.js';
import { formatDuration, parseDuration, parseInstant } from '../sim/index.js';
import { parseMarketKey } from './markets.js';
import { Assets } from './assets.js';
import type { Problem } from './load.js';
import type { Scenario } from './schema.js';

export interface Limits {
  /** Longest simulated span from the scenario's start to the last moment it asks for, in ms. */
  readonly maxSpanMs: number;
  readonly maxPayments: number;
}

/** Five years of 365 days, as the P5Y default of --max-span reads (the duration grammar has no years). */
export const FIVE_YEARS_MS = 5 * 365 * 86_400_000;
export const DEFAULT_LIMITS: Limits = { maxSpanMs: FIVE_YEARS_MS, maxPayments: 10_000_000 };

/** The largest span a JavaScript date can hold either side of 1970 (ECMA-262 21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

/** Fields whose values are asset codes: "P1D" there is a coin's name, not a duration. */
const CODE_KEYS = new Set(['buy', 'stablecoin', 'coin', 'peg', 'asset', 'currency', 'name', 'description', 'id']);
const BEGIN_KEYS = ['at', 'start', 'from'] as const;
const LENGTH_KEYS = ['over', 'for'] as const;

interface Walked {
  durations: { path: (string | number)[]; text: string; ms: number }[];
  /** The latest moment asked for, and where. */
  latest: { ms: number; path: (string | number)[] } | undefined;
}

function walk(node: unknown, path: (string | number)[], start: number, out: Walked): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, [...path, i], start, out));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  let begin: number | undefined;
  for (const k of BEGIN_KEYS) if (typeof o[k] === 'string') begin ??= parseInstant(o[k]);
  for (const k of LENGTH_KEYS) {
    const ms = typeof o[k] === 'string' ? parseDuration(o[k]) : undefined;
    if (ms === undefined || !Number.isFinite(ms) || ms > MAX_DATE_MS) continue;
    const end = (begin ?? start) + ms;
    if (!out.latest || end > out.latest.ms) out.latest = { ms: end, path: [...path, k] };
  }
  if (begin !== undefined && (!out.latest || begin > out.latest.ms)) out.latest = { ms: begin, path: [...path, BEGIN_KEYS.find((k) => typeof o[k] === 'string')!] };
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && !CODE_KEYS.has(k)) {
      const ms = parseDuration(v);
      if (ms !== undefined) out.durations.push({ path: [...path, k], text: v, ms });
    } else walk(v, [...path, k], start, out);
  }
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** The payments and orders a scenario asks for, and its largest single item. */
function countOf(s: Scenario): { total: number; largest: { path: string; count: number } | undefined } {
  let total = 0;
  let largest: { path: string; count: number } | undefined;
  for (const list of ['payments', 'orders'] as const) {
    s[list].forEach((p, i) => {
      const count = 'generate' in p ? (p.generate as { count: number }).count : 1;
      total += count;
      if (!largest || count > largest.count) largest = { path: `${list}[${i}]${'generate' in p ? '.generate.count' : ''}`, count };
    });
  }
  return { total, largest };
}

/** A mid at which a whole unit of either side is worth less than a minor unit of the other. */
function priceProblems(s: Scenario): Problem[] {
  const assets = new Assets(s.assets);
  const scaleOf = (code: string): number => {
    try {
      return assets.get(code).scale;
    } catch {
      return 2; // an fx currency not declared as an asset: counted in hundredths, as money is
    }
  };
  const out: Problem[] = [];
  const check = (path: string, base: string, quote: string, midText: string) => {
    const mid = new Dec(midText);
    if (mid.lte(0)) return; // the schema's own cross-checks speak to a price of zero
    const quoteMinor = new Dec(10).pow(-scaleOf(quote));
    const baseMinor = new Dec(10).pow(-scaleOf(base));
    if (mid.lt(quoteMinor)) out.push({ path, message: `a mid of ${midText} ${quote} per ${base} is below one minor unit of ${quote} (${quoteMinor.toFixed()}): the amounts it produces round to zero` });
    else if (new Dec(1).div(mid).lt(baseMinor)) out.push({ path, message: `a mid of ${midText} ${quote} per ${base} makes one minor unit of ${quote} worth less than one minor unit of ${base} (${baseMinor.toFixed()}): the amounts it produces round to zero` });
  };
  for (const [key, m] of Object.entries(s.markets)) {
    const { base, quote } = parseMarketKey(key);
    check(`markets.${key}.mid`, base, quote, m.mid);
  }
  for (const [pair, f] of Object.entries(s.fx ?? {})) {
    const [base, quote] = pair.split('/') as [string, string];
    check(`fx.${pair}.mid`, base, quote, f.mid);
  }
  return out;
}

/** What is wrong with the work a valid scenario asks for; empty when it is within the limits. */
export function limitProblems(s: Scenario, limits: Limits = DEFAULT_LIMITS): Problem[] {
  const problems: Problem[] = [];
  const start = parseInstant(s.start)!;
  const walked: Walked = { durations: [], latest: undefined };
  walk(s, [], start, walked);
  for (const d of walked.durations) {
    if (!Number.isFinite(d.ms) || d.ms > MAX_DATE_MS) {
      problems.push({ path: pathText(d.path), message: `${excerpt(d.text)} is longer than any date can reach (at most about 273,790 years, 8.64e15 ms)` });
    }
  }
  if (walked.latest && walked.latest.ms - start > limits.maxSpanMs) {
    problems.push({
      path: pathText(walked.latest.path),
      message: `asks for a simulated span of ${formatDuration(walked.latest.ms - start)} from the start, more than --max-span allows (${formatDuration(limits.maxSpanMs)}); raise --max-span if it is meant`,
    });
  }
  const { total, largest } = countOf(s);
  if (total > limits.maxPayments) {
    problems.push({
      path: largest && largest.count > limits.maxPayments / 2 ? largest.path : 'payments',
      message: `${total.toLocaleString('en-US')} payments and orders in all, more than --max-payments allows (${limits.maxPayments.toLocaleString('en-US')}); raise --max-payments if it is meant`,
    });
  }
  problems.push(...priceProblems(s));
  return problems;
}

/** At most `max` characters of a value, so a message never echoes a whole hostile string. */
export function excerpt(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}… (${text.length} characters)`;
}
