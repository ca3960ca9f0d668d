// `railpilot check` warns, and still says valid (exit 0), when a quote cannot outlive the bank's
// hold and the exchange's fill however fast they answer: every order would fail quote.expired.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_YAML, edit } from '../scenario/fixtures.js';
import { railpilot, tempDir } from '../cli/helpers.js';
import { scenarioWarnings } from '../../src/scenario/warnings.js';
import { runEdge, scenarioOf } from './run.js';

let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('warn');
});
afterAll(() => root.cleanup());

/** The tiny scenario with this quote TTL; default latencies: bank 2 s, exchange 1 s, so the fastest fill comes 1.5 s after the quote. */
const withTtl = (ttl: string) => edit(TINY_YAML, 'quoteTtl: PT30S', `quoteTtl: ${ttl}`);

describe('a quote TTL against the fastest bank and exchange answers', () => {
  it('warns at a TTL equal to the fastest answer, and not 1 ms above it', () => {
    expect(scenarioWarnings(scenarioOf(withTtl('PT1.5S'))).map((w) => w.path)).toEqual(['markets.USDT/RUB.quoteTtl']);
    expect(scenarioWarnings(scenarioOf(withTtl('PT1.501S')))).toEqual([]);
    expect(scenarioWarnings(scenarioOf(TINY_YAML))).toEqual([]);
  });

  it('the condition is exact: at that TTL every payment is rejected quote.expired; the run says so', () => {
    const r = runEdge(withTtl('PT1.5S'));
    const paid = r.records.filter((o) => o.status !== 'rejected' || o.reason !== 'quote.expired');
    // Only the payment to the listed supplier ends otherwise: it is refused at screening, before any quote.
    expect(paid.map((o) => o.reason)).toEqual(['sanctions.blocked:supplier-blocked']);
  });

  it('`railpilot check` exits 0, says valid, and prints a warning line naming file, field and expectation', () => {
    writeFileSync(join(root.dir, 'short-ttl.yaml'), withTtl('PT1S'));
    const r = railpilot(['check', 'short-ttl.yaml'], { cwd: root.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/short-ttl\.yaml: valid scenario/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^short-ttl\.yaml: warning: markets\.USDT\/RUB\.quoteTtl: a quote lives 1 s, but .* at least 1\.5 s .*every order at this exchange will fail with quote\.expired; expected a quoteTtl above 1\.5 s/);
  });
});
