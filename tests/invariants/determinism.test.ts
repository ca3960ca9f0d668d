// The determinism predicate compares outputs as chunk streams: wherever the chunks split, the
// first differing byte is found, and identical outputs pass.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { determinism, firstDifference } from '../../src/invariants/index.js';

/** `bytes` cut at the given points into chunks. */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((x, y) => x - y);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

describe('firstDifference', () => {
  it('finds the first differing byte however the two streams are chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.array(fc.nat()), fc.array(fc.nat()), (bytes, pos, value, cutsA, cutsB) => {
        const other = Uint8Array.from(bytes);
        const i = bytes.length === 0 ? -1 : pos % bytes.length;
        if (i >= 0) other[i] = value;
        const expected = i >= 0 && bytes[i] !== value ? i : -1;
        expect(firstDifference(cut(bytes, cutsA), cut(other, cutsB))).toBe(expected);
      }),
    );
  });

  it('reports where one stream ends before the other', () => {
    expect(firstDifference([Uint8Array.of(1, 2, 3)], [Uint8Array.of(1, 2), Uint8Array.of(3, 4)])).toBe(3);
  });
});

describe('determinism', () => {
  const run = (text: string) => (f: string) => (f === 'ledger.jsonl' ? [new TextEncoder().encode(text)] : undefined);
  it('passes identical outputs and names the file and byte of a difference', () => {
    expect(determinism(['ledger.jsonl', 'trace.jsonl'], run('abc'), run('abc'))).toEqual({ name: 'determinism', ok: true, checked: 1 });
    expect(determinism(['ledger.jsonl'], run('abc'), run('abd')).detail).toBe('ledger.jsonl differs at byte 2');
    expect(determinism(['trace.jsonl'], run('abc'), run('abc')).ok).toBe(false);
  });
});
