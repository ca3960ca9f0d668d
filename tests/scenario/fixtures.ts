// Tiny scenarios for the loader and CLI tests: the shape of scenarios/importer-pays-china-usdt.yaml
// cut down to five payments (one settles, one is rejected by sanctions, three generated), plus one
// broken variant per kind of bad input the issue lists, each with where and what the message must say.

import { parse } from 'yaml';

/** A valid scenario; each payment sits on a line of its own so a test can find its line number. */
export const TINY_YAML = `# A tiny cut of importer-pays-china-usdt for tests.
name: tiny-importer
description: One importer pays a Shenzhen supplier in USDT on Tron; a sanctioned supplier is refused.
seed: 7
start: 2024-09-02T09:00:00Z
assets: { RUB: {scale: 2}, USDT: {scale: 6, peg: USD}, CNY: {scale: 2} }
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, quoteTtl: PT30S, depth: "20000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "500000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: "2.00 USDT", inclusionTimeout: PT30M}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "2000000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
  - {id: supplier-blocked, kind: company, country: CN}
sanctions:
  - supplier-blocked
payments:
  - {id: first-order, from: importer-msk, to: supplier-sz, amount: "100000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-02T09:05:00Z}
  - {from: importer-msk, to: supplier-blocked, amount: "5000.00 CNY", at: 2024-09-02T09:06:00Z}
  - generate: {count: 3, from: importer-msk, to: supplier-sz, amount: {fixed: "1000.00 CNY"}, over: PT1H}
`;

export const TINY_NAME = 'tiny-importer';
export const TINY_PAYMENTS = 5;

/** The same scenario in its JSON form. */
export function tinyJson(): string {
  return JSON.stringify(parse(TINY_YAML), null, 2) + '\n';
}

/** `text` with `from` replaced by `to`; `from` must occur exactly once, so a fixture never silently stays valid. */
export function edit(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`fixture edit: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** 1-based line of the only line containing `marker`. */
export function lineOf(text: string, marker: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`fixture: ${JSON.stringify(marker)} is on ${hits.length} lines, expected 1`);
  return hits[0]!;
}

export interface BadCase {
  /** Test title, and the fixture's file name (with `ext`). */
  readonly name: string;
  readonly ext: '.yaml' | '.json';
  readonly text: string;
  /** The field path the message must name; '' when the file as a whole is wrong. */
  readonly path: string;
  /** What the message must say was expected (or wrong). */
  readonly says: RegExp;
  /** Line the message must point at (YAML only). */
  readonly line?: number;
}

const FIRST_AMOUNT = 'amount: "100000.00 CNY"';
const FIRST_AT = 'at: 2024-09-02T09:05:00Z';

function yamlCase(name: string, from: string, to: string, path: string, says: RegExp, lineMarker: string | undefined): BadCase {
  const text = edit(TINY_YAML, from, to);
  return { name, ext: '.yaml', text, path, says, ...(lineMarker ? { line: lineOf(text, lineMarker) } : {}) };
}

/** One broken scenario per kind of bad input in issue 2. */
export const BAD_CASES: readonly BadCase[] = [
  {
    name: 'malformed-yaml',
    ext: '.yaml',
    text: edit(TINY_YAML, 'description: One importer', 'description: "One importer'),
    path: '',
    says: /not valid YAML.*quote/,
    line: lineOf(TINY_YAML, 'description: One importer'),
  },
  yamlCase('duplicate-key', 'seed: 7\n', 'seed: 7\nseed: 8\n', '', /not valid YAML.*unique/, 'seed: 8'),
  { name: 'empty-file', ext: '.yaml', text: '', path: '', says: /empty.*expected a scenario/ },
  { name: 'blank-file', ext: '.yaml', text: '\n   \n# only a comment\n', path: '', says: /expected/ },
  yamlCase('unknown-top-level-field', 'seed: 7\n', 'seed: 7\ncolour: red\n', 'colour', /unknown field "colour"/, 'colour: red'),
  yamlCase('unknown-nested-field', 'confirmations: 19,', 'confirmations: 19, speed: 9,', 'chains.tron.speed', /unknown field "speed"/, 'speed: 9'),
  yamlCase('unknown-field-in-payment', FIRST_AT + '}', FIRST_AT + ', colour: red}', 'payments[0].colour', /unknown field "colour"/, 'colour: red'),
  yamlCase('float-amount', FIRST_AMOUNT, 'amount: 100000.5', 'payments[0].amount', /expected an amount as a string/, 'amount: 100000.5'),
  yamlCase(
    'float-generated-amount',
    'fixed: "1000.00 CNY"',
    'fixed: 1000.5',
    'payments[2].generate.amount.fixed',
    /expected an amount as a string/,
    'fixed: 1000.5',
  ),
  yamlCase('float-balance', 'RUB: "2000000000.00"', 'RUB: 2000000000.5', 'participants[0].balances.RUB', /expected a decimal number as a string/, 'RUB: 2000000000.5'),
  yamlCase('unknown-participant', 'to: supplier-sz, amount: "100000.00 CNY"', 'to: supplier-nobody, amount: "100000.00 CNY"', 'payments[0].to', /unknown participant supplier-nobody; participants are importer-msk/, 'supplier-nobody'),
  yamlCase('unknown-asset', FIRST_AMOUNT, 'amount: "100000.00 XYZ"', 'payments[0].amount', /unknown asset XYZ; declare it under assets or use one of/, 'XYZ'),
  yamlCase('negative-amount', FIRST_AMOUNT, 'amount: "-100000.00 CNY"', 'payments[0].amount', /expected an amount greater than zero/, '-100000.00'),
  yamlCase('zero-amount', FIRST_AMOUNT, 'amount: "0.00 CNY"', 'payments[0].amount', /expected an amount greater than zero/, '"0.00 CNY"'),
  yamlCase('non-iso-date', FIRST_AT, 'at: "02/09/2024"', 'payments[0].at', /expected an ISO 8601 date-time/, '02/09/2024'),
  yamlCase('non-iso-start', 'start: 2024-09-02T09:00:00Z', 'start: "02/09/2024"', 'start', /expected an ISO 8601 date-time/, '02/09/2024'),
  {
    name: 'malformed-json',
    ext: '.json',
    text: tinyJson().replace(/\}\s*$/, ''),
    path: '',
    says: /not valid JSON/,
  },
  {
    name: 'unknown-field-json',
    ext: '.json',
    text: JSON.stringify({ ...(parse(TINY_YAML) as object), colour: 'red' }),
    path: 'colour',
    says: /unknown field "colour"/,
  },
];
