// The bad-input corpus (tests/fixtures/bad/, one defect per file) through the real command: each
// is exit 2 with a message naming the file and the defect, no stack trace, nothing on stdout, and
// nothing written: no output folder, no .tmp- folder, no lock. Script cases are stored as
// `*.txt` so that neither tsc nor eslint reads them; they are copied to their real names here.
// Inputs too large or too strange to keep as files (a 17 MiB file, a device, a pipe, a folder)
// are made on the spot.

import { copyFileSync, mkdirSync, openSync, closeSync, ftruncateSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, expectBadInput, expectNothingWritten, literal, railpilot, railpilotAsync, tempDir } from './helpers.js';
import { TINY_YAML, tinyJson } from '../scenario/fixtures.js';

const CORPUS = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

/** What the message about each file must say (besides naming the file). */
const EXPECTED: Record<string, string> = {
  "unclosed-quote.yaml": "not valid YAML",
  "tab-indent.yaml": "not valid YAML",
  "duplicate-key.yaml": "not valid YAML",
  "alias-bomb.yaml": "aliases expand to more than",
  "top-level-list.yaml": "expected a mapping of scenario fields at the top, got a list",
  "top-level-scalar.yaml": "expected a mapping of scenario fields at the top",
  "empty.yaml": "the file is empty",
  "only-comments.yaml": "expected a mapping of scenario fields",
  "unknown-field.yaml": "unknown field \"colour\"",
  "missing-name.yaml": "name: missing",
  "name-uppercase.yaml": "name: expected an id",
  "seed-negative.yaml": "seed:",
  "seed-float.yaml": "seed:",
  "seed-too-big.yaml": "seed:",
  "seed-infinity.yaml": "Infinity",
  "seed-nan.yaml": "NaN",
  "start-not-a-date.yaml": "start: expected an ISO 8601 date-time",
  "start-no-zone.yaml": "start: expected an ISO 8601 date-time",
  "start-feb-30.yaml": "start: expected an ISO 8601 date-time",
  "amount-number.yaml": "payments[0].amount",
  "amount-negative.yaml": "payments[0].amount",
  "amount-no-currency.yaml": "payments[0].amount",
  "amount-too-precise.yaml": "payments[0].amount",
  "amount-unknown-currency.yaml": "payments[0].amount",
  "amount-zero.yaml": "payments[1].amount",
  "span-typo-year.yaml": "more than --max-span allows",
  "order-in-2224.yaml": "more than --max-span allows",
  "duration-beyond-dates.yaml": "longer than any date can reach",
  "duration-400-digits.yaml": "(402 characters)",
  "duration-years.yaml": "payments[2].generate.over: expected an ISO 8601 duration",
  "duration-garbage.yaml": "payments[2].generate.over: expected an ISO 8601 duration",
  "count-zero.yaml": "payments[2].generate.count",
  "count-over-schema.yaml": "payments[2].generate.count",
  "too-many-payments.yaml": "more than --max-payments allows",
  "price-rounds-to-zero.yaml": "the amounts it produces round to zero",
  "price-too-large.yaml": "the amounts it produces round to zero",
  "price-infinity.yaml": "Infinity",
  "price-negative.yaml": "markets.USDT/RUB.mid",
  "spread-negative.yaml": "markets.USDT/RUB.spreadBps",
  "market-key-malformed.yaml": "markets.USDT-RUB",
  "unknown-payer.yaml": "payments[0].from",
  "unknown-chain.yaml": "payments[0].via",
  "block-time-zero.yaml": "chains.tron.blockTime",
  "confirmations-negative.yaml": "chains.tron.confirmations",
  "fee-number.yaml": "chains.tron.fee",
  "participant-kind.yaml": "participants[1].kind",
  "country-lowercase.yaml": "participants[1].country",
  "duplicate-participant.yaml": "participants",
  "payment-before-start.yaml": "must not be before the scenario start",
  "description-empty.yaml": "description",
  "long-value-excerpt.yaml": "name: expected an id",
  "long-unknown-key.json": "(3000 characters)",
  "payments-not-a-list.yaml": "payments",
  "no-payments.yaml": "a scenario needs payments or orders to run",
  "wrong-extension.txt": "expected a .yaml, .yml or .json file",
  "no-extension": "no extension",
  "bom-then-unknown-field.yaml": "unknown field \"colour\"",
  "not-utf8.yaml": "is not UTF-8 text",
  "json-trailing-comma.json": "not valid JSON",
  "json-infinity.json": "Infinity is not a JSON number",
  "json-nan.json": "NaN is not a JSON number",
  "json-duplicate-key.json": "a field appears twice",
  "json-single-quotes.json": "expected a field name in double quotes",
  "json-comment.json": "not valid JSON",
  "json-truncated.json": "not valid JSON",
  "json-bom-unknown-field.json": "unknown field \"colour\"",
  "json-top-level-array.json": "expected a mapping of scenario fields at the top, got a list",
  "json-leading-zero.json": "not valid JSON",
  "json-seed-string.json": "seed",
  "json-huge-number.json": "Infinity",
  "json-control-char.json": "control character",
  "json-empty.json": "the file is empty",
  "throw-null.scenario.ts.txt": "the script threw null",
  "throw-string.scenario.ts.txt": "the script threw a string: no scenario today",
  "throw-error.scenario.ts.txt": ":2:",
  "rejected-promise.scenario.ts.txt": "rejected on purpose",
  "process-exit.scenario.ts.txt": "must not call process.exit",
  "process-chdir.scenario.ts.txt": "must not call process.chdir",
  "throwing-getter.scenario.ts.txt": "getter says no",
  "syntax-error.scenario.ts.txt": "cannot load the script",
  "type-error.scenario.ts.txt": ":3:",
  "no-default-export.scenario.ts.txt": "expected a default export",
  "default-not-object.scenario.js.txt": "expected a mapping of scenario fields",
  "bigint-export.scenario.js.txt": "BigInt",
  "endless-loop.scenario.js.txt": "did not finish within",
};

const root = tempDir('bad-corpus');
afterAll(() => root.cleanup());

describe('the bad-input corpus', () => {
  it('holds at least 60 inputs, each with what its message must say', () => {
    const files = readdirSync(CORPUS).sort();
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.concurrent('each input through `railpilot run`', () => {
    for (const [fixture, says] of Object.entries(EXPECTED)) {
      it(fixture, async () => {
        const name = fixture.replace(/\.txt$/, '');
        const dir = join(root.dir, name.replace(/\W/g, '-'));
        mkdirSync(dir);
        copyFileSync(join(CORPUS, fixture), join(dir, name));
        // The endless loop is cut off after two seconds rather than the default 30 s.
        const env: Record<string, string> = fixture.startsWith('endless-') ? { RAILPILOT_SCRIPT_TIMEOUT_MS: '2000' } : {};
        const r = await railpilotAsync(['run', name, '--out', 'out'], { cwd: dir, env });
        expectBadInput(r);
        expect(r.stderr).toMatch(new RegExp(`^${literal(name)}[:\\s]`, 'm'));
        expect(r.stderr).toContain(says);
        // A message quotes at most a short excerpt of a value, however long the value.
        for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(400);
        expectNothingWritten(dir, [name]);
      });
    }
  });
});

describe('files that are not scenario files, refused before they are read', () => {
  const check = (path: string, says: string, cwd = root.dir) => {
    const r = railpilot(['check', path], { cwd });
    expectBadInput(r);
    expect(r.stderr).toContain(`${path}: cannot read: ${says}`);
  };

  it('a device: /dev/zero is refused at once, not read until memory runs out', () => {
    check('/dev/zero', 'is not a regular file');
  });

  it('a named pipe with no writer: refused, not waited on', () => {
    const fifo = join(root.dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    check(fifo, 'is not a regular file');
  });

  it('a folder', () => {
    const folder = join(root.dir, 'folder.yaml');
    mkdirSync(folder);
    check(folder, 'is a folder, not a file');
  });

  it('a file over the 16 MiB ceiling is refused by its size, unread', () => {
    const big = join(root.dir, 'big.yaml');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 17 * 1024 * 1024); // sparse: no disk used, no time spent writing
    closeSync(fd);
    check(big, 'is 17,825,792 bytes, more than the 16,777,216 a scenario file may have');
  });
});

describe('what must stay accepted', () => {
  it('a file that reuses one anchor 150 times is valid: only expansions beyond a thousand copies are refused', () => {
    const dir = join(root.dir, 'anchors');
    mkdirSync(dir);
    const reuse = Array.from({ length: 150 }, (_, i) => `  - {from: importer-msk, to: supplier-sz, amount: *amount, at: 2024-09-02T10:${String(i % 60).padStart(2, '0')}:00Z}`).join('\n');
    const text = TINY_YAML.replace('amount: "5000.00 CNY"', 'amount: &amount "5000.00 CNY"') + reuse + '\n';
    writeFileSync(join(dir, 'anchors.yaml'), text);
    const r = railpilot(['check', 'anchors.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('155 payments and orders');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a JSON file that begins with a byte-order mark', () => {
    const dir = join(root.dir, 'bom');
    mkdirSync(dir);
    writeFileSync(join(dir, 'bom.json'), '\ufeff' + tinyJson());
    const r = railpilot(['check', 'bom.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('bom.json: valid scenario');
  });

  it('--max-span and --max-payments raise the ceilings', () => {
    const dir = join(root.dir, 'limits');
    mkdirSync(dir);
    copyFileSync(join(CORPUS, 'span-typo-year.yaml'), join(dir, 'long.yaml'));
    expect(railpilot(['check', 'long.yaml', '--max-span', 'P200Y'], { cwd: dir }).code).toBe(0);
    const low = railpilot(['check', 'long.yaml', '--max-payments', '2'], { cwd: dir });
    expectBadInput(low);
    expect(low.stderr).toContain('5 payments and orders in all, more than --max-payments allows (2)');
  });
});
