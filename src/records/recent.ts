// The last few values a pure function gave, kept by their key: a run's outcomes state the same few
// prices line after line while prices hold still, so each is read (parsed, converted) once. Keys
// are compared by identity (===), which for strings is by text. Bounded: a run whose prices move
// at every line keeps no more than the last eight.

const RECENT = 8;

export class Recent<K, V> {
  private readonly keys: (K | undefined)[] = Array.from({ length: RECENT }, () => undefined);
  private readonly values: V[] = [];
  private next = 0;

  constructor(private readonly read: (key: K) => V) {}

  of(key: K): V {
    for (let i = 0; i < RECENT; i++) if (this.keys[i] === key) return this.values[i]!;
    const v = this.read(key);
    this.keys[this.next] = key;
    this.values[this.next] = v;
    this.next = (this.next + 1) % RECENT;
    return v;
  }
}
