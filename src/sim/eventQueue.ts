// The simulated clock and event queue in one: a binary heap ordered by (time, sequence), so two
// events due at the same instant run in the order they were scheduled. It also implements the
// clock interface xstate uses for `after` delays, so machine timers live on the same queue.
// Each entry knows its place in the heap, so cancelling one removes it at once: a cancelled timer
// (xstate's inclusion timeout once the transfer is in a block) must not keep its closure, and the
// finished actor the closure points to, alive until its due time.

/** What `at` returns and `cancel` takes: the entry itself, so cancelling needs no lookup by id. */
export interface TimerId {
  readonly time: number;
}

interface Scheduled extends TimerId {
  readonly seq: number;
  fn: (() => void) | undefined;
  /** Position in the heap array, kept up to date by every move. */
  index: number;
}

export class EventQueue {
  private readonly heap: Scheduled[] = [];
  private seq = 0;
  private current: number;

  constructor(start: number) {
    this.current = start;
  }

  /** Simulated time, ms since the Unix epoch. */
  get now(): number {
    return this.current;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Runs `fn` at simulated time `time` (never earlier than now). */
  at(time: number, fn: () => void): TimerId {
    if (!Number.isFinite(time)) throw new Error(`cannot schedule at ${time}`);
    const item: Scheduled = { time: time > this.current ? time : this.current, seq: ++this.seq, fn, index: this.heap.length };
    this.heap.push(item);
    this.up(item.index);
    return item;
  }

  after(ms: number, fn: () => void): TimerId {
    return this.at(this.current + ms, fn);
  }

  /** Removes the event from the queue, releasing its closure; cancelling twice, or after it ran, does nothing. */
  cancel(id: TimerId): void {
    const item = id as Scheduled;
    // Ran or cancelled already (no closure left), or not this queue's: nothing to remove.
    if (item.fn === undefined || this.heap[item.index] !== item) return;
    this.removeAt(item.index);
    item.fn = undefined;
  }

  /** Runs the next event; false when none is left. */
  step(): boolean {
    const h = this.heap;
    if (h.length === 0) return false;
    const item = h[0]!;
    this.removeAt(0);
    this.current = item.time;
    const fn = item.fn!;
    item.fn = undefined;
    fn();
    return true;
  }

  /** The clock xstate calls for delayed transitions. */
  readonly clock = {
    setTimeout: (fn: (...args: unknown[]) => void, timeout: number): TimerId => this.after(timeout, fn),
    clearTimeout: (id: TimerId): void => this.cancel(id),
  };

  private removeAt(i: number): void {
    const h = this.heap;
    const last = h.pop()!;
    if (i === h.length) return;
    h[i] = last;
    last.index = i;
    // The moved entry may belong above or below its new place.
    if (i > 0 && before(last, h[(i - 1) >> 1]!)) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const h = this.heap;
    const item = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(item, parent)) break;
      h[i] = parent;
      parent.index = i;
      i = p;
    }
    h[i] = item;
    item.index = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const item = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      const child = h[c]!;
      if (!before(child, item)) break;
      h[i] = child;
      child.index = i;
      i = c;
    }
    h[i] = item;
    item.index = i;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
