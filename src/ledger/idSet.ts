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

// The shape, as a pattern (read by hand in readShaped): /^([A-Za-z]*-)([0-9a-z]{10})(?:(-[A-Za-z-]*)([1-9]\d{0,14}))?$/
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

/** A shaped id read: its table's shape, its ten characters as a number, its counter (0 if none). */
interface Shaped {
  prefix: string;
  suffix: string;
  a: number;
  b: number;
  counter: boolean;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** The base-36 digit of a character code of [0-9a-z], or -1. */
const digit36 = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1);

/**
 * Reads `id` into `into` if it has the run's shape (the pattern above), by hand: a set is asked
 * about every trace line, and a regular expression with its match array costs more than the rest.
 */
function readShaped(id: string, into: Shaped): boolean {
  const n = id.length;
  let i = 0;
  while (i < n && isLetter(id.charCodeAt(i))) i++;
  if (i >= n || id.charCodeAt(i) !== 45) return false;
  const start = i + 1;
  const end = start + 10;
  if (end > n) return false;
  let a = 0;
  for (let k = start; k < end; k++) {
    const d = digit36(id.charCodeAt(k));
    if (d < 0) return false;
    a = a * 36 + d;
  }
  into.a = a;
  if (end === n) {
    [into.b, into.counter] = [0, false];
    setShape(into, id, start, end, end);
    return true;
  }
  if (id.charCodeAt(end) !== 45) return false;
  let j = end + 1;
  while (j < n && (isLetter(id.charCodeAt(j)) || id.charCodeAt(j) === 45)) j++;
  // The counter: 1 to 15 digits, no leading zero, to the end.
  if (j === n || n - j > 15 || id.charCodeAt(j) === 48) return false;
  let b = 0;
  for (let k = j; k < n; k++) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return false;
    b = b * 10 + (c - 48);
  }
  [into.b, into.counter] = [b, true];
  setShape(into, id, start, end, j);
  return true;
}

/** The prefix (letters and "-") and the suffix before the counter, reusing the last strings when they match. */
function setShape(into: Shaped, id: string, start: number, end: number, j: number): void {
  if (!(into.prefix.length === start && id.startsWith(into.prefix))) into.prefix = id.slice(0, start);
  if (!(into.suffix.length === j - end && id.startsWith(into.suffix, end))) into.suffix = id.slice(end, j);
}

export class IdSet {
  /** By shape: the letters before, and the suffix before the counter. */
  private readonly shaped = new Map<string, NumberTable>();
  private readonly others = new Set<string>();
  private count = 0;
  private readonly read: Shaped = { prefix: '', suffix: '', a: 0, b: 0, counter: false };
  /** The table of the last shape asked about, and that shape: most ids in a run share one. */
  private last: { prefix: string; suffix: string; table: NumberTable } | null = null;

  /** How many ids were added. */
  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    const r = this.read;
    if (!readShaped(id, r)) return this.others.has(id);
    const table = this.tableOf(r, false);
    return table !== undefined && table.has(r.a, r.b);
  }

  /** Adds `id`; false if it was there. */
  add(id: string): boolean {
    const r = this.read;
    let added: boolean;
    if (!readShaped(id, r)) {
      added = !this.others.has(id);
      this.others.add(id);
    } else {
      added = this.tableOf(r, true)!.add(r.a, r.b);
    }
    if (added) this.count++;
    return added;
  }

  private tableOf(r: Shaped, create: boolean): NumberTable | undefined {
    const last = this.last;
    if (last && last.prefix === r.prefix && last.suffix === r.suffix) return last.table;
    const shape = `${r.prefix}|${r.suffix}`;
    let table = this.shaped.get(shape);
    if (!table && create) this.shaped.set(shape, (table = new NumberTable(r.counter)));
    if (table) this.last = { prefix: r.prefix, suffix: r.suffix, table };
    return table;
  }
}
