// The exported journal is a real ledger: hledger and ledger-cli accept it unchanged, and their
// balances are the simulator's own to the last minor unit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runToFolder } from '../../src/cli/runToFolder.js';
import type { Report } from '../../src/report/index.js';

const has = (cmd: string) => spawnSync(cmd, ['--version']).status === 0;
// CI installs both (see .ci/run) and must run this; elsewhere, without them, it is reported skipped.
const required = process.env.CI === 'true';

describe.skipIf(!required && !(has('hledger') && has('ledger')))('journal.ledger in hledger and ledger-cli', () => {
  const r = loadScenario('scenarios/importer-pays-china-usdt.yaml');
  if (!r.ok) throw new Error('shipped scenario does not load');
  const dir = mkdtempSync(join(tmpdir(), 'railpilot-hledger-'));
  const scenario = r.scenario;
  let report: Report;
  beforeAll(async () => {
    report = await runToFolder(scenario, join(dir, 'run'));
  });
  const journal = join(dir, 'run', 'journal.ledger');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes hledger check', () => {
    const res = spawnSync('hledger', ['-f', journal, 'check'], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('has the simulator balances in hledger', () => {
    const csv = execFileSync('hledger', ['-f', journal, 'bal', '-O', 'csv', '-N'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const theirs = new Map<string, string>();
    for (const line of csv.trim().split('\n').slice(1)) {
      const [account, amounts] = JSON.parse(`[${line}]`) as [string, string];
      for (const a of amounts.split(', ')) {
        const [value, asset] = a.split(' ');
        theirs.set(`${account} ${asset}`, value!);
      }
    }
    const ours = new Map(report.ledger.balances.filter((b) => !/^-?0(\.0+)?$/.test(b.balance)).map((b) => [`${b.account} ${b.asset}`, b.balance]));
    expect(ours.size).toBeGreaterThan(10);
    expect(Object.fromEntries(theirs)).toEqual(Object.fromEntries(ours));
  });

  it('is accepted by ledger-cli, which totals it to zero', () => {
    const out = execFileSync('ledger', ['-f', journal, 'bal', '--flat'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(out.trim().split('\n').at(-1)!.trim()).toBe('0');
  });

  it("keeps the simulator's own flows in their namespace, which both tools read as a plain tag", () => {
    const text = readFileSync(journal, 'utf8');
    expect(text).toMatch(/^2024-09-02 \* funding sim\/setup - /m);
    expect(text).not.toMatch(/^\S+ \* funding setup /m);
    const rows = execFileSync('hledger', ['-f', journal, 'reg', 'tag:flow=^sim/setup$', '-O', 'csv'], { encoding: 'utf8' });
    const fundings = text.match(/^\S+ \* funding sim\/setup /gm)!.length;
    expect(fundings).toBeGreaterThan(2);
    // One row per posting, two postings per funding entry.
    expect(rows.trim().split('\n').length - 1).toBe(2 * fundings);
  });

  it('keeps each entry findable by its flow tag', () => {
    const text = readFileSync(journal, 'utf8');
    expect(text).toMatch(/^2024-09-02 \* hold\.pending first-order/m);
    const rows = execFileSync('hledger', ['-f', journal, 'reg', 'tag:flow=first-order', '-O', 'csv'], { encoding: 'utf8' });
    // hold, post, fill, submit, fee, confirm, payout: seven entries, at least two postings each.
    expect(rows.trim().split('\n').length - 1).toBeGreaterThanOrEqual(14);
  });
});
