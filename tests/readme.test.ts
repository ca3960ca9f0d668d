// The README's scenario example is a valid scenario: the documentation cannot drift from the schema.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/scenario/load.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { railpilot } from './cli/helpers.js';

describe('README', () => {
  it('shows a scenario that validates', () => {
    const readme = readFileSync('README.md', 'utf8');
    const yaml = /## A scenario\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const r = parseScenario('README-example.yaml', yaml!);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('names the two quick-start commands the package defines', () => {
    const readme = readFileSync('README.md', 'utf8');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toContain('suite scenarios');
    expect(pkg.scripts.test).toContain('vitest run');
  });

  it('shows the summary table that npm start prints today', () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /`npm start` prints one table per kind of flow[\s\S]*?:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    const out = mkdtempSync(join(tmpdir(), 'railpilot-readme-'));
    try {
      const r = railpilot(['suite', 'scenarios', '--out', out, '-q']);
      expect(r.code, r.stderr).toBe(0);
      const table = r.stdout.slice(0, r.stdout.search(/\n\n\d+ scenarios run in/)) + '\n';
      expect(shown, 'update the README table from the output of npm start').toBe(table);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('states the exit codes the CLI uses, as DESIGN.md gives them', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const { EXIT } = await import('../src/cli/errors.js');
    expect(EXIT).toEqual({ ok: 0, invariant: 1, badInput: 2, internal: 3 });
    expect(readme).toContain('0 success; 1 an invariant failed');
    expect(readme).toContain('2 bad input (a scenario, an');
    expect(readme).toContain('3 internal error (a bug: please report it)');
  });
});
