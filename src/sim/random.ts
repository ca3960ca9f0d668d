// Seeded randomness: one root seed split into named streams, so adding a component that draws
// numbers does not shift what the others draw. Each stream is a xoroshiro128+ generator whose
// 128-bit state is a hash of (root seed, stream name).

import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** FNV-1a over the text, then murmur3's finaliser: a well-mixed 32-bit word. */
function hash32(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h | 0;
}

export class RandomStream {
  private readonly rng: JumpableRandomGenerator;

  constructor(readonly name: string, rootSeed: number, from?: JumpableRandomGenerator) {
    if (from) {
      this.rng = from;
      return;
    }
    const key = `${rootSeed}/${name}`;
    const state: number[] = [hash32(key, 1), hash32(key, 2), hash32(key, 3), hash32(key, 4)];
    if (!state.some((w) => w !== 0)) state[0] = 1;
    this.rng = xoroshiro128plusFromState(state);
    // The first outputs of xoroshiro follow its state closely; let it mix first.
    for (let i = 0; i < 16; i++) this.rng.next();
  }

  /** An independent copy at this point of the stream: it draws what this one would draw next. */
  clone(): RandomStream {
    return new RandomStream(this.name, 0, this.rng.clone());
  }

  /** Uniform in [0, 1), 53 random bits. */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** Standard normal draw (Box-Muller; V8's Math.log/cos are fdlibm ports, the same on every platform). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(sigma * Z): a log-normal multiplier with median 1. */
  logNormalFactor(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rng.next() & 0xff;
    return out;
  }
}

/** The run's random streams, created on first use by name. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) this.streams.set(name, (s = new RandomStream(name, this.seed)));
    return s;
  }
}
