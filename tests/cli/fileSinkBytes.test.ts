// FileSink now encodes each line into one reused byte buffer (at most 3 bytes a UTF-16 unit)
// instead of joining the held lines per flush. Whatever the limit, the flushes asked for and the
// letters (Cyrillic, Chinese, emoji as surrogate pairs, a lone surrogate inside a line), the file
// must hold the UTF-8 of the lines in order, as the joined text gave it: lines that cross the
// buffer's limit, lines longer than the whole buffer, lines that fill it to the byte. The sha256
// the sink gives on closing (the manifest's, not read back) is the file's.

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from '../../src/cli/fileSink.js';

const dir = mkdtempSync(join(tmpdir(), 'railpilot-filesink-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const letter = fc.constantFrom('a', '"', 'é', 'Ж', 'щ', '付', '款', '€', '😀', '𐀀', '\ud800', '\udfff', '{"memo":"', ' ');
/** A line as the run's writers make them: any text, ended by a new line. */
const line = fc.string({ unit: letter, maxLength: 40 }).map((s) => `${s}\n`);
const step = fc.oneof({ weight: 12, arbitrary: line.map((l) => ({ write: l })) }, { weight: 1, arbitrary: fc.constant({ flush: true as const }) });
type Step = { write: string } | { line: string } | { flush: true };

/** Gives `steps` to a sink of `limit` and checks the file holds the UTF-8 of what was written, in order. */
function writesInOrder(limit: number, steps: readonly Step[]): void {
  const path = join(dir, `out-${++n}`);
  const sink = new FileSink(path, limit);
  const written: string[] = [];
  for (const s of steps) {
    if ('flush' in s) sink.flush();
    else if ('line' in s) {
      sink.line(s.line);
      written.push(`${s.line}\n`);
    } else {
      sink.write(s.write);
      written.push(s.write);
    }
  }
  const sha256 = sink.close();
  const bytes = readFileSync(path);
  expect(bytes.equals(Buffer.from(written.join(''), 'utf8'))).toBe(true);
  // The manifest takes the sink's hash of what it wrote instead of reading the file back.
  expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
}

describe('FileSink bytes', () => {
  it('writes the UTF-8 of the lines in order, whatever the limit and the flushes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(step, { maxLength: 80 }), writesInOrder),
      { numRuns: 3_000 },
    );
  });

  it('a run-sized stream of multi-byte lines crossing the default 64 Ki limit many times', () => {
    const path = join(dir, `out-${++n}`);
    const sink = new FileSink(path);
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Lengths vary so the limit falls at every offset within a line; one line is past the whole buffer.
      const l = i === 7_777 ? `${'付'.repeat(70_000)}\n` : `{"i":${i},"memo":"${'Платёж 付款 😀'.repeat(i % 13)}"}\n`;
      lines.push(l);
      sink.write(l);
    }
    sink.close();
    expect(readFileSync(path).equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
  });

  it('line(text) writes the bytes of text and a new line, mixed with write and flushes, at any limit', () => {
    const bare = fc.string({ unit: letter, maxLength: 40 });
    const anyStep = fc.oneof({ weight: 6, arbitrary: line.map((l) => ({ write: l })) }, { weight: 6, arbitrary: bare.map((l) => ({ line: l })) }, { weight: 1, arbitrary: fc.constant({ flush: true as const }) });
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.array(anyStep, { maxLength: 80 }), writesInOrder), { numRuns: 3_000 });
  });

  it('a line that fills the buffer to its last byte, and one a byte past it', () => {
    for (const extra of [0, 1]) {
      const path = join(dir, `out-${++n}`);
      const sink = new FileSink(path, 8);
      // 8 units at 3 bytes: 24 bytes; 7 units of 3 bytes and the new line leave `extra` short.
      const l = 'Ж'.repeat(7) + 'a'.repeat(extra);
      sink.line('ab');
      sink.line(l);
      sink.close();
      expect(readFileSync(path, 'utf8')).toBe(`ab\n${l}\n`);
    }
  });
});

