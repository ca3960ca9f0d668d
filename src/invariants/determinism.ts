// Invariant 10, determinism: two runs of the same scenario and seed produce byte-identical
// outputs. Files are compared as streams of chunks, so runs of any size can be checked without
// holding them in memory, and in-memory outputs are just one chunk each.

import type { Verdict } from './records.js';

/** The first byte at which two chunk streams differ, or -1 when they are identical. */
export function firstDifference(a: Iterable<Uint8Array>, b: Iterable<Uint8Array>): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let ca: Uint8Array = new Uint8Array(0);
  let cb: Uint8Array = new Uint8Array(0);
  let pa = 0;
  let pb = 0;
  for (let offset = 0; ; offset++) {
    while (pa === ca.length) {
      const next = ia.next();
      if (next.done) break;
      ca = next.value;
      pa = 0;
    }
    while (pb === cb.length) {
      const next = ib.next();
      if (next.done) break;
      cb = next.value;
      pb = 0;
    }
    const endA = pa === ca.length;
    const endB = pb === cb.length;
    if (endA || endB) return endA && endB ? -1 : offset;
    if (ca[pa++] !== cb[pb++]) return offset;
  }
}

/**
 * Compares the named outputs of two runs. `a` and `b` map a file name to its content as chunks
 * (undefined: the run has no such file).
 */
export function determinism(files: readonly string[], a: (file: string) => Iterable<Uint8Array> | undefined, b: (file: string) => Iterable<Uint8Array> | undefined): Verdict {
  let checked = 0;
  for (const f of files) {
    const ca = a(f);
    const cb = b(f);
    if (ca === undefined && cb === undefined) continue;
    if (ca === undefined || cb === undefined) return { name: 'determinism', ok: false, checked, detail: `${f} is in only one of the two runs` };
    checked++;
    const at = firstDifference(ca, cb);
    if (at >= 0) return { name: 'determinism', ok: false, checked, detail: `${f} differs at byte ${at}` };
  }
  if (checked === 0) return { name: 'determinism', ok: false, checked, detail: 'the two runs hold no output files to compare' };
  return { name: 'determinism', ok: true, checked };
}
