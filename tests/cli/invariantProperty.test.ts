// The property kit's failure path: a failing property names its seed and path, and writes the
// shrunk scenario to a file that `railpilot run` replays.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arbScenario } from '../../src/scenario/arbitrary.js';
import { parseScenario } from '../../src/scenario/load.js';
import { assertInvariantsHold, scenarioToYaml } from '../../src/cli/invariantProperty.js';
import type { Invariant } from '../../src/invariants/index.js';
import { railpilot } from './helpers.js';
import fc from 'fast-check';

/** A deliberately wrong invariant: "no payment is ever refunded". Generated runs break it. */
const noRefunds = (): Invariant => {
  let refunded: string | undefined;
  let checked = 0;
  return {
    name: 'no-refunds',
    promise: 'no payment is refunded (false on purpose)',
    outcome: (o) => {
      checked++;
      if (o.status === 'refunded') refunded ??= o.id;
    },
    finish: () => ({ name: 'no-refunds', ok: refunded === undefined, checked, ...(refunded ? { detail: `${refunded} was refunded` } : {}) }),
  };
};

describe('assertInvariantsHold', () => {
  it('passes quietly when every invariant holds', () => {
    expect(() => assertInvariantsHold(arbScenario({ size: 5 }), { numRuns: 10 })).not.toThrow();
  });

  it('on a failure names the seed and path, and writes a shrunk scenario that railpilot run replays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'railpilot-prop-'));
    try {
      const file = join(dir, 'failing.yaml');
      let message = '';
      try {
        assertInvariantsHold(arbScenario({ size: 8 }), { numRuns: 200, seed: 42, saveTo: file, invariants: [noRefunds] });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/seed 42, path "[\d:]+"/);
      expect(message).toContain('no-refunds: ');
      expect(message).toContain(`railpilot run ${file}`);
      const text = readFileSync(file, 'utf8');
      const back = parseScenario(file, text);
      expect(back.ok ? [] : back.problems).toEqual([]);
      const run = railpilot(['run', file, '--out', join(dir, 'replay'), '-q']);
      expect(run.code, run.stderr).toBe(0);
      // The replay shows the same refund the property found.
      expect(readFileSync(join(dir, 'replay', 'outcomes.jsonl'), 'utf8')).toContain('"status":"refunded"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes any generated scenario as YAML that reads back to the same scenario', () => {
    fc.assert(
      fc.property(arbScenario({ size: 5, retail: true }), (s) => {
        const back = parseScenario('s.yaml', scenarioToYaml(s));
        expect(back.ok && back.scenario.source).toEqual(s);
      }),
      { numRuns: 30 },
    );
  });
});
