// The declared-invariant language and the determinism check, pinned at their edges: every
// duration part, every comparison on both sides of its bound, the exact messages and counts a
// user reads in `verify`. Written for the mutation run of src/invariants (npm run test:mutation).

import { describe, expect, it } from 'vitest';
import { checkRun, declaredFrom, declaredInvariant, determinism, firstDifference, parseDeclared, type DeclaredInvariant, type EntryRecord, type OutcomeRecord, type RunFacts } from '../../src/invariants/index.js';

const FACTS: RunFacts = { finalStates: {}, boundsMs: {}, requests: {}, declared: [], sanctions: [], caps: { nonQualified: null, qualified: null } };
const T0 = Date.parse('2024-09-02T09:00:00Z');

function move(id: string, account: string, asset: string, amount: string): EntryRecord {
  const negated = amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
  return { id, time: '2024-09-02T09:00:00.000Z', flow: 'f', kind: 'move', memo: '', postings: [{ account, asset, amount }, { account: 'external:funding', asset, amount: negated }] };
}

function ended(id: string, status: string, ms: number): OutcomeRecord {
  return {
    flow: 'crossBorderPayment', id, status, reason: null, initiatedAt: new Date(T0).toISOString(), finalAt: new Date(T0 + ms).toISOString(),
    party: 'p', partyAccount: null, counterparty: null, amount: '1.00 CNY', rub: null, coin: null, refunded: null, frozen: null, capValue: null, category: null, capYear: null,
  };
}

const parse = (text: string) => parseDeclared(text) as DeclaredInvariant;
const check = (text: string, entries: EntryRecord[] = [], outcomes: OutcomeRecord[] = []) => checkRun({ entries, traces: [], outcomes }, FACTS, declaredFrom([text]))[0]!;

describe('durations in share ... within', () => {
  it.each([
    ['P1D', 86_400_000],
    ['PT2H', 7_200_000],
    ['PT3M', 180_000],
    ['PT45S', 45_000],
    ['PT1H30M', 5_400_000],
    ['P1DT2H3M4S', ((26 * 60 + 3) * 60 + 4) * 1000],
    ['P10DT12H', 252 * 3_600_000],
    ['PT90M', 5_400_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parse(`share settled within ${text} >= 0.5`).metric).toEqual({ kind: 'share', status: 'settled', withinMs: ms });
  });

  it.each(['PT', 'P1DT', 'PT1X', 'PT1H2D', 'P1H', 'PTP1D'])('refuses %s, naming it', (text) => {
    expect(parseDeclared(`share settled within ${text} >= 0.5`)).toBe(`"${text}" is not a duration like PT1H`);
  });

  it('has no time limit without within', () => {
    expect(parse('share settled >= 0.5').metric).toEqual({ kind: 'share', status: 'settled', withinMs: null });
  });
});

describe('parseDeclared', () => {
  it('allows spaces around the parts, negative and decimal balance bounds, and trims the text', () => {
    expect(parse('  balance( importer-msk ,RUB )<-5.25  ')).toEqual({ text: 'balance( importer-msk ,RUB )<-5.25', metric: { kind: 'balance', party: 'importer-msk', asset: 'RUB', always: false }, cmp: '<', bound: '-5.25' });
    expect(parse('share rejected<=0.2')).toEqual({ text: 'share rejected<=0.2', metric: { kind: 'share', status: 'rejected', withinMs: null }, cmp: '<=', bound: '0.2' });
    expect(parse('count refunded == 10')).toEqual({ text: 'count refunded == 10', metric: { kind: 'count', status: 'refunded' }, cmp: '==', bound: '10' });
    expect(parse('count refunded > 1').cmp).toBe('>');
  });

  it('refuses text around a valid form, and says which forms it takes', () => {
    const forms = 'expected one of: "balance(<party>, <ASSET>) >= <number> [at all times]", "share <status> [within <PT1H>] >= <0..1>", "count <status> <= <n>"';
    for (const bad of ['x balance(a, RUB) >= 0', 'balance(a, RUB) >= 0 sometimes', 'count settled <= 1.5', 'share settled >= -1', 'xshare settled >= 1', 'count settled <= 1 x', 'xcount settled <= 1', 'share settled within P >= 0.5', 'share settled within 1H >= 0.5']) {
      expect(parseDeclared(bad), bad).toBe(forms);
    }
  });
});

describe('declared balance', () => {
  const entries = [move('E1', 'banks:a:x', 'RUB', '100.00'), move('E2', 'custody:x', 'RUB', '-150.00'), move('E3', 'banks:a:x', 'RUB', '-1.00'), move('E4', 'beneficiaries:x', 'RUB', '61.00'), move('E5', 'banks:a:y', 'RUB', '-999.00'), move('E6', 'banks:a:x', 'USD', '-999.00'), move('E7', 'npcs:x', 'RUB', '-999.00')];

  it('sums the party\'s own accounts in the asset only, at the end, as one check', () => {
    expect(check('balance(x, RUB) == 10', entries)).toEqual({ name: 'declared: balance(x, RUB) == 10', ok: true, checked: 1 });
    expect(Object.keys(check('balance(x, RUB) == 10', entries))).toEqual(['name', 'ok', 'checked']);
    expect(check('balance(x, RUB) > 10', entries)).toEqual({ name: 'declared: balance(x, RUB) > 10', ok: false, checked: 1, detail: 'at the end the balance is 10 RUB' });
  });

  it('checks after every entry with at all times, naming the first entry that breaks it', () => {
    expect(check('balance(x, RUB) >= -51 at all times', entries)).toEqual({ name: 'declared: balance(x, RUB) >= -51 at all times', ok: true, checked: 7 });
    expect(check('balance(x, RUB) >= 0 at all times', entries)).toEqual({
      name: 'declared: balance(x, RUB) >= 0 at all times', ok: false, checked: 7, detail: 'after E2 (move of f) the balance is -50 RUB',
    });
  });

  it('states its promise as written', () => {
    const inv = declaredInvariant(parse('balance(x, RUB) >= 0'))(FACTS);
    expect(inv.promise).toBe('balance(x, RUB) >= 0');
    const share = declaredInvariant(parse('share settled >= 0.5'))(FACTS);
    expect([share.name, share.promise]).toEqual(['declared: share settled >= 0.5', 'share settled >= 0.5']);
  });
});

describe('declared count: every comparison on both sides of the bound', () => {
  const outcomes = [ended('a', 'settled', 0), ended('b', 'settled', 0), ended('c', 'rejected', 0)];
  it.each([
    ['>= 2', true], ['>= 3', false],
    ['<= 2', true], ['<= 1', false],
    ['> 1', true], ['> 2', false],
    ['< 3', true], ['< 2', false],
    ['== 2', true], ['== 1', false], ['== 3', false],
  ] as const)('count settled %s is %s', (rest, ok) => {
    const v = check(`count settled ${rest}`, [], outcomes);
    expect(v).toEqual({ name: `declared: count settled ${rest}`, ok, checked: 3, ...(ok ? {} : { detail: '2 settled' }) });
  });
});

describe('declared share', () => {
  it('counts a flow that ends exactly at the limit as within it, and one a millisecond later as not', () => {
    const outcomes = [ended('a', 'settled', 3_600_000), ended('b', 'settled', 3_600_001), ended('c', 'rejected', 1), ended('d', 'settled', 1)];
    expect(check('share settled within PT1H >= 0.5', [], outcomes)).toEqual({ name: 'declared: share settled within PT1H >= 0.5', ok: true, checked: 4 });
    expect(check('share settled within PT1H > 0.5', [], outcomes)).toEqual({ name: 'declared: share settled within PT1H > 0.5', ok: false, checked: 4, detail: '2 of 4 (50.0%)' });
    expect(check('share settled >= 0.75', [], outcomes).ok).toBe(true);
    expect(check('share settled > 0.75', [], outcomes).detail).toBe('3 of 4 (75.0%)');
  });

  it('holds over a run with no payments, and rounds the shown share to one decimal', () => {
    expect(check('share settled >= 1', [], [])).toEqual({ name: 'declared: share settled >= 1', ok: true, checked: 0 });
    expect(check('share settled > 0.5', [], [])).toEqual({ name: 'declared: share settled > 0.5', ok: true, checked: 0 });
    const thirds = [ended('a', 'settled', 0), ended('b', 'rejected', 0), ended('c', 'rejected', 0)];
    expect(check('share settled >= 0.34', [], thirds).detail).toBe('1 of 3 (33.3%)');
  });
});

describe('declaredFrom', () => {
  it('turns text the schema would refuse into a failing verdict that says why', () => {
    const [make] = declaredFrom(['always be closing']);
    const inv = make!(FACTS);
    expect([inv.name, inv.promise]).toEqual(['declared: always be closing', 'always be closing']);
    expect(inv.finish()).toEqual({ name: 'declared: always be closing', ok: false, checked: 0, detail: parseDeclared('always be closing') });
  });
});

describe('determinism at the edges', () => {
  const bytes = (...xs: number[][]) => xs.map((x) => Uint8Array.from(x));

  it('treats empty chunks and empty streams as nothing', () => {
    expect(firstDifference([], [])).toBe(-1);
    expect(firstDifference(bytes([]), [])).toBe(-1);
    expect(firstDifference(bytes([], [1], [], [2]), bytes([1, 2], []))).toBe(-1);
    expect(firstDifference([], bytes([], [7]))).toBe(0);
    expect(firstDifference(bytes([1, 2]), bytes([1], [], [3]))).toBe(1);
  });

  const files = (map: Record<string, string>) => (f: string) => (f in map ? [new TextEncoder().encode(map[f])] : undefined);

  it('counts the files it compared and names the first that differs or is missing', () => {
    const a = files({ 'a.jsonl': 'x', 'b.jsonl': 'y' });
    expect(determinism(['a.jsonl', 'b.jsonl', 'c.jsonl'], a, a)).toEqual({ name: 'determinism', ok: true, checked: 2 });
    expect(determinism(['a.jsonl', 'b.jsonl'], a, files({ 'a.jsonl': 'x', 'b.jsonl': 'yz' }))).toEqual({ name: 'determinism', ok: false, checked: 2, detail: 'b.jsonl differs at byte 1' });
    expect(determinism(['a.jsonl', 'b.jsonl'], a, files({ 'a.jsonl': 'x' }))).toEqual({ name: 'determinism', ok: false, checked: 1, detail: 'b.jsonl is in only one of the two runs' });
    expect(determinism(['a.jsonl'], files({}), a)).toEqual({ name: 'determinism', ok: false, checked: 0, detail: 'a.jsonl is in only one of the two runs' });
    expect(determinism(['a.jsonl'], a, files({ 'a.jsonl': 'z' }))).toEqual({ name: 'determinism', ok: false, checked: 1, detail: 'a.jsonl differs at byte 0' });
    expect(determinism([], a, a)).toEqual({ name: 'determinism', ok: false, checked: 0, detail: 'the two runs hold no output files to compare' });
  });
});
