// "Did you mean ...?": an unknown field is answered with the nearest field known at that place,
// read from the generated JSON Schema, and only when it is near enough to be a slip.

import { describe, expect, it } from 'vitest';
import { parseScenario, type Problem } from '../../src/scenario/load.js';
import { editDistance, knownKeysAt, nearestKey } from '../../src/scenario/suggest.js';
import { TINY_YAML, edit } from './fixtures.js';

function problems(text: string): Problem[] {
  const r = parseScenario('s.yaml', text);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.problems;
}

describe('nearest known field', () => {
  it('measures slips: a missing letter, a swap, a different case', () => {
    expect(editDistance('spredbps', 'spreadbps')).toBe(1);
    expect(editDistance('sperad', 'spread')).toBe(1);
    expect(nearestKey('SpreadBPS', ['mid', 'spreadBps'])).toBe('spreadBps');
  });

  it('knows the fields at each place, through records, lists and unions', () => {
    expect(knownKeysAt(['markets', 'USDT/RUB'])).toContain('spreadBps');
    expect(knownKeysAt(['chains', 'tron'])).toContain('inclusionTimeout');
    // payments[i] is a single payment or a generated batch: both alternatives' fields.
    expect(knownKeysAt(['payments', 0])).toEqual(expect.arrayContaining(['amount', 'generate']));
    expect(knownKeysAt(['payments', 0, 'generate'])).toContain('over');
  });

  it('suggests nothing for a word far from every field', () => {
    expect(nearestKey('colour', knownKeysAt([]))).toBeUndefined();
  });
});

describe('parseScenario: unknown fields', () => {
  it('suggests spreadBps for spredBps, in the file, field, expectation format', () => {
    const p = problems(edit(TINY_YAML, 'spreadBps: 50', 'spredBps: 50'));
    const unknown = p.find((x) => x.path === 'markets.USDT/RUB.spredBps');
    expect(unknown?.message).toBe('unknown field "spredBps"; did you mean spreadBps?');
    expect(unknown?.line).toBeGreaterThan(0);
  });

  it('suggests at the top and within a chain', () => {
    expect(problems(edit(TINY_YAML, 'seed: 7\n', 'sede: 7\n')).map((x) => x.message)).toContain('unknown field "sede"; did you mean seed?');
    expect(problems(edit(TINY_YAML, 'confirmations: 19,', 'confirmation: 19,')).map((x) => x.message)).toContain('unknown field "confirmation"; did you mean confirmations?');
  });

  it('says only "unknown field" when nothing is near', () => {
    expect(problems(edit(TINY_YAML, 'seed: 7\n', 'seed: 7\ncolour: red\n')).map((x) => x.message)).toContain('unknown field "colour"');
  });
});
