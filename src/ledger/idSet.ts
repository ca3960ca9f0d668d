// A set of ids that stays small when a run is long: a million-payment run remembers every payment
// id it gave (ids are unique) and every hold it resolved (a hold resolves once), and a Set of
// strings costs about 60 bytes an id. The ids a run makes have one shape, a few letters, ten
// base-36 characters, maybe a suffix and a counter ("pay-0a1b2c3d4e", "pay-0a1b2c3d4e-h17"), so
// such an id is kept as the exact numbers it spells, in an open-addressed table of doubles
// (8 to 16 bytes an id, twice that with a counter). Any other id is kept as it is. Exact: two ids share
// a slot only if they are the same string.

const SHAPED = /^([A-Za-z]*-)([0-9a-z]{10})(?:(-[A-Za-z-]*)([1-9]\d{0,14}))?$/;
const START_SLOTS = 1024;

/**
 * Numbers, or pairs of numbers for a shape with a counter, open-addressed, never removed. A
 * shape without a counter keeps no second array: 8 bytes a slot, not 16.
 */
class NumberTable {
  private a = new Float64Array(START_SLOTS).fill(NaN);
  private b: Float64Array | null;
  size = 0;

  constructor(withCounter: boolean) {
    this.b = withCounter ? new Float64Array(START_SLOTS) : null;
  }

  /** Adds (a, b); false if it was there. */
  add(a: number, b: number): boolean {
    const slot = this.find(a, b);
    if (!Number.isNaN(this.a[slot]!)) return false;
    this.a[slot] = a;
    if (this.b) this.b[slot] = b;
    if (++this.size * 4 > this.a.length * 3) this.grow();
    return true;
  }

  has(a: number, b: number): boolean {
    return !Number.isNaN(this.a[this.find(a, b)]!);
  }

  /** The slot holding (a, b), or the empty one where it would go. */
  private find(a: number, b: number): number {
    const mask = this.a.length - 1;
    // a < 36^10 < 2^52: its low and high halves mixed with b, multiplied into the table's range.
    let i = (Math.imul((a % 0x100000000) ^ Math.floor(a / 0x100000000) ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const here = this.a[i]!;
      if (Number.isNaN(here) || (here === a && (this.b === null || this.b[i] === b))) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const [oldA, oldB] = [this.a, this.b];
    this.a = new Float64Array(oldA.length * 2).fill(NaN);
    this.b = oldB && new Float64Array(oldA.length * 2);
    for (let j = 0; j < oldA.length; j++) {
      const a = oldA[j]!;
      if (Number.isNaN(a)) continue;
      const b = oldB ? oldB[j]! : 0;
      const slot = this.find(a, b);
      this.a[slot] = a;
      if (this.b) this.b[slot] = b;
    }
  }
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
