// The tutorial's outputs are produced here, not pasted by hand: every ```console block in
// docs/tutorial.md is a command and the output it must print. Run with RAILPILOT_UPDATE_DOCS=1
// to write the current outputs into the tutorial instead (then read the diff, and put back by hand
// the wall-clock timings, "in 8.1 s", which the comparison ignores).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

// The screenshots come from `npm run docs:screenshots` (scripts/screenshots.ts) and are never
// compared pixel by pixel: what a reader relies on is that every picture the tutorial shows is
// there, is a PNG, and was taken at the width the report is designed for.
describe('the images docs/tutorial.md links', () => {
  const text = readFileSync(FILE, 'utf8');
  const images = [...text.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map(([, alt, src]) => ({ alt: alt!, src: src! }));

  it('are some, each with a description', () => {
    expect(images.length).toBeGreaterThanOrEqual(5);
    for (const { alt, src } of images) expect(alt.trim().length, src).toBeGreaterThan(10);
  });

  for (const { src } of images) {
    it(`${src} exists, a PNG 1280 px wide (run npm run docs:screenshots to make it)`, () => {
      const file = join(dirname(FILE), src);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is not a PNG`).toBe(true);
      expect(png.readUInt32BE(16), `${file}: width`).toBe(1280); // IHDR: the width follows the chunk's length and type
    });
  }
});
