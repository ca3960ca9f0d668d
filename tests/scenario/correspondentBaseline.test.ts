// Picking a correspondent baseline in a scenario: its figures apply, the scenario's own fields
// override them (rejection shares merged by country), and a bad choice is refused in the file's
// own words.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type LoadResult } from '../../src/scenario/load.js';

const SHIPPED = readFileSync('scenarios/pilot-vs-correspondent.yaml', 'utf8');
const block = SHIPPED.slice(SHIPPED.indexOf('correspondent:\n'), SHIPPED.indexOf('participants:'));
const withCorrespondent = (yaml: string) => SHIPPED.replace(block, yaml);
const HOUR = 3_600_000;

function model(r: LoadResult) {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario.correspondent!;
}
function problems(r: LoadResult) {
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('correspondent baselines in a scenario', () => {
  it('applies the named baseline, with the fields the scenario sets over it', () => {
    const c = model(parseScenario('s.yaml', withCorrespondent('correspondent:\n  baseline: swift-2024\n  feeBps: 25\n  rejection: {IN: 0.1}\n')));
    expect(c.baseline).toBe('swift-2024');
    expect(c.overrides).toEqual(['feeBps', 'rejection']);
    expect(c.feeBps.toNumber()).toBe(25);
    expect(c.fxSpreadBps.toNumber()).toBe(100);
    expect(c.toBankMs.map((w) => w.share)).toEqual([0.9, 0.1]);
    expect(c.toBankMs[0]!.max).toBe(HOUR / 2);
    expect(c.rejection).toEqual({ IN: 0.1 });
  });

  it('merges rejection shares over the baseline country by country', () => {
    const c = model(parseScenario('s.yaml', withCorrespondent('correspondent:\n  baseline: russia-china-sanctioned\n  rejection: {IN: 0.1}\n')));
    expect(c.rejection).toEqual({ CN: 0.75, IN: 0.1 });
  });

  it('reads settlement as both legs at once, and a list of windows with their shares', () => {
    const a = model(parseScenario('s.yaml', withCorrespondent('correspondent:\n  settlement: {min: P1D, max: P2D}\n')));
    expect(a.baseline).toBe('assumptions');
    expect(a.toBankMs).toEqual([{ share: 1, min: 24 * HOUR, max: 48 * HOUR }]);
    expect(a.toCustomerMs).toEqual([{ share: 1, min: 0, max: 0 }]);
    const b = model(parseScenario('s.yaml', withCorrespondent('correspondent:\n  toCustomer: [{share: 0.5, min: PT0S, max: PT1H}, {share: 0.5, min: PT1H, max: P1D}]\n')));
    expect(b.toCustomerMs.map((w) => w.share)).toEqual([0.5, 0.5]);
  });

  it('refuses an unknown baseline, shares that do not sum to 1, and settlement with a leg', () => {
    expect(problems(parseScenario('s.yaml', withCorrespondent('correspondent:\n  baseline: swift-2023\n'))).join('\n')).toMatch(/correspondent\.baseline: .*swift-2024/);
    expect(problems(parseScenario('s.yaml', withCorrespondent('correspondent:\n  toCustomer: [{share: 0.5, min: PT0S, max: PT1H}]\n'))).join('\n')).toMatch(
      /correspondent\.toCustomer: expected the shares of the windows to sum to 1/,
    );
    expect(problems(parseScenario('s.yaml', withCorrespondent('correspondent:\n  settlement: {min: P1D, max: P2D}\n  toCustomer: {min: PT0S, max: PT1H}\n'))).join('\n')).toMatch(
      /correspondent\.settlement: expected settlement or toBeneficiaryBank\/toCustomer, not both/,
    );
    expect(problems(parseScenario('s.yaml', withCorrespondent('correspondent:\n  toBeneficiaryBank: [{share: 1, min: P2D, max: P1D}]\n'))).join('\n')).toMatch(/correspondent\.toBeneficiaryBank\[0\]: expected min no longer than max/);
  });
});
