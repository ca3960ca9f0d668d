// Positions 0..n-1 taken in the order of their times, for the sweep over a long run's intervals at
// risk: each block of 4,096 positions is sorted alone, then the blocks are merged through a heap.
// Why not one sort: V8 sorts a typed array with a comparator through two copies of it, so sorting
// a million positions at once held 16 MB more at the run's end than the positions themselves.

const BLOCK = 4096;

/** Takes positions in time order; positions of equal time come in no particular order. */
export interface Ordered {
  /** The time of the next position, or Infinity when none is left. */
  nextTime(): number;
  /** The next position. */
  take(): number;
}

/** Positions already in time order (intervals that came in the order they end). */
export function inOrder(time: (k: number) => number, n: number): Ordered {
  let j = 0;
  return { nextTime: () => (j < n ? time(j) : Infinity), take: () => j++ };
}

export class TimeOrder implements Ordered {
  private readonly blocks: Uint32Array[] = [];
  /** Per block, how many of its positions were taken. */
  private readonly taken: Uint32Array;
  /** Blocks with positions left, a min-heap by the time of each block's next position. */
  private readonly heap: Uint32Array;
  private size = 0;

  constructor(
    private readonly time: (k: number) => number,
    n: number,
  ) {
    for (let start = 0; start < n; start += BLOCK) {
      const block = new Uint32Array(Math.min(BLOCK, n - start));
      for (let k = 0; k < block.length; k++) block[k] = start + k;
      this.blocks.push(block.sort((a, b) => time(a) - time(b)));
    }
    this.taken = new Uint32Array(this.blocks.length);
    this.heap = new Uint32Array(this.blocks.length);
    for (let b = 0; b < this.blocks.length; b++) {
      this.heap[this.size++] = b;
      this.up(this.size - 1);
    }
  }

  nextTime(): number {
    return this.size === 0 ? Infinity : this.headTime(this.heap[0]!);
  }

  take(): number {
    const b = this.heap[0]!;
    const k = this.blocks[b]![this.taken[b]!++]!;
    if (this.taken[b] === this.blocks[b]!.length) this.heap[0] = this.heap[--this.size]!;
    if (this.size > 0) this.down(0);
    return k;
  }

  private headTime(b: number): number {
    return this.time(this.blocks[b]![this.taken[b]!]!);
  }

  private up(i: number): void {
    const { heap } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.headTime(heap[parent]!) <= this.headTime(heap[i]!)) return;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const { heap } = this;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (l < this.size && this.headTime(heap[l]!) < this.headTime(heap[least]!)) least = l;
      if (r < this.size && this.headTime(heap[r]!) < this.headTime(heap[least]!)) least = r;
      if (least === i) return;
      [heap[least], heap[i]] = [heap[i]!, heap[least]!];
      i = least;
    }
  }
}
