// The tutorial's outputs are produced here, not pasted by hand: every ```console block in
// docs/tutorial.md is a command and the output it must print. Run with RAILPILOT_UPDATE_DOCS=1
// to write the current outputs into the tutorial instead (then read the diff).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../cli/helpers.js';

const FILE = 'docs/tutorial.md';
const BLOCK = /```console\n\$ (.+)\n([\s\S]*?)```/g;
const update = process.env.RAILPILOT_UPDATE_DOCS === '1';
const has = (cmd: string) => spawnSync(cmd, ['--version']).status === 0;

/** Wall-clock timings are the one thing that changes between runs. */
const steady = (s: string) => s.replace(/\b\d+\.\d s\b/g, '<t> s');

function run(command: string, cwd: string): string {
  const [head, ...args] = command.split(/\s+/);
  const [exe, argv] = head === 'npx' && args[0] === 'railpilot' ? [process.execPath, [BIN, ...args.slice(1)]] : [head!, args];
  const r = spawnSync(exe, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return r.stdout + r.stderr + (r.status === 0 ? '' : `[exit ${r.status}]\n`);
}

describe('docs/tutorial.md', () => {
  const text = readFileSync(FILE, 'utf8');
  const blocks = [...text.matchAll(BLOCK)];
  // A fresh folder with the shipped scenarios, so the tutorial's out/ never touches the repo.
  const cwd = mkdtempSync(join(tmpdir(), 'railpilot-tutorial-'));
  cpSync('scenarios', join(cwd, 'scenarios'), { recursive: true });
  cpSync('docs/examples', join(cwd, 'docs/examples'), { recursive: true });

  it('has commands to show', () => expect(blocks.length).toBeGreaterThanOrEqual(5));

  if (update) {
    it('is rewritten with the current outputs', () => {
      let next = text;
      for (const [whole, command] of blocks) next = next.replace(whole, `\`\`\`console\n$ ${command}\n${run(command!, cwd)}\`\`\``);
      writeFileSync(FILE, next);
      rmSync(cwd, { recursive: true, force: true });
    });
    return;
  }

  // Blocks run in order: later commands read what earlier ones wrote (out/...).
  for (const [i, [, command, expected]] of blocks.entries()) {
    const needs = command!.split(/\s+/)[0]!;
    const skip = needs !== 'npx' && !has(needs) && process.env.CI !== 'true';
    it.skipIf(skip)(`block ${i + 1}: $ ${command}`, () => {
      expect(steady(run(command!, cwd))).toBe(steady(expected!));
    });
  }
  it('cleans up', () => rmSync(cwd, { recursive: true, force: true }));
});
