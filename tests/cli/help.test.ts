// `--help` on every command, the version, bad arguments (exit 2), and `schema`.

import { describe, expect, it } from 'vitest';
import { expectBadInput, railpilot } from './helpers.js';

describe('--help on every command', () => {
  for (const command of ['', 'run', 'suite', 'check', 'schema']) {
    const args = command ? [command, '--help'] : ['--help'];
    it(`railpilot ${args.join(' ')} prints usage and exits 0`, () => {
      const r = railpilot(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Usage: railpilot${command ? ' ' + command : ''} `));
    });
  }

  it('the top-level help lists every command', () => {
    const r = railpilot(['--help']);
    for (const command of ['run', 'suite', 'check', 'schema']) expect(r.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('run --help documents --seed, --out and the output files', () => {
    const { stdout } = railpilot(['run', '--help']);
    expect(stdout).toContain('--seed <n>');
    expect(stdout).toContain('--out <dir>');
    for (const f of ['ledger.jsonl', 'journal.ledger', 'trace.jsonl', 'report.json', 'report.md', 'report.html']) expect(stdout).toContain(f);
  });

  it('every command\'s help states the exit codes of DESIGN.md', () => {
    for (const command of ['', 'run', 'suite', 'check', 'verify', 'explain']) {
      const { stdout } = railpilot(command ? [command, '--help'] : ['--help']);
      expect(stdout, command).toContain('Exit codes: 0 success; 1 an invariant failed');
      expect(stdout, command).toContain('2 bad input');
      expect(stdout, command).toContain('3 internal error');
    }
  });

  it('-h and `help <command>` work too', () => {
    expect(railpilot(['check', '-h'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: railpilot check /) as unknown });
    expect(railpilot(['help', 'suite'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: railpilot suite /) as unknown });
  });

  it('--version prints the version and exits 0', () => {
    const r = railpilot(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('bad arguments exit 2 with a message and no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', ['check', 'x.yaml', '--bogus'], /unknown option '--bogus'/],
    ['a missing scenario file argument', ['run'], /missing required argument 'scenario-file'/],
    ['--seed without a value', ['run', 'x.yaml', '--seed'], /--seed <n>' argument missing/],
    ['an extra argument', ['check', 'a.yaml', 'b.yaml'], /too many arguments/],
    ['no command at all (usage on stderr)', [], /^Usage: railpilot /],
  ];
  for (const [what, args, says] of cases) {
    it(what, () => {
      const r = railpilot(args);
      expectBadInput(r);
      expect(r.stderr).toMatch(says);
    });
  }
});

describe('railpilot schema', () => {
  it('prints the scenario format as JSON Schema with a $schema key', () => {
    const r = railpilot(['schema']);
    expect(r.code, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema?: unknown; type?: unknown; properties?: Record<string, unknown>; required?: unknown };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'seed', 'start', 'markets', 'chains', 'participants', 'payments', 'orders', 'regime', 'fx', 'populations']),
    );
    // Payments and orders are each optional (a scenario has one or the other, or both).
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'seed', 'start', 'markets', 'participants']));
    expect(schema.required).not.toContain('payments');
  });
});
