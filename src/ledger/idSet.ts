// A set of ids that stays small when a run is long: a million-payment run remembers every payment
// id it gave (ids are unique) and every hold it resolved (a hold resolves once), and a Set of
// strings costs about 60 bytes an id. The ids a run makes have one shape, a few letters, ten
// base-36 characters, maybe a suffix and a counter ("pay-0a1b2c3d4e", "pay-0a1b2c3d4e-h17"), so
// such an id is kept as the exact numbers it spells (8 bytes, 16 with a counter), sorted in one of
// many small buckets. Any other id is kept as it is. Exact: two ids share a place only if they are
// the same string.
//
// Why buckets rather than one hash table: a table of doubles grows by doubling and stays at most
// three-quarters full, so it costs 11 to 21 bytes an id and, as it grows, holds the old table and
// one twice its size at once (at a million holds, 50 MB for an instant). Small sorted buckets that
// grow by a quarter cost about 10 bytes an id and never copy more than one bucket.

const SHAPED = /^([A-Za-z]*-)([0-9a-z]{10})(?:(-[A-Za-z-]*)([1-9]\d{0,14}))?$/;
/** Buckets per table: a million ids put about 250 in each, found by a binary search. */
const BUCKETS = 4096;
const FIRST_CAPACITY = 4;

/**
 * Numbers, or pairs of numbers for a shape with a counter, never removed, in buckets chosen by a
 * hash, each sorted by (a, b). A shape without a counter keeps no second array.
 */
class NumberTable {
  private readonly a: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(BUCKETS);
  private readonly b: (Float64Array | undefined)[] | null;
  private readonly used = new Uint32Array(BUCKETS);

  constructor(withCounter: boolean) {
    this.b = withCounter ? new Array<Float64Array | undefined>(BUCKETS) : null;
  }

  /** Adds (a, b); false if it was there. */
  add(a: number, b: number): boolean {
    const k = bucketOf(a, b);
    const n = this.used[k]!;
    const at = this.search(k, a, b);
    if (at >= 0) return false;
    const i = -at - 1;
    let as = this.a[k];
    let bs = this.b?.[k];
    if (!as || n === as.length) {
      const size = as ? as.length + (as.length >> 2) + FIRST_CAPACITY : FIRST_CAPACITY;
      const more = new Float64Array(size);
      if (as) more.set(as);
      this.a[k] = as = more;
      if (this.b) {
        const moreB = new Float64Array(size);
        if (bs) moreB.set(bs);
        this.b[k] = bs = moreB;
      }
    }
    as.copyWithin(i + 1, i, n);
    as[i] = a;
    if (bs) {
      bs.copyWithin(i + 1, i, n);
      bs[i] = b;
    }
    this.used[k] = n + 1;
    return true;
  }

  has(a: number, b: number): boolean {
    return this.search(bucketOf(a, b), a, b) >= 0;
  }

  /** Where (a, b) is in bucket k, or -(where it would go) - 1. */
  private search(k: number, a: number, b: number): number {
    const as = this.a[k];
    if (!as) return -1;
    const bs = this.b?.[k];
    let [lo, hi] = [0, this.used[k]! - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = as[mid]!;
      const y = bs ? bs[mid]! : 0;
      if (x < a || (x === a && y < b)) lo = mid + 1;
      else if (x > a || y > b) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }
}

/** a < 36^10 < 2^52: its low and high halves mixed with b, multiplied into the bucket range. */
function bucketOf(a: number, b: number): number {
  return (Math.imul((a % 0x100000000) ^ Math.floor(a / 0x100000000) ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1) >>> 20) & (BUCKETS - 1);
}

export class IdSet {
  /** By shape: the letters before, and the suffix before the counter. */
  private readonly shaped = new Map<string, NumberTable>();
  private readonly others = new Set<string>();
  private count = 0;

  /** How many ids were added. */
  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    const m = SHAPED.exec(id);
    if (!m) return this.others.has(id);
    const table = this.shaped.get(`${m[1]!}|${m[3] ?? ''}`);
    return table !== undefined && table.has(parseInt(m[2]!, 36), m[4] === undefined ? 0 : Number(m[4]));
  }

  /** Adds `id`; false if it was there. */
  add(id: string): boolean {
    const m = SHAPED.exec(id);
    let added: boolean;
    if (!m) {
      added = !this.others.has(id);
      this.others.add(id);
    } else {
      const shape = `${m[1]!}|${m[3] ?? ''}`;
      let table = this.shaped.get(shape);
      if (!table) this.shaped.set(shape, (table = new NumberTable(m[4] !== undefined)));
      added = table.add(parseInt(m[2]!, 36), m[4] === undefined ? 0 : Number(m[4]));
    }
    if (added) this.count++;
    return added;
  }
}
