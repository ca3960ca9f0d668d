// Every kind of bad input from issue 2, given to the real command: exit 2, a message on stderr
// naming the file, the line (YAML), the field path and what was expected, no stack trace, and
// nothing written, neither the output folder nor a `*.tmp-*` sibling.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_CASES, TINY_YAML, type BadCase } from '../scenario/fixtures.js';
import { expectBadInput, expectNothingWritten, literal, railpilot, tempDir, writeFixture, type CliResult } from './helpers.js';

let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('bad');
});
afterAll(() => root.cleanup());

/** A fresh folder holding only `files`, for one test. */
function folderWith(name: string, files: Record<string, string>): string {
  const dir = join(root.dir, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFixture(dir, file, text);
  return dir;
}

function expectMessage(r: CliResult, file: string, c: BadCase): void {
  expect(r.stderr).toContain(file);
  if (c.path) expect(r.stderr).toContain(`${c.path}: `);
  expect(r.stderr).toMatch(c.says);
  if (c.line !== undefined) {
    // YAML messages point at the line: file:line:col: path: message
    expect(r.stderr).toMatch(new RegExp(`^${literal(file)}:${c.line}:\\d+: ${c.path ? literal(c.path) + ': ' : ''}`, 'm'));
  }
}

describe('bad scenario given to `run --out`', () => {
  for (const c of BAD_CASES) {
    it(c.name, () => {
      const file = `${c.name}${c.ext}`;
      const dir = folderWith(`run-${c.name}`, { [file]: c.text });
      const before = readdirSync(dir);
      const r = railpilot(['run', file, '--out', 'results/run', '--seed', '3'], { cwd: dir });
      expectBadInput(r);
      expectMessage(r, file, c);
      expectNothingWritten(dir, before);
    });
  }
});

describe('bad scenario given to `check`', () => {
  for (const c of BAD_CASES) {
    it(c.name, () => {
      const file = `${c.name}${c.ext}`;
      const dir = folderWith(`check-${c.name}`, { [file]: c.text });
      const before = readdirSync(dir);
      const r = railpilot(['check', file], { cwd: dir });
      expectBadInput(r);
      expectMessage(r, file, c);
      expectNothingWritten(dir, before);
    });
  }
});

describe('other bad input', () => {
  it('a missing scenario file: exit 2, names the file, writes nothing', () => {
    const dir = folderWith('missing', {});
    const r = railpilot(['run', 'nope.yaml', '--out', 'results/run'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/^nope\.yaml: cannot read: no such file$/m);
    expectNothingWritten(dir, []);
  });

  it('a missing scenario file given to check', () => {
    const dir = folderWith('missing-check', {});
    const r = railpilot(['check', 'nope.yaml'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read: no such file/);
  });

  it('a folder where a scenario file is expected', () => {
    const dir = folderWith('folder-arg', {});
    mkdirSync(join(dir, 'scen.yaml'));
    const r = railpilot(['run', 'scen.yaml', '--out', 'results/run'], { cwd: dir });
    expectBadInput(r);
    expect(r.stderr).toMatch(/scen\.yaml: cannot read: is a folder/);
    expectNothingWritten(dir, ['scen.yaml']);
  });

  // The seed is an argument, not a field of the file: the message names the option instead.
  for (const seed of ['1.5', 'abc', '-1', '4294967296', '1e3']) {
    it(`a --seed that is not a whole number in range: ${seed}`, () => {
      const dir = folderWith(`seed-${seed}`, { 'tiny.yaml': TINY_YAML });
      const r = railpilot(['run', 'tiny.yaml', '--out', 'results/run', '--seed', seed], { cwd: dir });
      expectBadInput(r);
      expect(r.stderr).toContain('--seed');
      expect(r.stderr).toContain(`'${seed}'`);
      expect(r.stderr).toMatch(/expected a whole number from 0 to 4294967295/);
      expectNothingWritten(dir, ['tiny.yaml']);
    });
  }

  it('a bad scenario leaves an existing output folder as it was', () => {
    const dir = folderWith('keep-existing', { 'bad.yaml': BAD_CASES.find((c) => c.name === 'zero-amount')!.text });
    mkdirSync(join(dir, 'results'));
    writeFileSync(join(dir, 'results', 'report.md'), 'from an earlier run\n');
    const r = railpilot(['run', 'bad.yaml', '--out', 'results'], { cwd: dir });
    expectBadInput(r);
    expect(readdirSync(join(dir, 'results'))).toEqual(['report.md']);
    expect(readFileSync(join(dir, 'results', 'report.md'), 'utf8')).toBe('from an earlier run\n');
    expectNothingWritten(dir, ['bad.yaml', 'results']);
  });
});
