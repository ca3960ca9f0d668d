import { afterAll, describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from '../../src/cli/fileSink.js';

const dir = mkdtempSync(join(tmpdir(), 'railpilot-filesink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `out-${++n}.jsonl`);

describe('FileSink', () => {
  it('creates the file at once and writes everything, in order, by close', () => {
    const path = fresh();
    const sink = new FileSink(path);
    expect(sink.path).toBe(path);
    expect(existsSync(path)).toBe(true);
    const lines = Array.from({ length: 1_000 }, (_, i) => `{"i":${i},"s":"кириллица €"}\n`);
    for (const l of lines) sink.write(l);
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe(lines.join(''));
  });

  it('holds small writes in memory until flushed', () => {
    const path = fresh();
    const sink = new FileSink(path, 1_000);
    sink.write('a\n');
    sink.write('b\n');
    expect(readFileSync(path, 'utf8')).toBe('');
    sink.flush();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    sink.flush();
    sink.write('c\n');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\n');
  });

  it('writes through once the buffer reaches its limit, keeping memory flat', () => {
    const path = fresh();
    const sink = new FileSink(path, 10);
    sink.write('12345');
    expect(readFileSync(path, 'utf8')).toBe('');
    sink.write('67890');
    expect(readFileSync(path, 'utf8')).toBe('1234567890');
    sink.write('x');
    expect(readFileSync(path, 'utf8')).toBe('1234567890');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('1234567890x');
  });

  it('counts its limit in characters whatever their bytes, and sends a text too long to hold after what it held', () => {
    const path = fresh();
    const sink = new FileSink(path, 4);
    sink.write('ééé');
    expect(readFileSync(path, 'utf8')).toBe('');
    sink.write('€');
    expect(readFileSync(path, 'utf8')).toBe('ééé€');
    sink.write('a');
    sink.write('😀 кириллица');
    expect(readFileSync(path, 'utf8')).toBe('ééé€a😀 кириллица');
    sink.write('b');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('ééé€a😀 кириллицаb');
  });

  it('replaces what an earlier run left in the file', () => {
    const path = fresh();
    writeFileSync(path, 'stale output from another run\n');
    const sink = new FileSink(path);
    sink.write('new\n');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('new\n');
  });

  it('refuses a path it cannot open', () => {
    expect(() => new FileSink(join(dir, 'no-such-folder', 'x.jsonl'))).toThrow(/ENOENT/);
  });
});
