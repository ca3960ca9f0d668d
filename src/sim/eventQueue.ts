// The simulated clock and event queue in one: a binary heap ordered by (time, sequence), so two
// events due at the same instant run in the order they were scheduled. It also implements the
// clock interface xstate uses for `after` delays, so machine timers live on the same queue.

export type TimerId = number;

interface Scheduled {
  readonly time: number;
  readonly seq: number;
  readonly fn: () => void;
}

export class EventQueue {
  private heap: Scheduled[] = [];
  private readonly live = new Set<number>();
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
    return this.live.size;
  }

  /** Runs `fn` at simulated time `time` (never earlier than now). */
  at(time: number, fn: () => void): TimerId {
    if (!Number.isFinite(time)) throw new Error(`cannot schedule at ${time}`);
    const item: Scheduled = { time: Math.max(time, this.current), seq: ++this.seq, fn };
    this.live.add(item.seq);
    this.push(item);
    return item.seq;
  }

  after(ms: number, fn: () => void): TimerId {
    return this.at(this.current + ms, fn);
  }

  cancel(id: TimerId): void {
    this.live.delete(id);
  }

  /** Runs the next live event; false when none is left. */
  step(): boolean {
    for (;;) {
      const item = this.pop();
      if (!item) return false;
      if (!this.live.delete(item.seq)) continue;
      this.current = item.time;
      item.fn();
      return true;
    }
  }

  /** The clock xstate calls for delayed transitions. */
  readonly clock = {
    setTimeout: (fn: (...args: unknown[]) => void, timeout: number): TimerId => this.after(timeout, () => fn()),
    clearTimeout: (id: TimerId): void => this.cancel(id),
  };

  private before(a: Scheduled, b: Scheduled): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(item: Scheduled): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Scheduled | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
