// Every duration a run's metrics keep for exact percentiles, in as few bytes as they allow: a
// million-payment run keeps a million durations in each of three lists (all payments' and settled
// ones' for the run, settled ones' for their channel), and a JS array of numbers costs 8 bytes an
// element plus its growth slack. Milliseconds that are whole and under 2^32 (about 49.7 days)
// fit 4 bytes; the first one that does not turns the list into 8-byte doubles, so no value is
// ever rounded.

const MAX_U32 = 0xffffffff;

export type DurationValues = Uint32Array | Float64Array;

export class Durations {
  private ms: DurationValues = new Uint32Array(64);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.ms instanceof Uint32Array && !(Number.isInteger(v) && v >= 0 && v <= MAX_U32)) this.ms = Float64Array.from(this.ms);
    if (this.n === this.ms.length) {
      const more = this.ms instanceof Uint32Array ? new Uint32Array(this.n * 2) : new Float64Array(this.n * 2);
      more.set(this.ms);
      this.ms = more;
    }
    this.ms[this.n++] = v;
  }

  /** The durations so far, ascending: sorted where they lie (their order means nothing), not copied. */
  sorted(): DurationValues {
    return this.ms.subarray(0, this.n).sort();
  }
}
