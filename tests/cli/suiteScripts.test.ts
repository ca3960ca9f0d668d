// `suite` over a folder loads only scenario files: YAML, JSON and scripts named *.scenario.ts or
// *.scenario.js. Any other .js there (a helper, a build artefact) is never executed; a folder of
// only such files is bad input, never an empty successful suite; a failing script stops the suite.

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBadInput, railpilot, tempDir } from './helpers.js';
import { TINY_YAML } from '../scenario/fixtures.js';

const root = tempDir('suite-scripts');
afterAll(() => root.cleanup());

/** A script that leaves a mark if it is ever executed. */
const MARKER = "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./EXECUTED', import.meta.url), 'yes');\nexport default {};\n";

describe('--help says a script scenario is executed', () => {
  it.each(['check', 'run', 'suite'])('%s --help', (command) => {
    const r = railpilot([command, '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/\.ts\b|TypeScript/);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/executed/);
  });
});

describe('suite over a folder', () => {
  it('runs the YAML file and ignores a plain .js beside it, which is never executed', () => {
    const dir = join(root.dir, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.yaml'), TINY_YAML);
    writeFileSync(join(dir, 'helper.js'), MARKER);
    writeFileSync(join(dir, 'helper.ts'), MARKER);
    const r = railpilot(['suite', dir, '--out', join(root.dir, 'mixed-out'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 scenarios run');
    expect(readdirSync(dir)).not.toContain('EXECUTED');
  });

  it('a folder holding only other scripts is bad input, not an empty successful suite', () => {
    const dir = join(root.dir, 'only-js');
    mkdirSync(dir);
    writeFileSync(join(dir, 'helper.js'), MARKER);
    const r = railpilot(['suite', dir, '--out', join(root.dir, 'only-js-out')]);
    expectBadInput(r);
    expect(r.stderr).toContain('no scenario files (.yaml, .yml, .json, *.scenario.ts, *.scenario.js)');
    expect(readdirSync(dir)).not.toContain('EXECUTED');
  });

  it('a *.scenario.js that throws stops the suite with its message, and nothing is run', () => {
    const dir = join(root.dir, 'throws');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.yaml'), TINY_YAML);
    writeFileSync(join(dir, 'bad.scenario.js'), "\nthrow new Error('not today');\n");
    const out = join(root.dir, 'throws-out');
    const r = railpilot(['suite', dir, '--out', out]);
    expectBadInput(r);
    expect(r.stderr).toContain(`${join(dir, 'bad.scenario.js')}:2:7: cannot load the script: not today`);
    expect(readdirSync(root.dir)).not.toContain('throws-out');
  });
});
