// A list of numbers or bigints that only grows, in typed arrays of a fixed size: for what a long
// run keeps one of per payment. It costs its elements plus at most one part-filled chunk, and
// growing never copies what is there (a doubling array is up to half empty and, as it grows,
// holds its old and new copies at once).

/** 4,096 elements, 32 KB: small enough that a short run's few lists cost little. */
const SHIFT = 12;
const CHUNK = 1 << SHIFT;

/** A typed array of `n` elements, seen through its index. */
type Make<T> = (n: number) => { [i: number]: T };

export class Chunks<T extends number | bigint> {
  private readonly chunks: { [i: number]: T }[] = [];
  private n = 0;

  constructor(private readonly make: Make<T>) {}

  get length(): number {
    return this.n;
  }

  push(v: T): void {
    if ((this.n & (CHUNK - 1)) === 0) this.chunks.push(this.make(CHUNK));
    this.chunks[this.n >>> SHIFT]![this.n & (CHUNK - 1)] = v;
    this.n++;
  }

  /** The k-th element, 0 <= k < length. */
  at(k: number): T {
    return this.chunks[k >>> SHIFT]![k & (CHUNK - 1)]!;
  }
}
