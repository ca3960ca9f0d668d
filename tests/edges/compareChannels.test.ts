// `railpilot compare` of one scenario under two correspondent baselines: the comparison the
// baselines exist for. The headline figures are the pilot's payments out, which a baseline does not
// touch, so each channel's own outcome (settled, returned, credited within 1 h, cost) must be set
// side by side too, or two very different baselines read as equal.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { railpilot, tempDir } from '../cli/helpers.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/pilot-vs-correspondent.yaml', import.meta.url));

let root: { dir: string; cleanup(): void };

beforeAll(() => {
  root = tempDir('compare-channels');
  for (const [out, ...set] of [['sanctioned'], ['swift', '--set', 'correspondent.baseline=swift-2024']] as const) {
    const r = railpilot(['run', SCENARIO, '--out', join(root.dir, out), '-q', ...set]);
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(() => root.cleanup());

interface Figure {
  key: string;
  label: string;
  a: number | string | null;
  b: number | string | null;
  difference: number | string | null;
}

describe('compare across correspondent baselines', () => {
  it("sets each channel's outcome side by side, with the difference", () => {
    const r = railpilot(['compare', join(root.dir, 'sanctioned'), join(root.dir, 'swift'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const figures = (JSON.parse(r.stdout) as { figures: Figure[] }).figures;
    const f = (key: string) => figures.find((x) => x.key === key);
    // russia-china-sanctioned returns most payments to China; swift-2024 none (India's 10% stays, overridden by the scenario).
    const settled = f('channel:correspondent:settled')!;
    expect(settled.label).toBe('correspondent: settled');
    expect(settled.b as number).toBeGreaterThan(settled.a as number);
    expect(settled.difference).toBe((settled.b as number) - (settled.a as number));
    expect(f('channel:correspondent:returned')!.a as number).toBeGreaterThan(f('channel:correspondent:returned')!.b as number);
    expect(f('channel:correspondent:credited_within_1h_share')).toMatchObject({ a: 0 });
    expect(f('channel:correspondent:credited_within_1h_share')!.b as number).toBeGreaterThan(0);
    // The pilot's channel did not change: its figures are there, with no difference.
    expect(f('channel:pilot sequential USDT:settled')).toMatchObject({ a: 150, b: 150, difference: 0 });
    const text = railpilot(['compare', join(root.dir, 'sanctioned'), join(root.dir, 'swift')]).stdout;
    expect(text).toMatch(/^correspondent: cost, % of settled principal +4\.5203 +0\.8459 +-3\.6744$/m);
  });
});
