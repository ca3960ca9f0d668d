// Scenario files mutated as text (a line dropped, duplicated, retyped, a number perturbed, the
// file truncated, another file's lines spliced in): every result is either a clean rejection
// (problems that name the file, nothing thrown) or a valid scenario whose run completes or is
// refused as bad input; never a broken invariant (exit 1) and never an internal error (exit 3).
// The ceilings are lowered so a perturbed count cannot turn one case into a long run.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, parseScenario } from '../../src/scenario/load.js';
import { limitProblems } from '../../src/scenario/limits.js';
import { runToFolder } from '../../src/cli/runToFolder.js';
import { BadInput } from '../../src/cli/errors.js';
import { TINY_YAML, tinyJson } from '../scenario/fixtures.js';

const LIMITS = { maxSpanMs: 30 * 86_400_000, maxPayments: 200 };
const OTHER = readFileSync(new URL('../../scenarios/halted-chain-refund.yaml', import.meta.url), 'utf8').split('\n');
const out = mkdtempSync(join(tmpdir(), 'railpilot-fuzz-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Mutation = (lines: string[]) => string[];

const lineIndex = (lines: string[], at: number) => at % Math.max(1, lines.length);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at): Mutation => (ls) => ls.filter((_, i) => i !== lineIndex(ls, at))),
  fc.nat().map((at): Mutation => (ls) => ls.flatMap((l, i) => (i === lineIndex(ls, at) ? [l, l] : [l]))),
  // retype: a value becomes another kind of value
  fc.tuple(fc.nat(), fc.constantFrom('null', '[]', '{}', '"x"', '-1', '1e400', '.inf', '.nan', 'true', '0', '"0.00 CNY"', 'P99999W')).map(
    ([at, v]): Mutation =>
      (ls) =>
        ls.map((l, i) => (i === lineIndex(ls, at) ? l.replace(/(:\s*)("[^"]*"|[\w.:-]+)/, `$1${v}`) : l)),
  ),
  // perturb: a digit becomes another
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 })).map(
    ([at, k, d]): Mutation =>
      (ls) =>
        ls.map((l, i) => {
          if (i !== lineIndex(ls, at)) return l;
          const digits = [...l.matchAll(/\d/g)];
          const hit = digits[k % Math.max(1, digits.length)];
          return hit?.index === undefined ? l : l.slice(0, hit.index) + String(d) + l.slice(hit.index + 1);
        }),
  ),
  fc.nat().map((cut): Mutation => (ls) => ls.join('\n').slice(0, cut % (ls.join('\n').length + 1)).split('\n')),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 })).map(
    ([at, from, count]): Mutation =>
      (ls) => {
        const i = lineIndex(ls, at);
        const j = from % OTHER.length;
        return [...ls.slice(0, i), ...OTHER.slice(j, j + count), ...ls.slice(i)];
      },
  ),
);

describe('mutated scenario files', () => {
  it.each([
    ['tiny.yaml', TINY_YAML],
    ['tiny.json', tinyJson()],
  ])('%s: a clean rejection or a run that completes, never a broken invariant or an internal error', async (file, text) => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const mutated = mutations.reduce((ls, m) => m(ls), text.split('\n')).join('\n');
        const r = parseScenario(file, mutated, { check: (s) => limitProblems(s, LIMITS) });
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const line of formatProblems(file, r.problems).split('\n')) expect(line.startsWith(file)).toBe(true);
          return;
        }
        runs++;
        try {
          await runToFolder(r.scenario, join(out, `run-${runs}`));
        } catch (e) {
          // A valid scenario may still be refused (bad input); anything else is a bug.
          if (!(e instanceof BadInput)) throw e;
        }
      }),
      { numRuns: 60, seed: 20261130 },
    );
    // Some mutants must stay valid and run, or the property says nothing about runs.
    expect(runs).toBeGreaterThan(0);
  });
});
