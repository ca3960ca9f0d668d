// Scenario scripts: a TypeScript module whose default export is defineScenario({...}) runs and
// checks like a YAML file, and a wrong one is bad input like a wrong YAML file.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectBadInput, railpilot, tempDir } from './helpers.js';

describe('scenario scripts', () => {
  const root = tempDir('railpilot-script-');
  afterAll(() => root.cleanup());
  let n = 0;
  const scenarioFolder = () => {
    const dir = join(root.dir, `case-${++n}`);
    mkdirSync(dir);
    return dir;
  };

  it('runs the shipped TypeScript example and writes the usual outputs', () => {
    const dir = scenarioFolder();
    const r = railpilot(['run', join(process.cwd(), 'examples/computed-trade-book.scenario.ts'), '--out', 'run', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'run'))).toContain('outcomes.jsonl');
    const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8')) as { payments: { total: number; byStatus: { settled: number } } };
    expect(report.payments.total).toBe(20);
    expect(report.payments.byStatus.settled).toBe(20);
  });

  it('validates a script like a file: a float amount is bad input naming the field', () => {
    const dir = scenarioFolder();
    const example = readFileSync('examples/computed-trade-book.scenario.ts', 'utf8').replace("fee: '2.00 USDT'", 'fee: 2');
    writeFileSync(join(dir, 'bad.ts'), example.replace("from 'railpilot'", `from '${join(process.cwd(), 'dist/src/index.js')}'`));
    const r = railpilot(['check', 'bad.ts'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toContain('bad.ts: chains.tron.fee: expected an amount as a string');
  });

  it('refuses a module without a default export, and one that does not compile, as bad input', () => {
    const dir = scenarioFolder();
    writeFileSync(join(dir, 'none.ts'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'broken.ts'), 'export default {{{;\n');
    const none = railpilot(['check', 'none.ts'], { cwd: dir });
    expectBadInput(none);
    expect(none.stderr).toContain('expected a default export');
    const broken = railpilot(['run', 'broken.ts', '--out', 'out'], { cwd: dir });
    expectBadInput(broken);
    expect(broken.stderr).toContain('broken.ts:1:16: cannot load the script: Expected identifier but found');
    expect(readdirSync(dir)).not.toContain('out');
  });
});
