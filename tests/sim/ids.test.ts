import { describe, it, expect } from 'vitest';
import { idGenerator, RandomStream, RandomStreams } from '../../src/sim/index.js';

const take = (next: () => string, n: number) => Array.from({ length: n }, next);

describe('idGenerator', () => {
  it('makes the prefix plus ten characters of 0-9a-z', () => {
    const next = idGenerator(new RandomStream('ids', 1), 'pay-');
    for (const id of take(next, 200)) expect(id).toMatch(/^pay-[0-9a-z]{10}$/);
  });

  it('takes another size', () => {
    expect(idGenerator(new RandomStream('ids', 1), 'q', 4)()).toMatch(/^q[0-9a-z]{4}$/);
    expect(idGenerator(new RandomStream('ids', 1), '', 21)()).toMatch(/^[0-9a-z]{21}$/);
  });

  it('gives the same ids for the same seed and stream', () => {
    expect(take(idGenerator(new RandomStream('ids', 7), 'p'), 20)).toEqual(take(idGenerator(new RandomStream('ids', 7), 'p'), 20));
  });

  it('gives other ids for another seed or another stream', () => {
    const base = take(idGenerator(new RandomStream('ids', 7), 'p'), 5);
    expect(take(idGenerator(new RandomStream('ids', 8), 'p'), 5)).not.toEqual(base);
    expect(take(idGenerator(new RandomStream('quotes', 7), 'p'), 5)).not.toEqual(base);
  });

  it('does not repeat itself over many ids, and uses the whole alphabet', () => {
    const ids = take(idGenerator(new RandomStream('ids', 3), ''), 20_000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('')).size).toBe(36);
  });

  it('draws from its stream only: other streams of the run are not shifted by making ids', () => {
    const quiet = new RandomStreams(5);
    const expected = take(() => quiet.stream('exchange').float().toString(), 5);
    const busy = new RandomStreams(5);
    const next = idGenerator(busy.stream('ids'), 'p');
    const got = take(() => {
      next();
      return busy.stream('exchange').float().toString();
    }, 5);
    expect(got).toEqual(expected);
  });
});
