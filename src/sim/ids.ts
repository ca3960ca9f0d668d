// Deterministic ids: nanoid's alphabet and length, drawn from a seeded stream instead of the OS.

import { customRandom } from 'nanoid';
import type { RandomStream } from './random.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function idGenerator(stream: RandomStream, prefix: string, size = 10): () => string {
  const next = customRandom(ALPHABET, size, (n) => stream.bytes(n));
  return () => prefix + next();
}
