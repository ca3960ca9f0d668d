// `railpilot check`: says a good file is valid (YAML and JSON alike) and writes nothing. Bad files
// are in badInput.test.ts.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_NAME, TINY_PAYMENTS, TINY_YAML, edit, tinyJson } from '../scenario/fixtures.js';
import { expectNothingWritten, railpilot, tempDir } from './helpers.js';

let root: { dir: string; cleanup(): void };
beforeAll(() => {
  root = tempDir('check');
  writeFileSync(join(root.dir, 'tiny.yaml'), TINY_YAML);
  writeFileSync(join(root.dir, 'tiny.json'), tinyJson());
});
afterAll(() => root.cleanup());

describe('railpilot check', () => {
  for (const file of ['tiny.yaml', 'tiny.json']) {
    it(`says ${file} is valid, exits 0 and writes nothing`, () => {
      const before = readdirSync(root.dir);
      const r = railpilot(['check', file], { cwd: root.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe(`${file}: valid scenario "${TINY_NAME}": 3 participants, ${TINY_PAYMENTS} payments and orders, seed 7`);
      expectNothingWritten(root.dir, before);
    });
  }

  it('says the shipped scenario is valid', () => {
    const r = railpilot(['check', 'scenarios/importer-pays-china-usdt.yaml'], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid scenario "importer-pays-china-usdt"/);
  });

  it('reports all problems of a file at once', () => {
    const text = edit(edit(TINY_YAML, 'seed: 7\n', 'seed: 7\ncolour: red\n'), '"5000.00 CNY"', '"0 CNY"');
    writeFileSync(join(root.dir, 'two.yaml'), text);
    const r = railpilot(['check', 'two.yaml'], { cwd: root.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^two\.yaml:\d+:\d+: colour: unknown field "colour"$/m);
    expect(r.stderr).toMatch(/^two\.yaml:\d+:\d+: payments\[1\]\.amount: expected an amount greater than zero/m);
  });

  it('suggests the nearest known field for a misspelt one, and exits 2', () => {
    writeFileSync(join(root.dir, 'typo.yaml'), edit(TINY_YAML, 'spreadBps: 50', 'spredBps: 50'));
    const r = railpilot(['check', 'typo.yaml'], { cwd: root.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^typo\.yaml:\d+:\d+: markets\.USDT\/RUB\.spredBps: unknown field "spredBps"; did you mean spreadBps\?$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
